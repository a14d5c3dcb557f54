import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { db, databaseProvider } from "../db";
import { databaseFile } from "../database-file";
import { writeAudit } from "../audit";
import { AppError } from "../errors";
import { requirePermission, type Actor } from "../auth/actor";
import { decodeMasterKey, masterKeyFile, masterKeyId, resetMasterKeyCache, writeMasterKeyFile } from "../security/master-key";
import { openPrivateKey } from "../security/key-vault";
import { SEALED_COLUMNS } from "../security/sealed-secrets";
import { BACKUP_FORMAT, BACKUP_MARKER_TABLE, PG_DUMP_HINT, auditOperationRefusal } from "./backup-database";

/** What a restore brought back. */
export interface RestoreResult {
  file: string;
  createdAt: string;
  keyId: string;
  sealedValuesChecked: number;
}

const notABackup = (file: string, why: string) => new AppError("ERR_BACKUP_INVALID", `${file} is not a certconsole backup (${why}). Nothing was changed.`);

/** Opens `file` read-only and checks it is an intact certconsole backup; returns its marker row. */
function inspectBackup(file: string): { backup: Database.Database; createdAt: string; keyId: string } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw notABackup(file, "no such file");
  }
  if (!stat.isFile() || stat.size < 512) throw notABackup(file, "not a SQLite database file");
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, "r");
  fs.readSync(fd, header, 0, 16, 0);
  fs.closeSync(fd);
  if (header.toString("latin1") !== "SQLite format 3\0") throw notABackup(file, "not a SQLite database file");
  let backup: Database.Database | null = null;
  try {
    backup = new Database(file, { readonly: true, fileMustExist: true });
    const check = backup.pragma("quick_check", { simple: true });
    if (check !== "ok") throw notABackup(file, `damaged: ${String(check).slice(0, 200)}`);
    const marker = backup.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`).get(BACKUP_MARKER_TABLE);
    if (!marker) throw notABackup(file, "no certconsole backup marker: make backups with certctl backup");
    const row = backup.prepare(`SELECT format, createdAt, masterKeyId FROM ${BACKUP_MARKER_TABLE}`).get() as { format: string; createdAt: string; masterKeyId: string } | undefined;
    if (row?.format !== BACKUP_FORMAT) throw notABackup(file, `unknown backup format ${JSON.stringify(row?.format ?? null)}`);
    const known = knownMigrations();
    if (known) {
      const applied = (backup.prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL`).all() as { migration_name: string }[]).map((m) => m.migration_name);
      const unknown = applied.filter((m) => !known.has(m));
      if (unknown.length) throw new AppError("ERR_BACKUP_NEWER", `${file} was made by a newer certconsole (migrations ${unknown.slice(0, 3).join(", ")} are unknown here). Nothing was changed.`);
    }
    return { backup, createdAt: row.createdAt, keyId: row.masterKeyId };
  } catch (error) {
    backup?.close();
    if (error instanceof AppError) throw error;
    throw notABackup(file, `unreadable: ${(error as Error).message.slice(0, 200)}`);
  }
}

/** The migrations this version ships (prisma/migrations), or null when they are not beside the process. */
function knownMigrations(): Set<string> | null {
  const dir = path.resolve("prisma", "migrations");
  if (!fs.existsSync(dir)) return null;
  return new Set(fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name));
}

/** Opens every sealed value of the backup with `key`; returns how many. ERR_BACKUP_KEY_MISMATCH on the first failure. */
function proveKeyOpens(backup: Database.Database, key: Buffer, file: string): number {
  let n = 0;
  for (const { table, column } of SEALED_COLUMNS) {
    const rows = backup.prepare(`SELECT "${column}" AS sealed FROM "${table}" WHERE "${column}" IS NOT NULL`).all() as { sealed: Buffer }[];
    for (const { sealed } of rows) {
      try {
        openPrivateKey(sealed, key).fill(0);
      } catch {
        throw new AppError("ERR_BACKUP_KEY_MISMATCH", `The master key given for ${file} does not open its ${table}.${column} values. Nothing was changed.`);
      }
      n++;
    }
  }
  return n;
}

/**
 * `certctl restore`: replaces the SQLite database with a certconsole backup and the master key with the backup's
 * key (`<file>.key` unless `keyFile`). Before anything is replaced it checks that the file is an intact certconsole
 * backup (ERR_BACKUP_INVALID, ERR_BACKUP_NEWER), that the key is the one the backup was made with and opens every
 * sealed value in it (ERR_BACKUP_KEY_MISSING, ERR_BACKUP_KEY_MISMATCH); a refusal changes nothing and is audited.
 * The copy goes through SQLite's backup API into the live file. Stop the console first. Audited in the restored
 * database (`database.restore`). On PostgreSQL it refuses (ERR_BACKUP_POSTGRESQL) and names pg_restore.
 */
export async function restoreDatabase(actor: Actor, file: string, keyFile?: string): Promise<RestoreResult> {
  requirePermission(actor, "mutate");
  const source = path.resolve(file);
  try {
    if (databaseProvider === "postgresql") throw new AppError("ERR_BACKUP_POSTGRESQL", PG_DUMP_HINT);
    const { backup, createdAt, keyId } = inspectBackup(source);
    let checked: number;
    let key: Buffer;
    try {
      const keyPath = path.resolve(keyFile ?? `${source}.key`);
      let text: string;
      try {
        text = fs.readFileSync(keyPath, "utf8");
      } catch {
        throw new AppError("ERR_BACKUP_KEY_MISSING", `The backup's master key ${keyPath} cannot be read (pass --key FILE). Nothing was changed.`);
      }
      try {
        key = decodeMasterKey(text, keyPath);
      } catch {
        throw new AppError("ERR_BACKUP_KEY_MISSING", `${keyPath} is not a master key (32 bytes, hex or base64). Nothing was changed.`);
      }
      if (masterKeyId(key) !== keyId) throw new AppError("ERR_BACKUP_KEY_MISMATCH", `${keyPath} is not the master key ${source} was made with (key ${keyId}). Nothing was changed.`);
      checked = proveKeyOpens(backup, key, source);
    } finally {
      backup.close();
    }
    const envKey = process.env.CERTCONSOLE_MASTER_KEY;
    if (envKey && !decodeMasterKey(envKey, "CERTCONSOLE_MASTER_KEY").equals(key)) {
      throw new AppError("ERR_MASTER_KEY_FROM_ENV", `CERTCONSOLE_MASTER_KEY is set to another key: set it to the backup's key (${keyId}) and run the restore again. Nothing was changed.`);
    }

    const live = databaseFile();
    const staged = `${live}.restoring-${process.pid}`;
    try {
      fs.copyFileSync(source, staged);
      fs.chmodSync(staged, 0o600);
      const copy = new Database(staged);
      try {
        copy.exec(`DROP TABLE ${BACKUP_MARKER_TABLE}`);
        copy.pragma("journal_mode = WAL");
      } finally {
        copy.close();
      }
      await db.$disconnect();
      const from = new Database(staged, { readonly: true });
      try {
        await from.backup(live);
      } finally {
        from.close();
      }
    } finally {
      fs.rmSync(staged, { force: true });
      for (const side of ["-wal", "-shm"]) fs.rmSync(`${staged}${side}`, { force: true });
    }
    if (!envKey) writeMasterKeyFile(masterKeyFile(), key, { replace: true });
    resetMasterKeyCache();
    // The restored database may not know this user's id (the audit row names it either way).
    const restoredUser = await db.user.findUnique({ where: { username: actor.username }, select: { id: true } });
    const auditActor = restoredUser ? { ...actor, userId: restoredUser.id } : { username: actor.username, role: actor.role, userId: null };
    await writeAudit(db, auditActor, { action: "database.restore", targetType: "file", targetId: source.slice(0, 200), details: { backupCreatedAt: createdAt, masterKeyId: keyId, sealedValuesChecked: checked } });
    return { file: source, createdAt, keyId, sealedValuesChecked: checked };
  } catch (error) {
    await auditOperationRefusal(actor, "database.restore", source, error);
    throw error;
  }
}
