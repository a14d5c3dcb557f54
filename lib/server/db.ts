import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresqlPrismaClient } from "@/lib/generated/prisma-postgresql/client";
import { isPostgresqlUrl, prepareDatabaseFile } from "./database-file";

// Key material is never selected unless a use-case asks for it explicitly.
const omit = { privateKey: { encrypted: true }, user: { passwordHash: true } } as const;

function createSqliteClient() {
  const file = prepareDatabaseFile();
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }), omit });
}

/** The database this process uses: PostgreSQL when DATABASE_URL is `postgresql://…`, else the SQLite file. */
export const databaseProvider: "postgresql" | "sqlite" = isPostgresqlUrl(process.env.DATABASE_URL) ? "postgresql" : "sqlite";

function createClient(): Db {
  const url = process.env.DATABASE_URL;
  if (!isPostgresqlUrl(url)) return createSqliteClient();
  // Both clients are generated from the same models (prisma/postgresql/schema.prisma is derived from
  // prisma/schema.prisma), so the PostgreSQL client has the SQLite client's shape; the use-cases stay portable.
  const client = new PostgresqlPrismaClient({ adapter: new PrismaPg({ connectionString: url }), omit });
  return client as unknown as Db;
}

export type Db = ReturnType<typeof createSqliteClient>;
/** A transaction client, as handed to `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { certconsoleDb?: Db };

/**
 * The one Prisma client of this process. Kept on globalThis in production too: Next bundles route handlers, server
 * actions and the instrumentation hook separately, and each bundle would otherwise open its own connection pool.
 */
export const db: Db = globalForDb.certconsoleDb ?? createClient();
globalForDb.certconsoleDb = db;
