import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { databaseFile, prepareDatabaseFile } from "../database-file";

/**
 * Applies committed migrations with `prisma migrate deploy` (JS schema engine, works offline).
 * A file that exists but is not a SQLite database is reported clearly and left untouched.
 */
export function migrateDatabase(): { ok: true } | { ok: false; message: string } {
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
  const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  const run = spawnSync(process.execPath, [prismaCli, "migrate", "deploy"], {
    env: { ...process.env, CERTCONSOLE_DB: file, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
  });
  if (run.status !== 0) {
    return { ok: false, message: `Applying database migrations to ${file} failed:\n${(run.stderr || run.stdout).trim()}` };
  }
  return { ok: true };
}
