/**
 * A small, bounds-checked DER/BER reader. It never allocates a tree: callers walk the bytes with
 * {@link readTlv} and {@link tlvChildren}, which keeps sniffing and list views cheap and lets every
 * malformed input end in a {@link PkiError} with the offset where it went wrong.
 *
 * Indefinite lengths and constructed OCTET STRINGs (BER, as some Java/Windows PKCS#12 writers
 * produce) are accepted; nesting is capped at {@link MAX_DER_DEPTH}.
 * @packageDocumentation
 */
import { PkiError } from "../errors";

/** Universal tags used across lib/pki (identifier octet values). */
export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Deepest nesting the reader follows before refusing the input. */
export const MAX_DER_DEPTH = 64;

/** One tag-length-value element located inside a byte array. */
export interface Tlv {
  /** The identifier octet (class, constructed bit and low tag number). */
  tag: number;
  /** Whether the constructed bit is set. */
  constructed: boolean;
  /** Offset of the identifier octet. */
  start: number;
  /** Offset of the first content octet. */
  contentStart: number;
  /** Offset just after the last content octet (before an end-of-contents marker, if any). */
  contentEnd: number;
  /** Offset just after the whole element. */
  end: number;
}

/** Throws the reader's error: `ERR_DER_MALFORMED` with a precise message. */
export function derFail(message: string, offset?: number): never {
  throw new PkiError("ERR_DER_MALFORMED", offset === undefined ? message : `${message} (at byte ${offset})`, offset === undefined ? undefined : { offset });
}

/**
 * Reads the element starting at `offset`, not extending past `limit`. BER's indefinite lengths are followed
 * (PKCS#12 from Java and Windows uses them); see {@link readDerTlv} for the strict DER form.
 */
export function readTlv(bytes: Uint8Array, offset = 0, limit = bytes.length, depth = 0): Tlv {
  return readElement(bytes, offset, limit, depth, true);
}

/**
 * Reads the element starting at `offset` as DER: definite lengths only, as RFC 5280 requires of certificates,
 * CRLs and OCSP responses. This is the CRL scanner's hot path, so it allocates nothing but the {@link Tlv}.
 */
export function readDerTlv(bytes: Uint8Array, offset: number, limit: number = bytes.length): Tlv {
  return readElement(bytes, offset, limit, 0, false);
}

function readElement(bytes: Uint8Array, offset: number, limit: number, depth: number, ber: boolean): Tlv {
  if (depth > MAX_DER_DEPTH) derFail(`nesting deeper than ${MAX_DER_DEPTH} levels`, offset);
  if (offset >= limit) derFail("unexpected end of data where an element was expected", offset);
  const tag = bytes[offset]!;
  let p = offset + 1;
  if ((tag & 0x1f) === 0x1f) {
    // High tag number form: base-128 digits, last one without the top bit.
    let digits = 0;
    while (p < limit && (bytes[p]! & 0x80) !== 0) {
      p++;
      if (++digits > 4) derFail("tag number too large", offset);
    }
    p++;
  }
  if (p >= limit) derFail("unexpected end of data in a length field", p);
  const first = bytes[p++]!;
  const constructed = (tag & 0x20) !== 0;
  if (first === 0x80) {
    if (!ber) derFail("indefinite length is not DER", offset);
    if (!constructed) derFail("indefinite length on a primitive element", offset);
    let q = p;
    for (;;) {
      if (q + 1 >= limit) derFail("missing end-of-contents marker of an indefinite-length element", q);
      if (bytes[q] === 0 && bytes[q + 1] === 0) break;
      q = readElement(bytes, q, limit, depth + 1, true).end;
    }
    return { tag, constructed, start: offset, contentStart: p, contentEnd: q, end: q + 2 };
  }
  let length = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n > 4) derFail(`length field of ${n} octets is too large`, p - 1);
    if (p + n > limit) derFail("unexpected end of data in a length field", p);
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[p++]!;
  }
  if (p + length > limit) derFail(`element claims ${length} bytes but only ${limit - p} remain`, offset);
  return { tag, constructed, start: offset, contentStart: p, contentEnd: p + length, end: p + length };
}

/** The elements directly inside a constructed element. */
export function tlvChildren(bytes: Uint8Array, parent: Tlv, depth = 1): Tlv[] {
  return childrenOf(bytes, parent, depth, true);
}

/** The elements directly inside a constructed element, read as DER ({@link readDerTlv}). */
export function derChildren(bytes: Uint8Array, parent: Tlv): Tlv[] {
  return childrenOf(bytes, parent, 1, false);
}

function childrenOf(bytes: Uint8Array, parent: Tlv, depth: number, ber: boolean): Tlv[] {
  if (!parent.constructed) derFail(`expected a constructed element, found tag 0x${hexByte(parent.tag)}`, parent.start);
  const out: Tlv[] = [];
  let p = parent.contentStart;
  while (p < parent.contentEnd) {
    const child = readElement(bytes, p, parent.contentEnd, depth, ber);
    out.push(child);
    p = child.end;
  }
  return out;
}

/** Reads the element at `offset` and checks its tag. */
export function expectTlv(bytes: Uint8Array, node: Tlv | undefined, tag: number, what: string): Tlv {
  if (!node) derFail(`missing ${what}`);
  if (node.tag !== tag && !(tag === TAG.OCTET_STRING && node.tag === 0x24)) {
    derFail(`expected ${what} (tag 0x${hexByte(tag)}), found tag 0x${hexByte(node.tag)}`, node.start);
  }
  return node;
}

/** Reads the element at `offset` as DER ({@link readDerTlv}) and checks that its tag is exactly `tag`. */
export function expectDerTlv(bytes: Uint8Array, offset: number, tag: number, limit: number = bytes.length, what = "element"): Tlv {
  const node = readDerTlv(bytes, offset, limit);
  if (node.tag !== tag) derFail(`expected ${what} (tag 0x${hexByte(tag)}), found tag 0x${hexByte(node.tag)}`, offset);
  return node;
}

/**
 * The content octets of a string-like element. A constructed encoding (BER: a constructed OCTET
 * STRING, or an IMPLICIT-tagged one) is the concatenation of its segments.
 */
export function tlvValue(bytes: Uint8Array, node: Tlv): Uint8Array {
  if (!node.constructed) return bytes.subarray(node.contentStart, node.contentEnd);
  const parts = tlvChildren(bytes, node).map((c) => tlvValue(bytes, c));
  return concatBytes(parts);
}

/** The raw content octets of an element, whatever its form. */
export function tlvContent(bytes: Uint8Array, node: Tlv): Uint8Array {
  return bytes.subarray(node.contentStart, node.contentEnd);
}

/** The whole encoding (header and content) of an element. */
export function tlvBytes(bytes: Uint8Array, node: Tlv): Uint8Array {
  return bytes.subarray(node.start, node.end);
}

/** Decodes an OBJECT IDENTIFIER element to dotted form. */
export function tlvOid(bytes: Uint8Array, node: Tlv): string {
  expectTlv(bytes, node, TAG.OID, "an OBJECT IDENTIFIER");
  const v = tlvValue(bytes, node);
  if (v.length === 0 || (v[v.length - 1]! & 0x80) !== 0) derFail("malformed OBJECT IDENTIFIER", node.start);
  const arcs: number[] = [];
  let value = 0;
  for (const b of v) {
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) derFail("OBJECT IDENTIFIER arc too large", node.start);
    if ((b & 0x80) === 0) {
      if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else arcs.push(value);
      value = 0;
    }
  }
  return arcs.join(".");
}

/** Decodes a non-negative INTEGER element that fits in a JavaScript number. */
export function tlvSmallInt(bytes: Uint8Array, node: Tlv, what = "an INTEGER"): number {
  expectTlv(bytes, node, TAG.INTEGER, what);
  const v = tlvValue(bytes, node);
  if (v.length === 0 || v.length > 6 || (v[0]! & 0x80) !== 0) derFail(`${what} is not a small non-negative integer`, node.start);
  let n = 0;
  for (const b of v) n = n * 256 + b;
  return n;
}

/** The two's-complement value of an INTEGER or ENUMERATED element of any size (CRL numbers, serials). */
export function tlvInteger(bytes: Uint8Array, node: Tlv): bigint {
  let v = 0n;
  for (let i = node.contentStart; i < node.contentEnd; i++) v = (v << 8n) | BigInt(bytes[i]!);
  const n = node.contentEnd - node.contentStart;
  if (n > 0 && bytes[node.contentStart]! & 0x80) v -= 1n << BigInt(8 * n);
  return v;
}

/** Decodes a DirectoryString/BMPString/IA5String… element to text. */
export function tlvString(bytes: Uint8Array, node: Tlv): string {
  const v = tlvValue(bytes, node);
  switch (node.tag) {
    case TAG.BMP_STRING: {
      let s = "";
      for (let i = 0; i + 1 < v.length; i += 2) s += String.fromCharCode((v[i]! << 8) | v[i + 1]!);
      return s;
    }
    case TAG.UNIVERSAL_STRING: {
      let s = "";
      for (let i = 0; i + 3 < v.length; i += 4) s += String.fromCodePoint(((v[i]! << 24) | (v[i + 1]! << 16) | (v[i + 2]! << 8) | v[i + 3]!) >>> 0);
      return s;
    }
    case TAG.T61_STRING:
      return latin1(v);
    default:
      return new TextDecoder("utf-8", { fatal: false }).decode(v);
  }
}

/** Decodes UTCTime / GeneralizedTime (RFC 5280 forms: `Z` only, seconds and a fraction optional). */
export function tlvTime(bytes: Uint8Array, node: Tlv): Date {
  return new Date(tlvTimeMs(bytes, node));
}

/** Milliseconds since the epoch of a UTCTime / GeneralizedTime element; allocation-free for the CRL scanner. */
export function tlvTimeMs(bytes: Uint8Array, node: Tlv): number {
  const utc = node.tag === TAG.UTC_TIME;
  if (!utc && node.tag !== TAG.GENERALIZED_TIME) derFail(`expected a time, found tag 0x${hexByte(node.tag)}`, node.start);
  const v = node.constructed ? tlvValue(bytes, node) : bytes;
  const start = node.constructed ? 0 : node.contentStart;
  const z = (node.constructed ? v.length : node.contentEnd) - 1;
  const yearDigits = utc ? 2 : 4;
  let q = start + yearDigits + 8;
  let ms = NaN;
  if (q <= z && v[z] === 0x5a) {
    let year = digitsAt(v, start, yearDigits);
    if (utc) year += year < 50 ? 2000 : 1900;
    let second = 0;
    if (q + 2 <= z && v[q] !== 0x2e) {
      second = digitsAt(v, q, 2);
      q += 2;
    }
    let fraction = 0;
    if (!utc && q + 1 < z && v[q] === 0x2e && digitsAt(v, q + 1, z - q - 1) >= 0) {
      fraction = Math.floor(Number(`0.${latin1(v.subarray(q + 1, z))}`) * 1000);
      q = z;
    }
    const m = start + yearDigits;
    if (q === z) ms = Date.UTC(year, digitsAt(v, m, 2) - 1, digitsAt(v, m + 2, 2), digitsAt(v, m + 4, 2), digitsAt(v, m + 6, 2), second, fraction);
  }
  if (Number.isNaN(ms)) derFail(`malformed time "${latin1(v.subarray(start, z + 1))}"`, node.start);
  return ms;
}

/** The decimal value of `n` ASCII digits at `p`, or NaN. */
function digitsAt(v: Uint8Array, p: number, n: number): number {
  let x = 0;
  for (let i = 0; i < n; i++) {
    const d = v[p + i]! - 48;
    if (!(d >= 0 && d <= 9)) return NaN;
    x = x * 10 + d;
  }
  return x;
}

/** Concatenates byte arrays. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Upper-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex").toUpperCase();
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

function latin1(v: Uint8Array): string {
  let s = "";
  for (const b of v) s += String.fromCharCode(b);
  return s;
}

function hexByte(n: number): string {
  return n.toString(16).padStart(2, "0");
}
