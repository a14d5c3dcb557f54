import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import Database from "better-sqlite3";
import { databaseFile, isPostgresqlUrl, prepareDatabaseFile } from "../database-file";

/**
 * Applies committed migrations with `prisma migrate deploy` (JS schema engine, works offline): those of
 * prisma/postgresql when DATABASE_URL is `postgresql://…`, else those of prisma/ to the SQLite file.
 * A file that exists but is not a SQLite database is reported clearly and left untouched.
 */
export function migrateDatabase(): { ok: true } | { ok: false; message: string } {
  if (isPostgresqlUrl(process.env.DATABASE_URL)) return deploy("the PostgreSQL database");
  const file = databaseFile();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (fs.existsSync(file) && fs.statSync(file).size > 0) {
    const header = Buffer.alloc(16);
    const fd = fs.openSync(file, "r");
    fs.readSync(fd, header, 0, 16, 0);
    fs.closeSync(fd);
    if (header.toString("latin1") !== "SQLite format 3\0") {
      return {
        ok: false,
        message: `${file} is not a SQLite database (damaged or replaced). Nothing was changed. Restore it from a backup, or move it aside to start with a fresh database.`,
      };
    }
  }
  prepareDatabaseFile(file); // 0600 before prisma's SQLite creates it (its journal files take the same mode)
  const deployed = deploy(file, { CERTCONSOLE_DB: file });
  if (deployed.ok) enableWriteAheadLog(file);
  return deployed;
}

/**
 * Puts the SQLite database in write-ahead-log mode (kept in the file, so once is enough): the web server and the
 * worker are two processes on one file, and with the default rollback journal every read in the web server waits
 * while the worker writes a refresh batch; with the log, readers never wait for the writer.
 */
function enableWriteAheadLog(file: string): void {
  const sqlite = new Database(file);
  try {
    sqlite.pragma("journal_mode = WAL");
  } finally {
    sqlite.close();
  }
}

function deploy(target: string, env: Record<string, string> = {}): { ok: true } | { ok: false; message: string } {
  const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  const run = spawnSync(process.execPath, [prismaCli, "migrate", "deploy"], {
    env: { ...process.env, ...env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
  });
  if (run.status !== 0) {
    return { ok: false, message: `Applying database migrations to ${target} failed:\n${(run.stderr || run.stdout).trim()}` };
  }
  return { ok: true };
}
