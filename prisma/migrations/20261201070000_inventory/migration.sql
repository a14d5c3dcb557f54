-- CreateTable
CREATE TABLE "InventorySnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverId" TEXT NOT NULL,
    "collectedAt" DATETIME NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "importedBy" TEXT NOT NULL,
    "collectorHost" TEXT NOT NULL DEFAULT '',
    "state" JSONB NOT NULL,
    CONSTRAINT "InventorySnapshot_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Connector" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "identity" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "serverId" TEXT,
    "sourceServers" JSONB NOT NULL DEFAULT [],
    "fqdn" TEXT NOT NULL DEFAULT '',
    "tlsCertificateName" TEXT NOT NULL DEFAULT '',
    "requireTls" BOOLEAN NOT NULL DEFAULT false,
    "domainSecureEnabled" BOOLEAN NOT NULL DEFAULT false,
    "cloudServicesMailEnabled" BOOLEAN NOT NULL DEFAULT false,
    "addressSpaces" JSONB NOT NULL DEFAULT [],
    "smartHosts" JSONB NOT NULL DEFAULT [],
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Connector_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProtocolCertificateName" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverId" TEXT NOT NULL,
    "protocol" TEXT NOT NULL,
    "x509CertificateName" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ProtocolCertificateName_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuthConfig" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "currentThumbprint" TEXT NOT NULL DEFAULT '',
    "previousThumbprint" TEXT NOT NULL DEFAULT '',
    "nextThumbprint" TEXT NOT NULL DEFAULT '',
    "nextEffectiveDate" DATETIME,
    "serviceName" TEXT NOT NULL DEFAULT '',
    "realm" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "EdgeSubscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "site" TEXT NOT NULL DEFAULT '',
    "domain" TEXT NOT NULL DEFAULT '',
    "certificateThumbprint" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Server" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "fqdn" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "defaultSmtpCertificateId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "exchangeVersion" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Server_defaultSmtpCertificateId_fkey" FOREIGN KEY ("defaultSmtpCertificateId") REFERENCES "Certificate" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Server" ("createdAt", "defaultSmtpCertificateId", "fqdn", "id", "name", "role", "updatedAt") SELECT "createdAt", "defaultSmtpCertificateId", "fqdn", "id", "name", "role", "updatedAt" FROM "Server";
DROP TABLE "Server";
ALTER TABLE "new_Server" RENAME TO "Server";
CREATE UNIQUE INDEX "Server_name_key" ON "Server"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "InventorySnapshot_serverId_importedAt_idx" ON "InventorySnapshot"("serverId", "importedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Connector_identity_key" ON "Connector"("identity");

-- CreateIndex
CREATE UNIQUE INDEX "ProtocolCertificateName_serverId_protocol_key" ON "ProtocolCertificateName"("serverId", "protocol");

-- CreateIndex
CREATE UNIQUE INDEX "EdgeSubscription_name_key" ON "EdgeSubscription"("name");

