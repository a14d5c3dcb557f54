-- AlterTable
ALTER TABLE "AcmeAccount" ADD COLUMN "deactivatedAt" DATETIME;

