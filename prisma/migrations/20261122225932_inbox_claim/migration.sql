-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN "claimedUntil" DATETIME;
