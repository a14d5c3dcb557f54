import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { db } from "../db";
import { writeAudit } from "../audit";
import { AppError } from "../errors";
import { requirePermission, type Actor } from "../auth/actor";
import { encodeMasterKey, loadMasterKey, masterKeyFile, masterKeyId, resetMasterKeyCache } from "./master-key";
import { resealAll } from "./sealed-secrets";

/** What a rotation did. `newKey` is returned only when the key comes from CERTCONSOLE_MASTER_KEY (no file to write). */
export interface RotationResult {
  resealed: number;
  oldKeyId: string;
  newKeyId: string;
  keyFile: string | null;
  newKey: Buffer | null;
}

/**
 * Re-seals every private key and every other sealed secret (see SEALED_COLUMNS) under a new master key in ONE
 * serializable transaction, reads every one back under the new key inside it, and writes the new key to
 * `<key file>.rotating` (mode 0600) before the commit; after the commit that file replaces the key file. Any failure
 * rolls everything back and leaves the old key file as it was. Audited (`master-key.rotate`, key ids only).
 * Every console instance and worker must be stopped first: they hold the old key in memory.
 * With CERTCONSOLE_MASTER_KEY set there is no file: the new key is returned for the operator to put in its place.
 */
export async function rotateMasterKey(actor: Actor, newKey: Buffer = randomBytes(32)): Promise<RotationResult> {
  requirePermission(actor, "mutate");
  resetMasterKeyCache();
  const oldKey = loadMasterKey();
  if (newKey.length !== 32) throw new AppError("ERR_MASTER_KEY_INVALID", "The new master key must be 32 bytes.");
  const fromEnv = Boolean(process.env.CERTCONSOLE_MASTER_KEY);
  const keyFile = fromEnv ? null : masterKeyFile();
  const pending = keyFile ? `${keyFile}.rotating` : null;
  let resealed = 0;
  try {
    await db.$transaction(
      async (tx) => {
        resealed = await resealAll(tx, oldKey, newKey);
        await writeAudit(tx, actor, {
          action: "master-key.rotate",
          targetType: "master-key",
          targetId: masterKeyId(newKey),
          details: { resealed, oldKeyId: masterKeyId(oldKey), newKeyId: masterKeyId(newKey), keyFile: keyFile ?? "CERTCONSOLE_MASTER_KEY" },
        });
        // The new key is on disk before anything sealed under it commits.
        if (pending) {
          fs.rmSync(pending, { force: true });
          fs.writeFileSync(pending, encodeMasterKey(newKey), { mode: 0o600, flag: "wx" });
        }
      },
      { isolationLevel: "Serializable", timeout: 120_000, maxWait: 30_000 },
    );
  } catch (error) {
    if (pending) fs.rmSync(pending, { force: true });
    throw error;
  }
  if (keyFile && pending) fs.renameSync(pending, keyFile);
  resetMasterKeyCache();
  return { resealed, oldKeyId: masterKeyId(oldKey), newKeyId: masterKeyId(newKey), keyFile, newKey: fromEnv ? newKey : null };
}
