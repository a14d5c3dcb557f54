import { EXIT_OK, parseVerbArgsWithPositionals, type CliCommand } from "../io";
import { runDatabaseVerb } from "../database-verb";

const USAGE = `usage: certctl backup <file> [--as USER] [--json]
An online, consistent copy of the SQLite database to <file> (mode 0600; the console may keep running), and its
master key to <file>.key (mode 0600). Neither file is overwritten.
Store <file>.key apart from <file>: whoever holds both can open every private key in the backup.
On PostgreSQL this refuses: use pg_dump (see the README, "Backup, restore and master-key rotation").`;

/** `certctl backup <file>`: the SQLite database and, beside it for the operator to move away, its master key. */
export const run: CliCommand = async (args, io) => {
  const parsed = parseVerbArgsWithPositionals(args, { as: { type: "string" }, json: { type: "boolean" } }, USAGE, io, 1);
  if (!parsed) return EXIT_OK;
  const { values } = parsed;
  const file = parsed.positionals[0] as string;
  const { backupDatabase } = await import("@/lib/server/operations/backup-database");
  return runDatabaseVerb(
    io,
    { verb: "backup", as: values.as, json: values.json, target: file },
    (actor) => backupDatabase(actor, file),
    (r) =>
      [
        `Backed up the database to ${r.file} (${r.bytes} bytes, mode 0600).`,
        `The master key (${r.keyId}) is in ${r.keyFile} (mode 0600).`,
        `WARNING: store ${r.keyFile} apart from ${r.file} (another place, another medium): whoever holds both can open every private key in the backup, and without the key the backup's keys are lost.`,
      ].join("\n"),
  );
};

