-- CreateTable
CREATE TABLE "PatrolRoster" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "unitKey" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "startTime" TEXT NOT NULL,
    "endTime" TEXT NOT NULL,
    "weekdays" TEXT NOT NULL,
    "areas" TEXT NOT NULL,
    "patrollerOpenId" TEXT NOT NULL,
    "patrollerName" TEXT,
    "source" TEXT NOT NULL DEFAULT 'chat',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Patrol" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "unitKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'patrol',
    "slot" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "patrollerOpenId" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "areas" TEXT,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "result" TEXT,
    "seen" TEXT,
    "actionTaken" TEXT,
    "followUpNeeded" BOOLEAN NOT NULL DEFAULT false,
    "submittedAt" DATETIME,
    "submittedBy" TEXT,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "nudgedAt" DATETIME,
    "escalatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "unitKey" TEXT NOT NULL,
    "patrolId" TEXT,
    "kind" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "actionTaken" TEXT,
    "ownerOpenId" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "closedAt" DATETIME,
    "closedBy" TEXT,
    "closeNote" TEXT,
    "incidentCaseId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Finding_patrolId_fkey" FOREIGN KEY ("patrolId") REFERENCES "Patrol" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportSubmission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "unitKey" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "valuesJson" TEXT NOT NULL,
    "prefillJson" TEXT,
    "incidentCount" INTEGER,
    "reportedCount" INTEGER,
    "criminalCount" INTEGER,
    "handledCount" INTEGER,
    "dueDate" TEXT,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "submittedBy" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "PatrolRoster_campaignId_unitKey_slot_key" ON "PatrolRoster"("campaignId", "unitKey", "slot");

-- CreateIndex
CREATE INDEX "Patrol_campaignId_period_status_idx" ON "Patrol"("campaignId", "period", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Patrol_campaignId_unitKey_kind_slot_date_key" ON "Patrol"("campaignId", "unitKey", "kind", "slot", "date");

-- CreateIndex
CREATE INDEX "Finding_campaignId_unitKey_status_idx" ON "Finding"("campaignId", "unitKey", "status");

-- CreateIndex
CREATE INDEX "Finding_campaignId_period_idx" ON "Finding"("campaignId", "period");

-- CreateIndex
CREATE INDEX "ReportSubmission_campaignId_period_idx" ON "ReportSubmission"("campaignId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "ReportSubmission_campaignId_form_unitKey_period_key" ON "ReportSubmission"("campaignId", "form", "unitKey", "period");
