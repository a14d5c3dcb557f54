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
  if (pendingSqliteMigrations(file).length === 0) {
    enableWriteAheadLog(file);
    return { ok: true };
  }
  const deployed = deploy(file, { CERTCONSOLE_DB: file });
  if (!deployed.ok && openedElsewhere(deployed.message)) {
    return {
      ok: false,
      message: `${file} has migrations to apply, and another process (the web server, a worker, certctl) has the database open. Stop it and start again. Nothing was changed.`,
    };
  }
  if (deployed.ok) enableWriteAheadLog(file);
  return deployed;
}

/**
 * The committed SQLite migrations (prisma/migrations) the file has not finished applying. Read without `prisma
 * migrate deploy`, which locks the database exclusively: in write-ahead-log mode that fails while another process
 * (the web server, when a worker starts) has it open, so a start with nothing to apply must not run it.
 */
function pendingSqliteMigrations(file: string): string[] {
  const folder = path.resolve("prisma", "migrations");
  if (!fs.existsSync(folder)) return [folder]; // not found from here: let `prisma migrate deploy` say why
  const committed = fs.readdirSync(folder, { withFileTypes: true }).filter((e) => e.isDirectory() && fs.existsSync(path.join(folder, e.name, "migration.sql"))).map((e) => e.name);
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    const table = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
    if (!table) return committed;
    const applied = new Set(
      (sqlite.prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as { migration_name: string }[]).map((r) => r.migration_name),
    );
    return committed.filter((name) => !applied.has(name));
  } finally {
    sqlite.close();
  }
}

/** Whether `prisma migrate deploy` failed because another connection holds the SQLite database (its exclusive lock timed out). */
function openedElsewhere(message: string): boolean {
  return /SocketTimeout|database is locked|SQLITE_BUSY/i.test(message);
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
