import { EXIT_OK, parseVerbArgsWithPositionals, type CliCommand } from "../io";
import { runDatabaseVerb } from "../database-verb";

const USAGE = `usage: certctl restore <file> [--key FILE] [--as USER] [--json]
Replaces the SQLite database with a backup made by certctl backup, and the master key with the backup's key
(<file>.key unless --key). Stop the console and its workers first.
Before anything is replaced it checks that <file> is an intact certconsole backup and that the key opens every
sealed key in it; otherwise it refuses (ERR_BACKUP_INVALID, ERR_BACKUP_NEWER, ERR_BACKUP_KEY_MISSING,
ERR_BACKUP_KEY_MISMATCH) and changes nothing. On PostgreSQL use pg_restore (see the README).`;

/** `certctl restore <file>`: a certconsole backup back in place, proven readable before it replaces anything. */
export const run: CliCommand = async (args, io) => {
  const parsed = parseVerbArgsWithPositionals(args, { key: { type: "string" }, as: { type: "string" }, json: { type: "boolean" } }, USAGE, io, 1);
  if (!parsed) return EXIT_OK;
  const { values } = parsed;
  const file = parsed.positionals[0] as string;
  const { restoreDatabase } = await import("@/lib/server/operations/restore-database");
  return runDatabaseVerb(
    io,
    { verb: "restore", as: values.as, json: values.json, target: file },
    (actor) => restoreDatabase(actor, file, values.key),
    (r) => `Restored ${r.file} (made ${r.createdAt}); the master key ${r.keyId} opened all ${r.sealedValuesChecked} sealed value(s) and is now the console's master key.`,
  );
};
