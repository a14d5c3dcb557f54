-- CreateTable
CREATE TABLE "Server" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "fqdn" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "defaultSmtpCertificateId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Server_defaultSmtpCertificateId_fkey" FOREIGN KEY ("defaultSmtpCertificateId") REFERENCES "Certificate" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Certificate" (
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
    "status" TEXT NOT NULL DEFAULT 'Unknown',
    "statusReason" TEXT NOT NULL DEFAULT '',
    "statusCheckedAt" DATETIME,
    "privateKeyId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Certificate_privateKeyId_fkey" FOREIGN KEY ("privateKeyId") REFERENCES "PrivateKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CertificateInstallation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverId" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "hasPrivateKey" BOOLEAN NOT NULL,
    "privateKeyExportable" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CertificateInstallation_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CertificateInstallation_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PrivateKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "algorithm" TEXT NOT NULL,
    "encrypted" BLOB NOT NULL,
    "spkiSha256" TEXT NOT NULL,
    "exportable" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CertificateRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverId" TEXT NOT NULL,
    "csrDer" BLOB NOT NULL,
    "subject" TEXT NOT NULL,
    "domains" JSONB NOT NULL,
    "scoping" JSONB,
    "friendlyName" TEXT NOT NULL DEFAULT '',
    "keyAlgorithm" TEXT NOT NULL,
    "publicKeySize" INTEGER NOT NULL,
    "privateKeyId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Pending',
    "renewsCertificateId" TEXT,
    "completedCertificateId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CertificateRequest_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CertificateRequest_privateKeyId_fkey" FOREIGN KEY ("privateKeyId") REFERENCES "PrivateKey" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CertificateRequest_renewsCertificateId_fkey" FOREIGN KEY ("renewsCertificateId") REFERENCES "Certificate" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CertificateRequest_completedCertificateId_fkey" FOREIGN KEY ("completedCertificateId") REFERENCES "Certificate" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CertificateRequest_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ServiceBinding" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverId" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "acknowledgedStatus" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ServiceBinding_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ServiceBinding_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrustStoreEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverId" TEXT NOT NULL,
    "store" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TrustStoreEntry_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TrustStoreEntry_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RevocationCheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "certificateId" TEXT NOT NULL,
    "server" TEXT,
    "checkedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "attempts" JSONB NOT NULL,
    "durationMs" INTEGER NOT NULL,
    CONSTRAINT "RevocationCheck_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CrlCacheEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT NOT NULL,
    "der" BLOB NOT NULL,
    "issuer" TEXT NOT NULL,
    "thisUpdate" DATETIME NOT NULL,
    "nextUpdate" DATETIME,
    "etag" TEXT,
    "lastModified" TEXT,
    "fetchedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Setting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "revocationPolicy" TEXT NOT NULL DEFAULT 'strict',
    "revocationOrder" TEXT NOT NULL DEFAULT 'ocspFirst',
    "proxyServer" TEXT NOT NULL DEFAULT '',
    "proxyBypass" TEXT NOT NULL DEFAULT '',
    "useEnvironmentProxy" BOOLEAN NOT NULL DEFAULT false,
    "urlAllowList" TEXT NOT NULL DEFAULT '',
    "fetchTimeoutMs" INTEGER NOT NULL DEFAULT 15000,
    "expiryWarningDays" TEXT NOT NULL DEFAULT '60,30,14,7',
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "outcome" TEXT NOT NULL,
    CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JobLock" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT,
    "leaseUntil" DATETIME,
    "lastRunAt" DATETIME,
    "progress" JSONB,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Server_name_key" ON "Server"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_thumbprint_key" ON "Certificate"("thumbprint");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_sha256_key" ON "Certificate"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_privateKeyId_key" ON "Certificate"("privateKeyId");

-- CreateIndex
CREATE INDEX "Certificate_notAfter_idx" ON "Certificate"("notAfter");

-- CreateIndex
CREATE INDEX "Certificate_status_idx" ON "Certificate"("status");

-- CreateIndex
CREATE INDEX "CertificateInstallation_certificateId_idx" ON "CertificateInstallation"("certificateId");

-- CreateIndex
CREATE UNIQUE INDEX "CertificateInstallation_serverId_certificateId_key" ON "CertificateInstallation"("serverId", "certificateId");

-- CreateIndex
CREATE UNIQUE INDEX "PrivateKey_spkiSha256_key" ON "PrivateKey"("spkiSha256");

-- CreateIndex
CREATE INDEX "CertificateRequest_status_idx" ON "CertificateRequest"("status");

-- CreateIndex
CREATE INDEX "ServiceBinding_certificateId_idx" ON "ServiceBinding"("certificateId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceBinding_serverId_service_certificateId_key" ON "ServiceBinding"("serverId", "service", "certificateId");

-- CreateIndex
CREATE INDEX "TrustStoreEntry_certificateId_idx" ON "TrustStoreEntry"("certificateId");

-- CreateIndex
CREATE UNIQUE INDEX "TrustStoreEntry_serverId_store_certificateId_key" ON "TrustStoreEntry"("serverId", "store", "certificateId");

-- CreateIndex
CREATE INDEX "RevocationCheck_certificateId_checkedAt_idx" ON "RevocationCheck"("certificateId", "checkedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CrlCacheEntry_url_key" ON "CrlCacheEntry"("url");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_idx" ON "AuditEvent"("action");

-- CreateIndex
CREATE INDEX "AuditEvent_targetId_idx" ON "AuditEvent"("targetId");

