-- CreateTable
CREATE TABLE "SimSnapshot" (
    "id" TEXT NOT NULL,
    "json" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SimSnapshot_pkey" PRIMARY KEY ("id")
);
