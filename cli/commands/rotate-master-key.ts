import { EXIT_OK, parseVerbArgs, type CliCommand } from "../io";
import { runDatabaseVerb } from "../database-verb";

const USAGE = `usage: certctl rotate-master-key [--as USER] [--json]
Re-seals every private key and every other sealed secret (ACME account keys, EAB and TSIG secrets) under a new
master key in one transaction, reads every one back under the new key, and only then replaces the key file
(CERTCONSOLE_MASTER_KEY_FILE, default data/master.key). Any failure leaves the old key and the data unchanged.
Stop every console instance and worker first: they hold the old key in memory.
With CERTCONSOLE_MASTER_KEY set, the new key is printed once: put it in CERTCONSOLE_MASTER_KEY before restarting.`;

/** `certctl rotate-master-key`: a new master key for every sealed secret, proven before it is kept. */
export const run: CliCommand = async (args, io) => {
  const values = parseVerbArgs(args, { as: { type: "string" }, json: { type: "boolean" } }, USAGE, io);
  if (!values) return EXIT_OK;
  const { rotateMasterKey } = await import("@/lib/server/security/rotate-master-key");
  return runDatabaseVerb(
    io,
    { verb: "rotate-master-key", as: values.as, json: values.json, target: "master-key" },
    async (actor) => {
      const r = await rotateMasterKey(actor);
      return { resealed: r.resealed, oldKeyId: r.oldKeyId, newKeyId: r.newKeyId, keyFile: r.keyFile, ...(r.newKey ? { newKey: r.newKey.toString("base64") } : {}) };
    },
    (r) =>
      [
        `Re-sealed ${r.resealed} secret(s) under the new master key ${r.newKeyId} (was ${r.oldKeyId}); every one was read back under it.`,
        r.keyFile
          ? `The new key is in ${r.keyFile} (mode 0600). Copy it to where you keep the key apart from your backups: backups made before now need the OLD key.`
          : `CERTCONSOLE_MASTER_KEY is set, so no file was written. The new key, shown once — put it in CERTCONSOLE_MASTER_KEY before starting the console:\n${r.newKey}`,
      ].join("\n"),
  );
};
