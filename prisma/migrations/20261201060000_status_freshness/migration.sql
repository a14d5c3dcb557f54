-- AlterTable
ALTER TABLE "Alert" ADD COLUMN "resolvedAt" DATETIME;

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
    "revocationCheckedAt" DATETIME,
    "statusVersion" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Certificate_privateKeyId_fkey" FOREIGN KEY ("privateKeyId") REFERENCES "PrivateKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Certificate" ("alertsMuted", "createdAt", "der", "domains", "ekus", "friendlyName", "id", "isCa", "isSelfSigned", "issuer", "keyAlgorithm", "notAfter", "notBefore", "privateKeyId", "publicKeySize", "serialNumber", "sha256", "signatureAlgorithm", "status", "statusCheckedAt", "statusReason", "subject", "thumbprint", "updatedAt") SELECT "alertsMuted", "createdAt", "der", "domains", "ekus", "friendlyName", "id", "isCa", "isSelfSigned", "issuer", "keyAlgorithm", "notAfter", "notBefore", "privateKeyId", "publicKeySize", "serialNumber", "sha256", "signatureAlgorithm", "status", "statusCheckedAt", "statusReason", "subject", "thumbprint", "updatedAt" FROM "Certificate";
DROP TABLE "Certificate";
ALTER TABLE "new_Certificate" RENAME TO "Certificate";
CREATE UNIQUE INDEX "Certificate_thumbprint_key" ON "Certificate"("thumbprint");
CREATE UNIQUE INDEX "Certificate_sha256_key" ON "Certificate"("sha256");
CREATE UNIQUE INDEX "Certificate_privateKeyId_key" ON "Certificate"("privateKeyId");
CREATE INDEX "Certificate_notAfter_idx" ON "Certificate"("notAfter");
CREATE INDEX "Certificate_status_idx" ON "Certificate"("status");
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
    "updatedAt" DATETIME NOT NULL,
    "statusFreshnessMinutes" INTEGER NOT NULL DEFAULT 15
);
INSERT INTO "new_Setting" ("alertEmailEnabled", "alertFrom", "alertTo", "expiryWarningDays", "fetchTimeoutMs", "id", "proxyBypass", "proxyServer", "revocationOrder", "revocationPolicy", "smtpRelayHost", "smtpRelayPort", "smtpRelayStartTls", "updatedAt", "urlAllowList", "useEnvironmentProxy", "webhookUrl") SELECT "alertEmailEnabled", "alertFrom", "alertTo", "expiryWarningDays", "fetchTimeoutMs", "id", "proxyBypass", "proxyServer", "revocationOrder", "revocationPolicy", "smtpRelayHost", "smtpRelayPort", "smtpRelayStartTls", "updatedAt", "urlAllowList", "useEnvironmentProxy", "webhookUrl" FROM "Setting";
DROP TABLE "Setting";
ALTER TABLE "new_Setting" RENAME TO "Setting";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

