-- CreateTable
CREATE TABLE "Bulletin" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'review',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "summaryJson" TEXT NOT NULL,
    "note" TEXT,
    "reviewers" TEXT,
    "publishedAt" TIMESTAMP(3),
    "publishedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Bulletin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulletinSetting" (
    "campaignId" TEXT NOT NULL,
    "review" BOOLEAN NOT NULL DEFAULT false,
    "updatedBy" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BulletinSetting_pkey" PRIMARY KEY ("campaignId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Bulletin_campaignId_kind_periodKey_key" ON "Bulletin"("campaignId", "kind", "periodKey");
