import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Points this test process at a fresh, migrated SQLite database and master key in a temp directory.
 * Call before importing anything that loads `lib/server/db`.
 */
export async function useTestDatabase(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "certconsole-test-"));
  process.env.CERTCONSOLE_DB = path.join(dir, "test.db");
  process.env.CERTCONSOLE_MASTER_KEY_FILE = path.join(dir, "master.key");
  delete process.env.CERTCONSOLE_MASTER_KEY;
  const { migrateDatabase } = await import("@/lib/server/bootstrap/migrate");
  const result = migrateDatabase();
  if (!result.ok) throw new Error(result.message);
  return dir;
}
