// `npm run demo:acme`: shows an ACME-issued certificate in the demo organization. Starts Debian's Pebble (ACME test CA)
// and a BIND authoritative for contoso.com on loopback, registers a Pebble account in the console's database (as the
// admin user, audited), trusts this run's Pebble root on EX01 and issues "Contoso ACME demo (Pebble)" with the RFC 2136
// solver, installed on EX01. Pebble and BIND keep running (Renew now works in Settings → Certificate authorities)
// until Ctrl-C. Without Pebble nothing changes: the console runs as before and says that no ACME CA is configured.
// Uses the same database as `npm run dev` (CERTCONSOLE_DB, default data/); run after the console's first start.
import "reflect-metadata";
import { existsSync } from "node:fs";
import { migrateDatabase } from "../lib/server/bootstrap/migrate";

if (!existsSync("/usr/bin/pebble") || !existsSync("/usr/sbin/named")) {
  console.error("certconsole demo:acme: Pebble (/usr/bin/pebble) and BIND (/usr/sbin/named) are needed (apt-get install pebble bind9 bind9-dnsutils). Nothing was changed: Settings keeps saying that no ACME CA is configured.");
  process.exit(1);
}
const migrated = migrateDatabase();
if (!migrated.ok) {
  console.error(`certconsole demo:acme: ${migrated.message}`);
  process.exit(1);
}
const { startBind9 } = await import("../test/harness/bind9");
const { startPebble } = await import("../test/harness/pebble");
const { db } = await import("../lib/server/db");
const { createAcmeAccount } = await import("../lib/server/acme/create-acme-account");
const { issueAcmeCertificate } = await import("../lib/server/acme/issue-acme-certificate");
const { addTrustStoreEntry } = await import("../lib/server/trust-stores/add-trust-store-entry");

const user = await db.user.findFirst({ where: { role: "admin" }, orderBy: { createdAt: "asc" } });
const ex01 = await db.server.findUnique({ where: { name: "EX01" } });
if (!user || !ex01) {
  console.error("certconsole demo:acme: start the console once first (npm run dev) so that the demo organization exists.");
  process.exit(1);
}
const admin = { userId: user.id, username: user.username, role: "admin" as const };
const bind = await startBind9("contoso.com");
const pebble = await startPebble({ dnsServer: bind.address });
const stop = async () => {
  await pebble.stop();
  await bind.stop();
  await db.$disconnect();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
try {
  const stamp = new Date().toISOString().slice(0, 16).replace("T", " ");
  const account = await createAcmeAccount(admin, {
    name: `Pebble demo ${stamp}`,
    directoryUrl: pebble.directoryUrl,
    contactEmail: "pki-team@contoso.com",
    termsAccepted: true,
    directoryCaPem: pebble.directoryCaPem,
    dnsUpdateServer: bind.address,
    tsigKeyName: bind.tsig.name,
    tsigSecret: bind.tsig.secret,
  });
  await addTrustStoreEntry(admin, { server: "EX01", store: "ThirdPartyRoot", fileBase64: Buffer.from(await pebble.rootPem()).toString("base64") });
  const issued = await issueAcmeCertificate(admin, { accountId: account.id, serverIds: [ex01.id], friendlyName: "Contoso ACME demo (Pebble)", commonName: "acme-demo.contoso.com", domains: ["acme-demo.contoso.com"], solver: "rfc2136" });
  if (issued.status === "Issued") {
    console.log(`certconsole demo:acme: account "${account.name}" registered at ${pebble.directoryUrl}; issued ${issued.certificate.thumbprint} (${issued.certificate.subject}) on EX01, status ${issued.certificate.status}.`);
  }
  console.log("certconsole demo:acme: Pebble and BIND keep running for renewals (Settings → Certificate authorities → Renew now). Ctrl-C stops them.");
} catch (error) {
  const e = error as { code?: string; message: string };
  console.error(`certconsole demo:acme: ${e.code ?? "error"}: ${e.message}`);
  await stop();
}
