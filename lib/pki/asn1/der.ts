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

/** Reads the element starting at `offset`, not extending past `limit`. */
export function readTlv(bytes: Uint8Array, offset = 0, limit = bytes.length, depth = 0): Tlv {
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
    if (!constructed) derFail("indefinite length on a primitive element", offset);
    let q = p;
    for (;;) {
      if (q + 1 >= limit) derFail("missing end-of-contents marker of an indefinite-length element", q);
      if (bytes[q] === 0 && bytes[q + 1] === 0) break;
      q = readTlv(bytes, q, limit, depth + 1).end;
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
  if (!parent.constructed) derFail(`expected a constructed element, found tag 0x${hexByte(parent.tag)}`, parent.start);
  const out: Tlv[] = [];
  let p = parent.contentStart;
  while (p < parent.contentEnd) {
    const child = readTlv(bytes, p, parent.contentEnd, depth);
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

/** Decodes UTCTime / GeneralizedTime. */
export function tlvTime(bytes: Uint8Array, node: Tlv): Date {
  if (node.tag !== TAG.UTC_TIME && node.tag !== TAG.GENERALIZED_TIME) derFail(`expected a time, found tag 0x${hexByte(node.tag)}`, node.start);
  const s = latin1(tlvValue(bytes, node));
  const m = node.tag === TAG.UTC_TIME ? /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?Z$/.exec(s) : /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?(?:\.(\d+))?Z$/.exec(s);
  if (!m) derFail(`malformed time "${s}"`, node.start);
  let year = Number(m[1]);
  if (node.tag === TAG.UTC_TIME) year += year < 50 ? 2000 : 1900;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), ms));
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

function latin1(v: Uint8Array): string {
  let s = "";
  for (const b of v) s += String.fromCharCode(b);
  return s;
}

function hexByte(n: number): string {
  return n.toString(16).padStart(2, "0");
}
