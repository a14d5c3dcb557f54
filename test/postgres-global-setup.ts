import { startPostgres, type PostgresCluster } from "./helpers/postgres";
import { TEST_POSTGRES_TEMPLATE, TEST_POSTGRES_URL_ENV } from "./test-database";
import { migrateDatabase } from "../lib/server/bootstrap/migrate";

let cluster: PostgresCluster | undefined;

/** vitest globalSetup of the PostgreSQL run: one real PostgreSQL 15 cluster; each test file creates its own database in it. */
export async function setup() {
  cluster = await startPostgres();
  // Migrated once with `prisma migrate deploy`; every test file's database is a copy (CREATE DATABASE … TEMPLATE).
  process.env.DATABASE_URL = await cluster.createDatabase(TEST_POSTGRES_TEMPLATE);
  const migrated = migrateDatabase();
  delete process.env.DATABASE_URL;
  if (!migrated.ok) throw new Error(migrated.message);
  process.env[TEST_POSTGRES_URL_ENV] = cluster.url();
}

export async function teardown() {
  await cluster?.stop();
}
