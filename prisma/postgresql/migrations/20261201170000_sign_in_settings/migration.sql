-- AlterTable
ALTER TABLE "User" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'local';

-- CreateTable
CREATE TABLE "SignInSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "ldapEnabled" BOOLEAN NOT NULL DEFAULT false,
    "ldapUrl" TEXT NOT NULL DEFAULT '',
    "ldapTransport" TEXT NOT NULL DEFAULT 'ldaps',
    "allowPlainLdap" BOOLEAN NOT NULL DEFAULT false,
    "ldapTrustPem" TEXT NOT NULL DEFAULT '',
    "ldapDomain" TEXT NOT NULL DEFAULT '',
    "ldapUserDnTemplate" TEXT NOT NULL DEFAULT '',
    "ldapBaseDn" TEXT NOT NULL DEFAULT '',
    "ldapUserFilter" TEXT NOT NULL DEFAULT '(|(userPrincipalName={upn})(sAMAccountName={user}))',
    "ldapGroupMode" TEXT NOT NULL DEFAULT 'adInChain',
    "ldapGroupFilter" TEXT NOT NULL DEFAULT '(|(member={dn})(uniqueMember={dn}))',
    "oidcEnabled" BOOLEAN NOT NULL DEFAULT false,
    "oidcDisplayName" TEXT NOT NULL DEFAULT 'OpenID Connect',
    "oidcIssuer" TEXT NOT NULL DEFAULT '',
    "oidcClientId" TEXT NOT NULL DEFAULT '',
    "oidcClientSecretSealed" BYTEA,
    "oidcRoleClaim" TEXT NOT NULL DEFAULT 'groups',
    "oidcRedirectUrl" TEXT NOT NULL DEFAULT '',
    "roleMappings" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_source_externalId_key" ON "User"("source", "externalId");

