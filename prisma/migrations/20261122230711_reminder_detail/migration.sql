-- AlterTable
ALTER TABLE "Reminder" ADD COLUMN "detail" TEXT;
