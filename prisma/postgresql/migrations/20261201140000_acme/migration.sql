-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "labCa" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Setting" ADD COLUMN     "demoLabEnabled" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "AcmeAccount" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "directoryUrl" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "termsAccepted" BOOLEAN NOT NULL DEFAULT false,
    "directoryCaPem" TEXT NOT NULL DEFAULT '',
    "eabKeyId" TEXT NOT NULL DEFAULT '',
    "eabHmacKeySealed" BYTEA,
    "accountKeySealed" BYTEA NOT NULL,
    "accountUrl" TEXT NOT NULL DEFAULT '',
    "dnsUpdateServer" TEXT NOT NULL DEFAULT '',
    "tsigKeyName" TEXT NOT NULL DEFAULT '',
    "tsigAlgorithm" TEXT NOT NULL DEFAULT 'hmac-sha256',
    "tsigSecretSealed" BYTEA,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AcmeAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AcmeOrder" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "orderUrl" TEXT NOT NULL DEFAULT '',
    "friendlyName" TEXT NOT NULL DEFAULT '',
    "domains" JSONB NOT NULL,
    "serverIds" JSONB NOT NULL,
    "solver" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Pending',
    "dnsRecords" JSONB,
    "csrDer" BYTEA NOT NULL,
    "privateKeyId" TEXT NOT NULL,
    "errorCode" TEXT NOT NULL DEFAULT '',
    "problem" TEXT NOT NULL DEFAULT '',
    "certificateId" TEXT,
    "renewsCertificateId" TEXT,
    "autoEnableServices" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "revokedAt" TIMESTAMP(3),
    "revocationReason" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AcmeOrder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AcmeAccount_name_key" ON "AcmeAccount"("name");

-- CreateIndex
CREATE INDEX "AcmeOrder_status_idx" ON "AcmeOrder"("status");

-- CreateIndex
CREATE INDEX "AcmeOrder_certificateId_idx" ON "AcmeOrder"("certificateId");

-- AddForeignKey
ALTER TABLE "AcmeOrder" ADD CONSTRAINT "AcmeOrder_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "AcmeAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AcmeOrder" ADD CONSTRAINT "AcmeOrder_privateKeyId_fkey" FOREIGN KEY ("privateKeyId") REFERENCES "PrivateKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AcmeOrder" ADD CONSTRAINT "AcmeOrder_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AcmeOrder" ADD CONSTRAINT "AcmeOrder_renewsCertificateId_fkey" FOREIGN KEY ("renewsCertificateId") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

