-- AlterTable
ALTER TABLE "AcmeAccount" ADD COLUMN     "deactivatedAt" TIMESTAMP(3);

