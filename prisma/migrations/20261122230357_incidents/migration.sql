-- CreateTable
CREATE TABLE "IncidentCase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseNo" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "unitKey" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "submissionKey" TEXT NOT NULL,
    "reporterOpenId" TEXT NOT NULL,
    "reporterMessageId" TEXT,
    "flow" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "occurredAt" DATETIME NOT NULL,
    "location" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "kindPhysical" BOOLEAN NOT NULL DEFAULT false,
    "kindVerbal" BOOLEAN NOT NULL DEFAULT false,
    "kindCyber" BOOLEAN NOT NULL DEFAULT false,
    "kindProperty" BOOLEAN NOT NULL DEFAULT false,
    "kindExclusion" BOOLEAN NOT NULL DEFAULT false,
    "severity" TEXT NOT NULL,
    "major" BOOLEAN NOT NULL DEFAULT false,
    "majorCasualty" BOOLEAN NOT NULL DEFAULT false,
    "majorWeapon" BOOLEAN NOT NULL DEFAULT false,
    "majorOnline" BOOLEAN NOT NULL DEFAULT false,
    "majorGroup" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    "publicAttention" BOOLEAN NOT NULL DEFAULT false,
    "victimCount" INTEGER NOT NULL,
    "actorCount" INTEGER NOT NULL,
    "grades" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "privateNote" TEXT,
    "measures" TEXT,
    "openedAt" DATETIME NOT NULL,
    "investigationDueAt" DATETIME NOT NULL,
    "investigatedAt" DATETIME,
    "closedAt" DATETIME,
    "closedBy" TEXT,
    "resultText" TEXT,
    "causeText" TEXT,
    "nextStepsText" TEXT,
    "reportDueAt" DATETIME,
    "reportDueDate" TEXT,
    "reportSubmittedAt" DATETIME,
    "reportSubmittedBy" TEXT,
    "taskForceChatId" TEXT,
    "taskForceCardId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CaseStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "byOpenId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "note" TEXT,
    CONSTRAINT "CaseStep_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "IncidentCase" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "openId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "addedBy" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL,
    CONSTRAINT "CaseMember_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "IncidentCase" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseCard" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "view" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "messageId" TEXT,
    "outboxId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaseCard_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "IncidentCase" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "IncidentCase_caseNo_key" ON "IncidentCase"("caseNo");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentCase_submissionKey_key" ON "IncidentCase"("submissionKey");

-- CreateIndex
CREATE INDEX "IncidentCase_campaignId_unitKey_openedAt_idx" ON "IncidentCase"("campaignId", "unitKey", "openedAt");

-- CreateIndex
CREATE INDEX "IncidentCase_campaignId_status_idx" ON "IncidentCase"("campaignId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentCase_campaignId_unitKey_year_seq_key" ON "IncidentCase"("campaignId", "unitKey", "year", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "CaseStep_caseId_key_key" ON "CaseStep"("caseId", "key");

-- CreateIndex
CREATE INDEX "CaseMember_openId_idx" ON "CaseMember"("openId");

-- CreateIndex
CREATE UNIQUE INDEX "CaseMember_caseId_openId_key" ON "CaseMember"("caseId", "openId");

-- CreateIndex
CREATE UNIQUE INDEX "CaseCard_caseId_recipient_view_key" ON "CaseCard"("caseId", "recipient", "view");
