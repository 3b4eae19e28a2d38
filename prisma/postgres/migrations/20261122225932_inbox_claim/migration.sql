-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN     "claimedUntil" TIMESTAMP(3);
