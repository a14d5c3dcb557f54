/**
 * PEM armour (RFC 7468) in and out. Reads every block of a file, tolerating the explanatory text
 * OpenSSL puts around blocks ("Bag Attributes", "subject=…") and CRLF line ends.
 * @packageDocumentation
 */
import { PkiError } from "../errors";

/** One `-----BEGIN LABEL-----` … `-----END LABEL-----` block. */
export interface PemBlock {
  /** The label, e.g. `CERTIFICATE`, `NEW CERTIFICATE REQUEST`, `PKCS7`, `PRIVATE KEY`. */
  label: string;
  /** The decoded DER. */
  der: Uint8Array;
  /** RFC 1421 headers (e.g. `Proc-Type`) when the block has any. */
  headers: Record<string, string>;
}

const BLOCK = /-----BEGIN ([A-Z0-9 #_-]+)-----([\s\S]*?)-----END ([A-Z0-9 #_-]+)-----/g;

/** True when the bytes look like text containing at least one PEM BEGIN line. */
export function looksLikePem(bytes: Uint8Array): boolean {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)));
  return head.includes("-----BEGIN ");
}

/** Decodes strict Base64 (whitespace allowed); throws `ERR_PEM_MALFORMED` on anything else. */
export function decodeBase64(text: string, what = "Base64 data"): Uint8Array {
  const clean = text.replace(/[\s]+/g, "");
  if (clean.length === 0) throw new PkiError("ERR_PEM_MALFORMED", `${what} is empty`);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(clean) || clean.length % 4 === 1) {
    throw new PkiError("ERR_PEM_MALFORMED", `${what} contains characters that are not Base64 or is truncated`);
  }
  return new Uint8Array(Buffer.from(clean, "base64"));
}

/** Parses every PEM block in `text`. Throws `ERR_PEM_MALFORMED` on mismatched or undecodable blocks. */
export function parsePem(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  BLOCK.lastIndex = 0;
  for (let m = BLOCK.exec(text); m; m = BLOCK.exec(text)) {
    const [, label, body, endLabel] = m as unknown as [string, string, string, string];
    if (label !== endLabel) throw new PkiError("ERR_PEM_MALFORMED", `PEM block "BEGIN ${label}" ends with "END ${endLabel}"`);
    const headers: Record<string, string> = {};
    let payload = body;
    const split = body.match(/^\s*((?:[A-Za-z-]+:[^\n]*\r?\n)+)\r?\n([\s\S]*)$/);
    if (split) {
      for (const line of split[1]!.split(/\r?\n/)) {
        const i = line.indexOf(":");
        if (i > 0) headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
      }
      payload = split[2]!;
    }
    blocks.push({ label, der: decodeBase64(payload, `the PEM block "${label}"`), headers });
  }
  if (blocks.length === 0 && text.includes("-----BEGIN ")) throw new PkiError("ERR_PEM_MALFORMED", "a PEM BEGIN line has no matching END line (truncated file?)");
  return blocks;
}

/** Armours DER as PEM with 64-character lines and a trailing newline. */
export function toPem(der: Uint8Array, label: string): string {
  const b64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString("base64");
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/** Decodes the first PEM block labelled `label`, or returns the input unchanged when it is DER (or holds no such block). */
export function pemOrDer(input: Uint8Array, label: string): Uint8Array {
  if (input.length > 0 && input[0] === 0x30) return input;
  const text = new TextDecoder("latin1").decode(input.length > 64 * 1024 * 1024 ? input.subarray(0, 64 * 1024 * 1024) : input);
  const m = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(text);
  if (!m) return input;
  const bin = atob(m[1]!.replace(/[^A-Za-z0-9+/=]/g, ""));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
