import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { db, databaseProvider } from "../db";
import { databaseFile } from "../database-file";
import { writeAudit } from "../audit";
import { AppError } from "../errors";
import { requirePermission, type Actor } from "../auth/actor";
import { loadMasterKey, masterKeyId, writeMasterKeyFile } from "../security/master-key";

/** The table a certconsole backup carries (and a restore removes): its format, when it was made, which key seals it. */
export const BACKUP_MARKER_TABLE = "certconsole_backup";
/** The format written in {@link BACKUP_MARKER_TABLE}; a restore accepts only this. */
export const BACKUP_FORMAT = "certconsole-backup/1";

/** Why PostgreSQL is not backed up by certctl: its own tool does it consistently. */
export const PG_DUMP_HINT =
  "certctl backup copies the embedded SQLite database only. On PostgreSQL use pg_dump, e.g. pg_dump --format=custom --file=certconsole.dump \"$DATABASE_URL\" (restore with pg_restore --clean --if-exists --dbname=\"$DATABASE_URL\" certconsole.dump), and keep the master key (CERTCONSOLE_MASTER_KEY or data/master.key) apart from the dump.";

/** What a backup wrote. */
export interface BackupResult {
  file: string;
  keyFile: string;
  bytes: number;
  keyId: string;
}

/** Audits a refusal of a backup or restore with the live database (never throws). */
export async function auditOperationRefusal(actor: Actor, action: string, target: string, error: unknown): Promise<void> {
  if (!(error instanceof AppError) || error.code === "ERR_FORBIDDEN") return; // ERR_FORBIDDEN: audited by the caller's wrapper
  await writeAudit(db, actor, { action, targetType: "file", targetId: target.slice(0, 200), outcome: "refused", details: { code: error.code, message: error.message } }).catch(() => undefined);
}

/**
 * `certctl backup`: an online, consistent copy of the SQLite database (SQLite's backup API: the console may keep
 * running) to `file`, mode 0600, marked as a certconsole backup with the id of the master key that seals it; the
 * master key itself goes to `<file>.key` (mode 0600), to be stored apart from the backup. Neither file is
 * overwritten. Audited (`database.backup`). On PostgreSQL it refuses (ERR_BACKUP_POSTGRESQL) and names pg_dump.
 */
export async function backupDatabase(actor: Actor, file: string): Promise<BackupResult> {
  requirePermission(actor, "readKeyMaterial");
  const target = path.resolve(file);
  try {
    if (databaseProvider === "postgresql") throw new AppError("ERR_BACKUP_POSTGRESQL", PG_DUMP_HINT);
    const keyFile = `${target}.key`;
    for (const f of [target, keyFile]) if (fs.existsSync(f)) throw new AppError("ERR_FILE_EXISTS", `${f} already exists; nothing was written.`);
    const key = loadMasterKey();
    const partial = `${target}.partial-${process.pid}`;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    try {
      fs.closeSync(fs.openSync(partial, "wx", 0o600));
      const source = new Database(databaseFile(), { readonly: true, fileMustExist: true });
      try {
        await source.backup(partial);
      } finally {
        source.close();
      }
      const copy = new Database(partial);
      try {
        copy.pragma("journal_mode = DELETE"); // one self-contained file
        copy.exec(`CREATE TABLE ${BACKUP_MARKER_TABLE} (format TEXT NOT NULL, createdAt TEXT NOT NULL, masterKeyId TEXT NOT NULL)`);
        copy.prepare(`INSERT INTO ${BACKUP_MARKER_TABLE} VALUES (?, ?, ?)`).run(BACKUP_FORMAT, new Date().toISOString(), masterKeyId(key));
      } finally {
        copy.close();
      }
      writeMasterKeyFile(keyFile, key);
      fs.renameSync(partial, target);
    } finally {
      fs.rmSync(partial, { force: true });
    }
    const result = { file: target, keyFile, bytes: fs.statSync(target).size, keyId: masterKeyId(key) };
    await writeAudit(db, actor, { action: "database.backup", targetType: "file", targetId: target.slice(0, 200), details: { keyFile, bytes: result.bytes, masterKeyId: result.keyId } });
    return result;
  } catch (error) {
    await auditOperationRefusal(actor, "database.backup", target, error);
    throw error;
  }
}
