-- CreateTable
CREATE TABLE "Bulletin" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'review',
    "dueAt" DATETIME NOT NULL,
    "summaryJson" TEXT NOT NULL,
    "note" TEXT,
    "reviewers" TEXT,
    "publishedAt" DATETIME,
    "publishedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BulletinSetting" (
    "campaignId" TEXT NOT NULL PRIMARY KEY,
    "review" BOOLEAN NOT NULL DEFAULT false,
    "updatedBy" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Bulletin_campaignId_kind_periodKey_key" ON "Bulletin"("campaignId", "kind", "periodKey");
