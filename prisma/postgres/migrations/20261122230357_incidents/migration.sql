-- CreateTable
CREATE TABLE "IncidentCase" (
    "id" TEXT NOT NULL,
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
    "occurredAt" TIMESTAMP(3) NOT NULL,
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
    "openedAt" TIMESTAMP(3) NOT NULL,
    "investigationDueAt" TIMESTAMP(3) NOT NULL,
    "investigatedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closedBy" TEXT,
    "resultText" TEXT,
    "causeText" TEXT,
    "nextStepsText" TEXT,
    "reportDueAt" TIMESTAMP(3),
    "reportDueDate" TEXT,
    "reportSubmittedAt" TIMESTAMP(3),
    "reportSubmittedBy" TEXT,
    "taskForceChatId" TEXT,
    "taskForceCardId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncidentCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseStep" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "byOpenId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "note" TEXT,

    CONSTRAINT "CaseStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseMember" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "openId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "addedBy" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseCard" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "view" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "messageId" TEXT,
    "outboxId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseCard_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "CaseStep" ADD CONSTRAINT "CaseStep_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "IncidentCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMember" ADD CONSTRAINT "CaseMember_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "IncidentCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseCard" ADD CONSTRAINT "CaseCard_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "IncidentCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;
