-- Issue 12, finding 3: the lab CRL endpoint signs only for the demo lab's own CAs, marked by the seed, and only
-- while the demo lab is enabled.
ALTER TABLE "Certificate" ADD COLUMN "labCa" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Setting" ADD COLUMN "demoLabEnabled" BOOLEAN NOT NULL DEFAULT false;
