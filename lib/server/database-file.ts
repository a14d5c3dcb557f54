import fs from "node:fs";
import path from "node:path";

/** Absolute path of the embedded SQLite database: `CERTCONSOLE_DB` or `./data/certconsole.db`. */
export function databaseFile(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.CERTCONSOLE_DB ?? path.join("data", "certconsole.db"));
}

/** SQLite's files beside the database: the rollback journal, the write-ahead log and its shared-memory index. */
export const DATABASE_SIDE_FILES = ["-journal", "-wal", "-shm"] as const;

/**
 * Makes sure the database file exists with mode 0600 (owner read/write only, like `master.key`) before anything
 * opens it, and narrows an existing database (and its side files) to 0600. SQLite creates its -journal, -wal and
 * -shm files with the database file's own permissions, so they are 0600 too. The directory is created 0700.
 * Called by every path that opens the database: the Prisma client, `migrateDatabase` and `prisma.config.ts`.
 */
export function prepareDatabaseFile(file: string = databaseFile()): string {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.closeSync(fs.openSync(file, "wx", 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  for (const f of [file, ...DATABASE_SIDE_FILES.map((suffix) => `${file}${suffix}`)]) {
    try {
      if ((fs.statSync(f).mode & 0o777) !== 0o600) fs.chmodSync(f, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return file;
}
