// First-start preparation: migrate the database, create the settings row and the two accounts, seed the
// demo organization. Safe to run on every start; prints generated passwords only when it creates them.
import "reflect-metadata";
import { migrateDatabase } from "../lib/server/bootstrap/migrate";
import { databaseFile } from "../lib/server/database-file";

const migrated = migrateDatabase();
if (!migrated.ok) {
  console.error(`certconsole: ${migrated.message}`);
  process.exit(1);
}
const { ensureSettings, ensureUsers } = await import("../lib/server/bootstrap/ensure-users");
const { seedDemoOrganization } = await import("../lib/server/bootstrap/seed-demo-organization");
const { refreshAllStatuses } = await import("../lib/server/certificates/refresh-all-statuses");
const { seedEndpoints } = await import("../lib/server/bootstrap/seed-endpoints");
const { loadMasterKey, masterKeyFile } = await import("../lib/server/security/master-key");

loadMasterKey();
await ensureSettings();
const created = await ensureUsers();
const seeded = await seedDemoOrganization();
if (seeded) await refreshAllStatuses();
await seedEndpoints();
console.log(`certconsole: database ${databaseFile()} ready${seeded ? " (demo organization Contoso created)" : ""}.`);
if (!process.env.CERTCONSOLE_MASTER_KEY) console.log(`certconsole: private keys are sealed with the master key in ${masterKeyFile()} (mode 0600).`);
for (const account of created) {
  if (account.generated) {
    console.log(`certconsole: created user '${account.username}' (${account.role}) with password: ${account.password}  <- shown once; store it now`);
  } else {
    console.log(`certconsole: created user '${account.username}' (${account.role}) with the password from the environment.`);
  }
}
process.exit(0);
