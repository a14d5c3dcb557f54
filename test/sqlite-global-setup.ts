import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TEST_SQLITE_TEMPLATE_ENV } from "./test-database";
import { migrateDatabase } from "../lib/server/bootstrap/migrate";

let dir: string | undefined;

/**
 * vitest globalSetup of the SQLite run: one database migrated by `migrateDatabase` (the start-up path: `prisma
 * migrate deploy`, write-ahead-log mode, mode 0600); each test file's database is a copy of that file instead of a
 * `prisma migrate deploy` of its own.
 */
export async function setup() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "certconsole-template-"));
  const saved = process.env.CERTCONSOLE_DB;
  process.env.CERTCONSOLE_DB = path.join(dir, "template.db");
  const migrated = migrateDatabase();
  if (saved === undefined) delete process.env.CERTCONSOLE_DB;
  else process.env.CERTCONSOLE_DB = saved;
  if (!migrated.ok) throw new Error(migrated.message);
  process.env[TEST_SQLITE_TEMPLATE_ENV] = path.join(dir, "template.db");
}

export async function teardown() {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
