import { startPostgres, type PostgresCluster } from "./helpers/postgres";
import { TEST_POSTGRES_URL_ENV } from "./test-database";

let cluster: PostgresCluster | undefined;

/** vitest globalSetup of the PostgreSQL run: one real PostgreSQL 15 cluster; each test file creates its own database in it. */
export async function setup() {
  cluster = await startPostgres();
  process.env[TEST_POSTGRES_URL_ENV] = cluster.url();
}

export async function teardown() {
  await cluster?.stop();
}
