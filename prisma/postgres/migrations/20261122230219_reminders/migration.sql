-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "itemKey" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "scheduledAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'sent',
    "late" BOOLEAN NOT NULL DEFAULT false,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "localDate" TEXT NOT NULL,
    "outboxId" TEXT,
    "messageKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderAck" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "itemKey" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "memberKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "until" TIMESTAMP(3),
    "at" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReminderAck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ItemCompletion" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "itemKey" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ItemCompletion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrackedItem" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "dueDate" TEXT,
    "assignees" TEXT NOT NULL,
    "unitKey" TEXT,
    "escalateTo" TEXT,
    "escalateAfter" TEXT,
    "ladder" TEXT,
    "critical" BOOLEAN NOT NULL DEFAULT false,
    "sourceType" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrackedItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Reminder_recipient_localDate_idx" ON "Reminder"("recipient", "localDate");

-- CreateIndex
CREATE INDEX "Reminder_messageKey_idx" ON "Reminder"("messageKey");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_campaignId_itemKey_periodKey_recipient_step_key" ON "Reminder"("campaignId", "itemKey", "periodKey", "recipient", "step");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderAck_campaignId_itemKey_periodKey_memberKey_kind_key" ON "ReminderAck"("campaignId", "itemKey", "periodKey", "memberKey", "kind");

-- CreateIndex
CREATE INDEX "ItemCompletion_campaignId_itemKey_idx" ON "ItemCompletion"("campaignId", "itemKey");

-- CreateIndex
CREATE UNIQUE INDEX "ItemCompletion_campaignId_itemKey_periodKey_subject_key" ON "ItemCompletion"("campaignId", "itemKey", "periodKey", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "TrackedItem_key_key" ON "TrackedItem"("key");

-- CreateIndex
CREATE INDEX "TrackedItem_campaignId_closedAt_idx" ON "TrackedItem"("campaignId", "closedAt");
