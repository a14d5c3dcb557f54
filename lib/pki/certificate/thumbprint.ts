/**
 * Certificate identities as Exchange shows them: the thumbprint is the SHA-1 of the DER,
 * 40 upper-case hex characters; a SHA-256 is kept alongside.
 *
 * Uses node:crypto's synchronous hash (not WebCrypto's async `digest`): hashing thousands of
 * certificates for a list view is an order of magnitude faster without a promise per hash.
 * @packageDocumentation
 */
import { createHash } from "node:crypto";

/** SHA-1 of the DER, upper-case hex — the Exchange `Thumbprint`. */
export function thumbprint(der: Uint8Array): string {
  return createHash("sha1").update(der).digest("hex").toUpperCase();
}

/** SHA-256 of the DER, upper-case hex. */
export function sha256Thumbprint(der: Uint8Array): string {
  return createHash("sha256").update(der).digest("hex").toUpperCase();
}

/** True when `text` is a well-formed thumbprint (40 hex characters, any case, spaces/colons ignored). */
export function isThumbprint(text: string): boolean {
  return /^[0-9a-f]{40}$/i.test(normalizeThumbprint(text));
}

/** Normalises a thumbprint pasted from Windows (spaces, colons, lower case) to 40 upper-case hex. */
export function normalizeThumbprint(text: string): string {
  return text.replace(/[\s:\u200e]/g, "").toUpperCase();
}
