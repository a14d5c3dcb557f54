import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { isPostgresqlUrl, prepareDatabaseFile } from "./lib/server/database-file";
import { postgresqlMigrateAdapter } from "./lib/server/postgresql-migrate-adapter";

// Prisma 7's native schema engine cannot be downloaded here; Prisma 6.19 with the JS engine and a driver adapter
// runs generate, migrate deploy and migrate diff offline. DATABASE_URL=postgresql://… selects the PostgreSQL schema
// (derived from the SQLite one by `npm run db:schemas`) and its migrations; otherwise the embedded SQLite file.
const postgresql = isPostgresqlUrl(process.env.DATABASE_URL);
const folder = postgresql ? path.join("prisma", "postgresql") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  schema: path.join(folder, "schema.prisma"),
  migrations: { path: path.join(folder, "migrations") },
  engine: "js",
  async adapter() {
    if (postgresql) return postgresqlMigrateAdapter(process.env.DATABASE_URL as string);
    return new PrismaBetterSQLite3({ url: `file:${prepareDatabaseFile()}` });
  },
});
