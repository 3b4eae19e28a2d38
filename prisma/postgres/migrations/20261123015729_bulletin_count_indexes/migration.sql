-- DropIndex
DROP INDEX "IncidentCase_campaignId_unitKey_openedAt_idx";

-- CreateIndex
CREATE INDEX "IncidentCase_bulletin_state_idx" ON "IncidentCase"("campaignId", "unitKey", "openedAt", "closedAt", "investigatedAt", "investigationDueAt", "reportDueAt", "reportSubmittedAt");

-- CreateIndex
CREATE INDEX "IncidentCase_bulletin_opened_idx" ON "IncidentCase"("campaignId", "openedAt", "closedAt");

-- CreateIndex
CREATE INDEX "Patrol_bulletin_idx" ON "Patrol"("campaignId", "kind", "date", "unitKey", "status", "dueAt");
