-- CreateTable
CREATE TABLE "AcmeAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "directoryUrl" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "termsAccepted" BOOLEAN NOT NULL DEFAULT false,
    "directoryCaPem" TEXT NOT NULL DEFAULT '',
    "eabKeyId" TEXT NOT NULL DEFAULT '',
    "eabHmacKeySealed" BLOB,
    "accountKeySealed" BLOB NOT NULL,
    "accountUrl" TEXT NOT NULL DEFAULT '',
    "dnsUpdateServer" TEXT NOT NULL DEFAULT '',
    "tsigKeyName" TEXT NOT NULL DEFAULT '',
    "tsigAlgorithm" TEXT NOT NULL DEFAULT 'hmac-sha256',
    "tsigSecretSealed" BLOB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AcmeOrder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "orderUrl" TEXT NOT NULL DEFAULT '',
    "friendlyName" TEXT NOT NULL DEFAULT '',
    "domains" JSONB NOT NULL,
    "serverIds" JSONB NOT NULL,
    "solver" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Pending',
    "dnsRecords" JSONB,
    "csrDer" BLOB NOT NULL,
    "privateKeyId" TEXT NOT NULL,
    "errorCode" TEXT NOT NULL DEFAULT '',
    "problem" TEXT NOT NULL DEFAULT '',
    "certificateId" TEXT,
    "renewsCertificateId" TEXT,
    "autoEnableServices" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "revokedAt" DATETIME,
    "revocationReason" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AcmeOrder_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "AcmeAccount" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AcmeOrder_privateKeyId_fkey" FOREIGN KEY ("privateKeyId") REFERENCES "PrivateKey" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AcmeOrder_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AcmeOrder_renewsCertificateId_fkey" FOREIGN KEY ("renewsCertificateId") REFERENCES "Certificate" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "AcmeAccount_name_key" ON "AcmeAccount"("name");

-- CreateIndex
CREATE INDEX "AcmeOrder_status_idx" ON "AcmeOrder"("status");

-- CreateIndex
CREATE INDEX "AcmeOrder_certificateId_idx" ON "AcmeOrder"("certificateId");
