-- CreateTable
CREATE TABLE "RateSlot" (
    "bucket" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "freeAt" DATETIME NOT NULL,
    "holder" TEXT,

    PRIMARY KEY ("bucket", "slot")
);
