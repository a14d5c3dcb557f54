// Test fixture of certctl's database verbs: a fresh database with the demo organization, its statuses checked
// for real with the lab CRLs unreachable, and a runner capturing certctl's output.
import { useTestDatabase as prepareTestDatabase } from "@/test/test-database";
import { main } from "../../certctl";

/** Seeds the demo organization and checks every status (revocation fails: nothing listens on port 9). */
export async function consoleOrg() {
  await prepareTestDatabase();
  process.env.CERTCONSOLE_LAB_URL = "http://127.0.0.1:9";
  const { seedDemoOrganization } = await import("@/lib/server/bootstrap/seed-demo-organization");
  const { ensureUsers } = await import("@/lib/server/bootstrap/ensure-users");
  const { refreshAllStatuses } = await import("@/lib/server/certificates/refresh-all-statuses");
  const { revocationCheckerFromSettings } = await import("@/lib/server/revocation/revocation-checker");
  await ensureUsers({});
  await seedDemoOrganization();
  const { checker, fetcher } = await revocationCheckerFromSettings();
  await refreshAllStatuses(new Date(), checker, fetcher);
  return (await import("@/lib/server/db")).db;
}

/** Runs certctl with `args`; returns the exit code and everything it printed. */
export async function certctl(...args: string[]) {
  let out = "";
  const code = await main(args, { out: (t) => (out += `${t}\n`), err: (t) => (out += `${t}\n`) });
  return { code, out };
}
