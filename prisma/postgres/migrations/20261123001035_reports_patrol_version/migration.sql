-- AlterTable
ALTER TABLE "Patrol" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;
