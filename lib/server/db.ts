import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { prepareDatabaseFile } from "./database-file";

function createClient() {
  const file = prepareDatabaseFile();
  const adapter = new PrismaBetterSQLite3({ url: `file:${file}` });
  return new PrismaClient({
    adapter,
    // Key material is never selected unless a use-case asks for it explicitly.
    omit: { privateKey: { encrypted: true }, user: { passwordHash: true } },
  });
}

export type Db = ReturnType<typeof createClient>;
/** A transaction client, as handed to `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { certconsoleDb?: Db };

/** The one Prisma client of this process. */
export const db: Db = globalForDb.certconsoleDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.certconsoleDb = db;
