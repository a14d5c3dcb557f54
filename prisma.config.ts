import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { prepareDatabaseFile } from "./lib/server/database-file";

// Prisma 7's native schema engine cannot be downloaded here; Prisma 6.19 with the JS engine and the
// better-sqlite3 driver adapter runs generate, migrate deploy and migrate diff offline.
export default defineConfig({
  experimental: { adapter: true },
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  engine: "js",
  async adapter() {
    return new PrismaBetterSQLite3({ url: `file:${prepareDatabaseFile()}` });
  },
});
