import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * Under `npm run test:postgresql` (vitest.postgresql.config.ts), the URL of the maintenance database of the
 * PostgreSQL cluster started for the run; unset for the SQLite run.
 */
export const TEST_POSTGRES_URL_ENV = "CERTCONSOLE_TEST_POSTGRES_URL";
/** Under `npm run test:unit`, a SQLite database migrated once by test/sqlite-global-setup.ts: each test file's is a copy. */
export const TEST_SQLITE_TEMPLATE_ENV = "CERTCONSOLE_TEST_SQLITE_TEMPLATE";
/** A database of that cluster migrated once by the global setup: each test database is a copy of it (no migrate per file). */
export const TEST_POSTGRES_TEMPLATE = "certconsole_template";

/** Creates a fresh database on the test cluster (a copy of `template` when given) and returns its URL. */
export async function createPostgresTestDatabase(template?: string): Promise<string> {
  const admin = process.env[TEST_POSTGRES_URL_ENV];
  if (!admin) throw new Error(`${TEST_POSTGRES_URL_ENV} is not set: run under vitest.postgresql.config.ts.`);
  const name = `certconsole_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    // Two test files copying the template at once: PostgreSQL refuses the second ("source database is being accessed
    // by other users", 55006) while the first copy runs; wait and retry.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ""}`);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Points this test process at a fresh, migrated database and master key in a temp directory: a SQLite file, or a new
 * database on the test PostgreSQL cluster when the suite runs on PostgreSQL.
 * Call before importing anything that loads `lib/server/db`.
 */
export async function useTestDatabase(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "certconsole-test-"));
  process.env.CERTCONSOLE_DB = path.join(dir, "test.db");
  process.env.CERTCONSOLE_MASTER_KEY_FILE = path.join(dir, "master.key");
  delete process.env.CERTCONSOLE_MASTER_KEY;
  if (process.env[TEST_POSTGRES_URL_ENV]) {
    // A copy of the template the global setup migrated with `prisma migrate deploy`: already migrated.
    process.env.DATABASE_URL = await createPostgresTestDatabase(TEST_POSTGRES_TEMPLATE);
    return dir;
  }
  delete process.env.DATABASE_URL;
  const template = process.env[TEST_SQLITE_TEMPLATE_ENV];
  if (template) {
    // A copy of the file the global setup migrated (checkpointed, in write-ahead-log mode), with its mode 0600.
    fs.copyFileSync(template, process.env.CERTCONSOLE_DB);
    return dir;
  }
  const { migrateDatabase } = await import("@/lib/server/bootstrap/migrate");
  const result = migrateDatabase();
  if (!result.ok) throw new Error(result.message);
  return dir;
}

/**
 * The seeded demo console on the test database (settings, the admin and helpdesk accounts, the Contoso
 * organization) and a session token for either account, as the route handlers receive it.
 */
export async function seedDemoConsole() {
  const { ensureSettings, ensureUsers } = await import("@/lib/server/bootstrap/ensure-users");
  const { seedDemoOrganization } = await import("@/lib/server/bootstrap/seed-demo-organization");
  const { createSession } = await import("@/lib/server/auth/session");
  const { db } = await import("@/lib/server/db");
  await ensureSettings();
  await ensureUsers({});
  await seedDemoOrganization();
  const tokenFor = async (username: "admin" | "helpdesk") => (await createSession((await db.user.findUniqueOrThrow({ where: { username } })).id)).token;
  return { db, tokenFor };
}
