import { AppError } from "../errors";
import type { Tx } from "../db";
import { openPrivateKey, sealPrivateKey } from "./key-vault";

/**
 * Every column sealed under the master key (AES-256-GCM, see key-vault.ts), by SQL table and column. Master-key
 * rotation re-seals exactly these, and a restore proves its key opens them; a new sealed column is added here.
 */
export const SEALED_COLUMNS = [
  { table: "PrivateKey", column: "encrypted" },
  { table: "AcmeAccount", column: "accountKeySealed" },
  { table: "AcmeAccount", column: "eabHmacKeySealed" },
  { table: "AcmeAccount", column: "tsigSecretSealed" },
  { table: "User", column: "totpSecretSealed" },
  { table: "SignInSettings", column: "oidcClientSecretSealed" },
] as const;

/** One sealed value: where it is stored and its bytes. */
export interface SealedValue {
  table: (typeof SEALED_COLUMNS)[number]["table"];
  column: (typeof SEALED_COLUMNS)[number]["column"];
  id: string;
  sealed: Uint8Array;
}

/** Reads every sealed value of the database through `tx` (null columns are skipped). */
export async function readSealedValues(tx: Tx): Promise<SealedValue[]> {
  const out: SealedValue[] = [];
  for (const k of await tx.privateKey.findMany({ select: { id: true, encrypted: true }, orderBy: { id: "asc" } })) {
    out.push({ table: "PrivateKey", column: "encrypted", id: k.id, sealed: k.encrypted });
  }
  const accounts = await tx.acmeAccount.findMany({ select: { id: true, accountKeySealed: true, eabHmacKeySealed: true, tsigSecretSealed: true }, orderBy: { id: "asc" } });
  for (const a of accounts) {
    out.push({ table: "AcmeAccount", column: "accountKeySealed", id: a.id, sealed: a.accountKeySealed });
    if (a.eabHmacKeySealed) out.push({ table: "AcmeAccount", column: "eabHmacKeySealed", id: a.id, sealed: a.eabHmacKeySealed });
    if (a.tsigSecretSealed) out.push({ table: "AcmeAccount", column: "tsigSecretSealed", id: a.id, sealed: a.tsigSecretSealed });
  }
  for (const u of await tx.user.findMany({ where: { totpSecretSealed: { not: null } }, select: { id: true, totpSecretSealed: true }, orderBy: { id: "asc" } })) {
    out.push({ table: "User", column: "totpSecretSealed", id: u.id, sealed: u.totpSecretSealed! });
  }
  for (const s of await tx.signInSettings.findMany({ where: { oidcClientSecretSealed: { not: null } }, select: { id: true, oidcClientSecretSealed: true } })) {
    out.push({ table: "SignInSettings", column: "oidcClientSecretSealed", id: String(s.id), sealed: s.oidcClientSecretSealed! });
  }
  return out;
}

/** Stores one re-sealed value in place. */
async function writeSealedValue(tx: Tx, value: SealedValue, sealed: Uint8Array<ArrayBuffer>): Promise<void> {
  if (value.table === "PrivateKey") {
    await tx.privateKey.update({ where: { id: value.id }, data: { encrypted: sealed }, select: { id: true } });
    return;
  }
  if (value.table === "User") {
    await tx.user.update({ where: { id: value.id }, data: { totpSecretSealed: sealed }, select: { id: true } });
    return;
  }
  if (value.table === "SignInSettings") {
    await tx.signInSettings.update({ where: { id: Number(value.id) }, data: { oidcClientSecretSealed: sealed }, select: { id: true } });
    return;
  }
  await tx.acmeAccount.update({ where: { id: value.id }, data: { [value.column]: sealed }, select: { id: true } });
}

/**
 * Re-seals every sealed value under `to` (opening each with `from`), then reads every one back through the same
 * transaction and checks that `to` opens it to the same bytes. Any failure throws (ERR_KEY_DECRYPT, or
 * ERR_MASTER_KEY_ROTATION_VERIFY) and the caller's transaction rolls back. Returns how many values were re-sealed.
 */
export async function resealAll(tx: Tx, from: Buffer, to: Buffer): Promise<number> {
  const values = await readSealedValues(tx);
  const plain = new Map<string, Buffer>();
  const key = (v: SealedValue) => `${v.table}.${v.column}.${v.id}`;
  for (const v of values) {
    const opened = openPrivateKey(v.sealed, from);
    plain.set(key(v), opened);
    await writeSealedValue(tx, v, new Uint8Array(sealPrivateKey(opened, to)));
  }
  const reread = await readSealedValues(tx);
  if (reread.length !== values.length) throw new RotationVerifyError(`${values.length} sealed values were re-sealed but ${reread.length} were read back.`);
  for (const v of reread) {
    const expected = plain.get(key(v));
    if (!expected || !openPrivateKey(v.sealed, to).equals(expected)) throw new RotationVerifyError(`${v.table}.${v.column} of ${v.id} did not read back under the new key.`);
  }
  for (const p of plain.values()) p.fill(0);
  return values.length;
}

class RotationVerifyError extends AppError {
  constructor(message: string) {
    super("ERR_MASTER_KEY_ROTATION_VERIFY", `Reading the re-sealed keys back failed: ${message} Nothing was changed.`);
  }
}
