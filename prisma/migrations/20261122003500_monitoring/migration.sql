-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "eventId" INTEGER,
    "severity" TEXT NOT NULL,
    "certificateId" TEXT,
    "message" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" DATETIME,
    "acknowledgedBy" TEXT,
    "deliveries" JSONB NOT NULL DEFAULT [],
    CONSTRAINT "Alert_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Endpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "starttls" TEXT,
    "lastProbeAt" DATETIME,
    "lastStatus" TEXT,
    "lastThumbprint" TEXT,
    "lastReport" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Endpoint_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PartnerHost" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "domain" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 25,
    "starttls" TEXT DEFAULT 'smtp',
    "lastProbeAt" DATETIME,
    "lastStatus" TEXT,
    "lastReport" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "thumbprint" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "der" BLOB NOT NULL,
    "subject" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "notBefore" DATETIME NOT NULL,
    "notAfter" DATETIME NOT NULL,
    "domains" JSONB NOT NULL,
    "keyAlgorithm" TEXT NOT NULL,
    "publicKeySize" INTEGER NOT NULL,
    "signatureAlgorithm" TEXT NOT NULL,
    "ekus" JSONB NOT NULL,
    "friendlyName" TEXT NOT NULL DEFAULT '',
    "isSelfSigned" BOOLEAN NOT NULL,
    "isCa" BOOLEAN NOT NULL DEFAULT false,
    "alertsMuted" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'Unknown',
    "statusReason" TEXT NOT NULL DEFAULT '',
    "statusCheckedAt" DATETIME,
    "privateKeyId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Certificate_privateKeyId_fkey" FOREIGN KEY ("privateKeyId") REFERENCES "PrivateKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Certificate" ("createdAt", "der", "domains", "ekus", "friendlyName", "id", "isCa", "isSelfSigned", "issuer", "keyAlgorithm", "notAfter", "notBefore", "privateKeyId", "publicKeySize", "serialNumber", "sha256", "signatureAlgorithm", "status", "statusCheckedAt", "statusReason", "subject", "thumbprint", "updatedAt") SELECT "createdAt", "der", "domains", "ekus", "friendlyName", "id", "isCa", "isSelfSigned", "issuer", "keyAlgorithm", "notAfter", "notBefore", "privateKeyId", "publicKeySize", "serialNumber", "sha256", "signatureAlgorithm", "status", "statusCheckedAt", "statusReason", "subject", "thumbprint", "updatedAt" FROM "Certificate";
DROP TABLE "Certificate";
ALTER TABLE "new_Certificate" RENAME TO "Certificate";
CREATE UNIQUE INDEX "Certificate_thumbprint_key" ON "Certificate"("thumbprint");
CREATE UNIQUE INDEX "Certificate_sha256_key" ON "Certificate"("sha256");
CREATE UNIQUE INDEX "Certificate_privateKeyId_key" ON "Certificate"("privateKeyId");
CREATE INDEX "Certificate_notAfter_idx" ON "Certificate"("notAfter");
CREATE INDEX "Certificate_status_idx" ON "Certificate"("status");
CREATE TABLE "new_CertificateInstallation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverId" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "hasPrivateKey" BOOLEAN NOT NULL,
    "privateKeyExportable" BOOLEAN NOT NULL,
    "rootCaType" TEXT NOT NULL DEFAULT 'Unknown',
    "viaCrossCertificate" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CertificateInstallation_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CertificateInstallation_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CertificateInstallation" ("certificateId", "createdAt", "hasPrivateKey", "id", "privateKeyExportable", "serverId") SELECT "certificateId", "createdAt", "hasPrivateKey", "id", "privateKeyExportable", "serverId" FROM "CertificateInstallation";
DROP TABLE "CertificateInstallation";
ALTER TABLE "new_CertificateInstallation" RENAME TO "CertificateInstallation";
CREATE INDEX "CertificateInstallation_certificateId_idx" ON "CertificateInstallation"("certificateId");
CREATE UNIQUE INDEX "CertificateInstallation_serverId_certificateId_key" ON "CertificateInstallation"("serverId", "certificateId");
CREATE TABLE "new_Setting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "revocationPolicy" TEXT NOT NULL DEFAULT 'strict',
    "revocationOrder" TEXT NOT NULL DEFAULT 'ocspFirst',
    "proxyServer" TEXT NOT NULL DEFAULT '',
    "proxyBypass" TEXT NOT NULL DEFAULT '',
    "useEnvironmentProxy" BOOLEAN NOT NULL DEFAULT false,
    "urlAllowList" TEXT NOT NULL DEFAULT '',
    "fetchTimeoutMs" INTEGER NOT NULL DEFAULT 15000,
    "expiryWarningDays" TEXT NOT NULL DEFAULT '60,30,14,7',
    "alertEmailEnabled" BOOLEAN NOT NULL DEFAULT false,
    "smtpRelayHost" TEXT NOT NULL DEFAULT '',
    "smtpRelayPort" INTEGER NOT NULL DEFAULT 25,
    "smtpRelayStartTls" BOOLEAN NOT NULL DEFAULT true,
    "alertFrom" TEXT NOT NULL DEFAULT 'certconsole@contoso.com',
    "alertTo" TEXT NOT NULL DEFAULT '',
    "webhookUrl" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Setting" ("expiryWarningDays", "fetchTimeoutMs", "id", "proxyBypass", "proxyServer", "revocationOrder", "revocationPolicy", "updatedAt", "urlAllowList", "useEnvironmentProxy") SELECT "expiryWarningDays", "fetchTimeoutMs", "id", "proxyBypass", "proxyServer", "revocationOrder", "revocationPolicy", "updatedAt", "urlAllowList", "useEnvironmentProxy" FROM "Setting";
DROP TABLE "Setting";
ALTER TABLE "new_Setting" RENAME TO "Setting";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Alert_key_key" ON "Alert"("key");

-- CreateIndex
CREATE INDEX "Alert_createdAt_idx" ON "Alert"("createdAt");

-- CreateIndex
CREATE INDEX "Alert_kind_idx" ON "Alert"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "Endpoint_serverId_service_host_port_key" ON "Endpoint"("serverId", "service", "host", "port");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerHost_host_port_key" ON "PartnerHost"("host", "port");

