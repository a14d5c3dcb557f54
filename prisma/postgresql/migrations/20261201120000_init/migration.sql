-- The whole schema at issue 15, derived from prisma/schema.prisma (npm run db:schemas). Later changes get their own
-- migration here with the same folder name as the SQLite one (npm run db:migrations NAME).
-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Server" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "fqdn" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "defaultSmtpCertificateId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "exchangeVersion" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Server_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL,
    "thumbprint" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "der" BYTEA NOT NULL,
    "subject" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
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
    "statusCheckedAt" TIMESTAMP(3),
    "privateKeyId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "revocationCheckedAt" TIMESTAMP(3),
    "statusVersion" INTEGER NOT NULL DEFAULT 0,
    "statusDetail" JSONB,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificateInstallation" (
    "id" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "hasPrivateKey" BOOLEAN NOT NULL,
    "privateKeyExportable" BOOLEAN NOT NULL,
    "rootCaType" TEXT NOT NULL DEFAULT 'Unknown',
    "viaCrossCertificate" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CertificateInstallation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivateKey" (
    "id" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "encrypted" BYTEA NOT NULL,
    "spkiSha256" TEXT NOT NULL,
    "exportable" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrivateKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificateRequest" (
    "id" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "csrDer" BYTEA NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CertificateRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceBinding" (
    "id" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "acknowledgedStatus" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceBinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrustStoreEntry" (
    "id" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "store" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrustStoreEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RevocationCheck" (
    "id" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "server" TEXT,
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "attempts" JSONB NOT NULL,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "RevocationCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrlCacheEntry" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "der" BYTEA NOT NULL,
    "thisUpdate" TIMESTAMP(3) NOT NULL,
    "nextUpdate" TIMESTAMP(3),
    "etag" TEXT,
    "lastModified" TEXT,
    "fetchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CrlCacheEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "id" INTEGER NOT NULL DEFAULT 1,
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
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "statusFreshnessMinutes" INTEGER NOT NULL DEFAULT 15,
    "revocationCheckRetentionDays" INTEGER NOT NULL DEFAULT 90,
    "revocationCheckRewriteHours" INTEGER NOT NULL DEFAULT 24,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "outcome" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobLock" (
    "name" TEXT NOT NULL,
    "holder" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "lastRunAt" TIMESTAMP(3),
    "progress" JSONB,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "tickDoneAt" TIMESTAMP(3),

    CONSTRAINT "JobLock_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "LabRevocation" (
    "id" TEXT NOT NULL,
    "issuerCertificateId" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "reason" INTEGER NOT NULL,
    "revokedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabRevocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "eventId" INTEGER,
    "severity" TEXT NOT NULL,
    "certificateId" TEXT,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedBy" TEXT,
    "deliveries" JSONB NOT NULL DEFAULT '[]',
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Endpoint" (
    "id" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "starttls" TEXT,
    "lastProbeAt" TIMESTAMP(3),
    "lastStatus" TEXT,
    "lastThumbprint" TEXT,
    "lastReport" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Endpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerHost" (
    "id" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 25,
    "starttls" TEXT DEFAULT 'smtp',
    "lastProbeAt" TIMESTAMP(3),
    "lastStatus" TEXT,
    "lastReport" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PartnerHost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InventorySnapshot" (
    "id" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "collectedAt" TIMESTAMP(3) NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "importedBy" TEXT NOT NULL,
    "collectorHost" TEXT NOT NULL DEFAULT '',
    "state" JSONB NOT NULL,

    CONSTRAINT "InventorySnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Connector" (
    "id" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "serverId" TEXT,
    "sourceServers" JSONB NOT NULL DEFAULT '[]',
    "fqdn" TEXT NOT NULL DEFAULT '',
    "tlsCertificateName" TEXT NOT NULL DEFAULT '',
    "requireTls" BOOLEAN NOT NULL DEFAULT false,
    "domainSecureEnabled" BOOLEAN NOT NULL DEFAULT false,
    "cloudServicesMailEnabled" BOOLEAN NOT NULL DEFAULT false,
    "addressSpaces" JSONB NOT NULL DEFAULT '[]',
    "smartHosts" JSONB NOT NULL DEFAULT '[]',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Connector_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProtocolCertificateName" (
    "id" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "protocol" TEXT NOT NULL,
    "x509CertificateName" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProtocolCertificateName_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthConfig" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "currentThumbprint" TEXT NOT NULL DEFAULT '',
    "previousThumbprint" TEXT NOT NULL DEFAULT '',
    "nextThumbprint" TEXT NOT NULL DEFAULT '',
    "nextEffectiveDate" TIMESTAMP(3),
    "serviceName" TEXT NOT NULL DEFAULT '',
    "realm" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuthConfig_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EdgeSubscription" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "site" TEXT NOT NULL DEFAULT '',
    "domain" TEXT NOT NULL DEFAULT '',
    "certificateThumbprint" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EdgeSubscription_pkey" PRIMARY KEY ("id")
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

-- CreateIndex
CREATE UNIQUE INDEX "LabRevocation_issuerCertificateId_serialNumber_key" ON "LabRevocation"("issuerCertificateId", "serialNumber");

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

-- CreateIndex
CREATE INDEX "InventorySnapshot_serverId_importedAt_idx" ON "InventorySnapshot"("serverId", "importedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Connector_identity_key" ON "Connector"("identity");

-- CreateIndex
CREATE UNIQUE INDEX "ProtocolCertificateName_serverId_protocol_key" ON "ProtocolCertificateName"("serverId", "protocol");

-- CreateIndex
CREATE UNIQUE INDEX "EdgeSubscription_name_key" ON "EdgeSubscription"("name");

-- AddForeignKey
ALTER TABLE "Server" ADD CONSTRAINT "Server_defaultSmtpCertificateId_fkey" FOREIGN KEY ("defaultSmtpCertificateId") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_privateKeyId_fkey" FOREIGN KEY ("privateKeyId") REFERENCES "PrivateKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateInstallation" ADD CONSTRAINT "CertificateInstallation_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateInstallation" ADD CONSTRAINT "CertificateInstallation_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateRequest" ADD CONSTRAINT "CertificateRequest_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateRequest" ADD CONSTRAINT "CertificateRequest_privateKeyId_fkey" FOREIGN KEY ("privateKeyId") REFERENCES "PrivateKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateRequest" ADD CONSTRAINT "CertificateRequest_renewsCertificateId_fkey" FOREIGN KEY ("renewsCertificateId") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateRequest" ADD CONSTRAINT "CertificateRequest_completedCertificateId_fkey" FOREIGN KEY ("completedCertificateId") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateRequest" ADD CONSTRAINT "CertificateRequest_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceBinding" ADD CONSTRAINT "ServiceBinding_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceBinding" ADD CONSTRAINT "ServiceBinding_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrustStoreEntry" ADD CONSTRAINT "TrustStoreEntry_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrustStoreEntry" ADD CONSTRAINT "TrustStoreEntry_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevocationCheck" ADD CONSTRAINT "RevocationCheck_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabRevocation" ADD CONSTRAINT "LabRevocation_issuerCertificateId_fkey" FOREIGN KEY ("issuerCertificateId") REFERENCES "Certificate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Endpoint" ADD CONSTRAINT "Endpoint_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InventorySnapshot" ADD CONSTRAINT "InventorySnapshot_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Connector" ADD CONSTRAINT "Connector_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProtocolCertificateName" ADD CONSTRAINT "ProtocolCertificateName_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server"("id") ON DELETE CASCADE ON UPDATE CASCADE;

