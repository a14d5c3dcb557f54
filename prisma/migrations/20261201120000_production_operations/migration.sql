-- Issue 15: RevocationCheck retention and write interval settings; once-per-tick scheduling of jobs.
ALTER TABLE "Setting" ADD COLUMN "revocationCheckRetentionDays" INTEGER NOT NULL DEFAULT 90;
ALTER TABLE "Setting" ADD COLUMN "revocationCheckRewriteHours" INTEGER NOT NULL DEFAULT 24;
ALTER TABLE "JobLock" ADD COLUMN "tickDoneAt" DATETIME;
