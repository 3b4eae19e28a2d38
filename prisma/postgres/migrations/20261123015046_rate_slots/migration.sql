-- CreateTable
CREATE TABLE "RateSlot" (
    "bucket" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "freeAt" TIMESTAMP(3) NOT NULL,
    "holder" TEXT,

    CONSTRAINT "RateSlot_pkey" PRIMARY KEY ("bucket","slot")
);
