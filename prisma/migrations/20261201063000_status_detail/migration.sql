-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN "statusDetail" JSONB;

