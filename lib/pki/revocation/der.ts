/**
 * A minimal zero-copy DER reader: tag/length/value headers over a `Uint8Array`, no object trees.
 * Used by the CRL scanner (large CRLs), certificate field extraction and OCSP building.
 * @packageDocumentation
 */
import { PkiError } from "../errors";

/** One DER element: its tag byte and where its header, content and end lie in the buffer. */
export interface Tlv {
  /** The identifier octet (class, constructed bit and tag number < 31). */
  tag: number;
  /** Offset of the identifier octet. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset one past the last content byte. */
  end: number;
}

/** Universal tags used across the revocation code. */
export const TAG = {
  BOOLEAN: 0x01, INTEGER: 0x02, BIT_STRING: 0x03, OCTET_STRING: 0x04, NULL: 0x05, OID: 0x06,
  ENUMERATED: 0x0a, UTF8: 0x0c, PRINTABLE: 0x13, T61: 0x14, IA5: 0x16, UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18, UNIVERSAL: 0x1c, BMP: 0x1e, SEQUENCE: 0x30, SET: 0x31,
} as const;

function malformed(message: string, offset: number): PkiError {
  return new PkiError("ERR_ASN1_MALFORMED", `${message} at byte ${offset}`, { offset });
}

/**
 * Reads the element starting at `pos`; throws `ERR_ASN1_MALFORMED` if it does not fit before `limit`.
 * Only definite lengths (DER) and low tag numbers are accepted.
 */
export function readTlv(buf: Uint8Array, pos: number, limit: number = buf.length): Tlv {
  if (pos + 2 > limit) throw malformed("truncated DER header", pos);
  const tag = buf[pos]!;
  if ((tag & 0x1f) === 0x1f) throw malformed("high tag numbers are not supported", pos);
  let len = buf[pos + 1]!;
  let p = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw malformed(n === 0 ? "indefinite length is not DER" : "length too long", pos);
    if (p + n > limit) throw malformed("truncated DER length", pos);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p + i]!;
    p += n;
  }
  const end = p + len;
  if (end > limit) throw malformed(`element of ${len} bytes overruns its container`, pos);
  return { tag, start: pos, contentStart: p, end };
}

/** Reads the element at `pos` and checks its tag. */
export function expectTlv(buf: Uint8Array, pos: number, tag: number, limit: number = buf.length, what = "element"): Tlv {
  const tlv = readTlv(buf, pos, limit);
  if (tlv.tag !== tag) throw malformed(`expected ${what} (tag 0x${tag.toString(16)}), found tag 0x${tlv.tag.toString(16)}`, pos);
  return tlv;
}

/** The direct children of a constructed element. */
export function children(buf: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let p = parent.contentStart;
  while (p < parent.end) {
    const child = readTlv(buf, p, parent.end);
    out.push(child);
    p = child.end;
  }
  return out;
}

/** The content bytes of an element (a view, not a copy). */
export function content(buf: Uint8Array, tlv: Tlv): Uint8Array {
  return buf.subarray(tlv.contentStart, tlv.end);
}

/** The whole encoding of an element, header included (a view, not a copy). */
export function encoding(buf: Uint8Array, tlv: Tlv): Uint8Array {
  return buf.subarray(tlv.start, tlv.end);
}

/** Dotted-decimal form of an OBJECT IDENTIFIER element. */
export function oidToString(buf: Uint8Array, tlv: Tlv): string {
  const parts: number[] = [];
  let value = 0;
  for (let i = tlv.contentStart; i < tlv.end; i++) {
    const b = buf[i]!;
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join(".");
}

function digits(buf: Uint8Array, p: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = buf[p + i]! - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
}

/** Milliseconds since the epoch of a UTCTime or GeneralizedTime element (RFC 5280 forms, `Z` only). */
export function timeToMs(buf: Uint8Array, tlv: Tlv): number {
  const p = tlv.contentStart;
  const len = tlv.end - p;
  let year: number;
  let q: number;
  if (tlv.tag === TAG.UTC_TIME) {
    year = digits(buf, p, 2);
    year += year < 50 ? 2000 : 1900;
    q = p + 2;
  } else if (tlv.tag === TAG.GENERALIZED_TIME) {
    year = digits(buf, p, 4);
    q = p + 4;
  } else throw malformed("expected UTCTime or GeneralizedTime", tlv.start);
  const rest = tlv.end - q;
  if (rest < 9 || buf[tlv.end - 1] !== 0x5a) throw malformed("time is not in the form …Z", tlv.start);
  const seconds = rest >= 11 ? digits(buf, q + 8, 2) : 0;
  let ms = Date.UTC(year, digits(buf, q, 2) - 1, digits(buf, q + 2, 2), digits(buf, q + 4, 2), digits(buf, q + 6, 2), seconds);
  if (rest > 12 && buf[q + 10] === 0x2e) ms += Math.round(Number("0." + String.fromCharCode(...buf.subarray(q + 11, tlv.end - 1))) * 1000);
  if (Number.isNaN(ms) || len < 11) throw malformed("invalid time digits", tlv.start);
  return ms;
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]!];
  return s;
}

/** Bytes of a hex string (whitespace and colons ignored). */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/[\s:]/g, "");
  const out = new Uint8Array(clean.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.substr(i * 2, 2), 16);
  return out;
}

/** Byte-wise equality. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Non-negative integer value of a small INTEGER/ENUMERATED element, as a bigint. */
export function integerValue(buf: Uint8Array, tlv: Tlv): bigint {
  let v = 0n;
  for (let i = tlv.contentStart; i < tlv.end; i++) v = (v << 8n) | BigInt(buf[i]!);
  const n = tlv.end - tlv.contentStart;
  if (n > 0 && buf[tlv.contentStart]! & 0x80) v -= 1n << BigInt(8 * n);
  return v;
}

/** Encodes a DER element from a tag and content. */
export function encode(tag: number, ...parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const header: number[] = [tag];
  if (len < 0x80) header.push(len);
  else {
    const bytes: number[] = [];
    for (let l = len; l > 0; l = Math.floor(l / 256)) bytes.unshift(l & 0xff);
    header.push(0x80 | bytes.length, ...bytes);
  }
  const out = new Uint8Array(header.length + len);
  out.set(header, 0);
  let o = header.length;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Decodes PEM (any label) or returns DER input unchanged. */
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
