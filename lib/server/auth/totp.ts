import { Secret, TOTP } from "otpauth";
import { loadMasterKey } from "../security/master-key";
import { openPrivateKey, sealPrivateKey } from "../security/key-vault";

/** RFC 6238 parameters every authenticator app understands: SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;
const ISSUER = "certconsole";
/** One step either side is accepted, for clocks a little apart. */
const WINDOW = 1;

function totp(secretBase32: string, label = "") {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** A new random 160-bit TOTP secret (base32, as authenticator apps take it). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://totp/…` URI an authenticator app scans or imports. */
export function totpUri(username: string, secretBase32: string): string {
  return totp(secretBase32, username).toString();
}

/**
 * The time step a `code` is valid for at `now` (within one step either side), or null when it is wrong. The caller
 * refuses a step at or before the last accepted one, so one code never signs in twice.
 */
export function matchTotpStep(secretBase32: string, code: string, now = new Date()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secretBase32).validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

/** Seals a TOTP secret under the master key, like private keys. */
export function sealTotpSecret(secretBase32: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(sealPrivateKey(Buffer.from(secretBase32, "utf8"), loadMasterKey()));
}

/** Opens a sealed TOTP secret (`ERR_KEY_DECRYPT` under another master key). */
export function openTotpSecret(sealed: Uint8Array): string {
  return openPrivateKey(sealed, loadMasterKey()).toString("utf8");
}
