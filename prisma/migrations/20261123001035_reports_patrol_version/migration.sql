-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Patrol" (
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
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Patrol" ("actionTaken", "areas", "campaignId", "createdAt", "date", "dueAt", "endedAt", "escalatedAt", "followUpNeeded", "id", "kind", "late", "nudgedAt", "patrollerOpenId", "period", "result", "seen", "slot", "startedAt", "status", "submittedAt", "submittedBy", "unitKey", "updatedAt") SELECT "actionTaken", "areas", "campaignId", "createdAt", "date", "dueAt", "endedAt", "escalatedAt", "followUpNeeded", "id", "kind", "late", "nudgedAt", "patrollerOpenId", "period", "result", "seen", "slot", "startedAt", "status", "submittedAt", "submittedBy", "unitKey", "updatedAt" FROM "Patrol";
DROP TABLE "Patrol";
ALTER TABLE "new_Patrol" RENAME TO "Patrol";
CREATE INDEX "Patrol_campaignId_period_status_idx" ON "Patrol"("campaignId", "period", "status");
CREATE UNIQUE INDEX "Patrol_campaignId_unitKey_kind_slot_date_key" ON "Patrol"("campaignId", "unitKey", "kind", "slot", "date");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
