-- CreateTable
CREATE TABLE "LabRevocation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "issuerCertificateId" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "reason" INTEGER NOT NULL,
    "revokedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LabRevocation_issuerCertificateId_fkey" FOREIGN KEY ("issuerCertificateId") REFERENCES "Certificate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CrlCacheEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT NOT NULL,
    "der" BLOB NOT NULL,
    "thisUpdate" DATETIME NOT NULL,
    "nextUpdate" DATETIME,
    "etag" TEXT,
    "lastModified" TEXT,
    "fetchedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_CrlCacheEntry" ("der", "etag", "fetchedAt", "id", "lastModified", "nextUpdate", "thisUpdate", "updatedAt", "url") SELECT "der", "etag", "fetchedAt", "id", "lastModified", "nextUpdate", "thisUpdate", "updatedAt", "url" FROM "CrlCacheEntry";
DROP TABLE "CrlCacheEntry";
ALTER TABLE "new_CrlCacheEntry" RENAME TO "CrlCacheEntry";
CREATE UNIQUE INDEX "CrlCacheEntry_url_key" ON "CrlCacheEntry"("url");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "LabRevocation_issuerCertificateId_serialNumber_key" ON "LabRevocation"("issuerCertificateId", "serialNumber");

