/**
 * Minimal DER writer for the structures lib/pki emits itself (PKCS#12 export, test fixtures).
 * Each helper returns the complete encoding of one element.
 * @packageDocumentation
 */
import { concatBytes, TAG } from "./der";

/** Encodes a definite length. */
export function derLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return Uint8Array.from([0x80 | out.length, ...out]);
}

/** Encodes one element from its identifier octet and content parts. */
export function derTlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = concatBytes(content);
  return concatBytes([Uint8Array.of(tag), derLength(body.length), body]);
}

/** SEQUENCE of the given encoded elements. */
export const derSequence = (...items: Uint8Array[]): Uint8Array => derTlv(TAG.SEQUENCE, ...items);

/** SET OF the given encoded elements, sorted as DER requires. */
export function derSet(...items: Uint8Array[]): Uint8Array {
  const sorted = [...items].sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  });
  return derTlv(TAG.SET, ...sorted);
}

/** OCTET STRING. */
export const derOctetString = (value: Uint8Array): Uint8Array => derTlv(TAG.OCTET_STRING, value);

/** NULL. */
export const derNull = (): Uint8Array => Uint8Array.of(TAG.NULL, 0);

/** Context-specific `[n]`, constructed (EXPLICIT) by default. */
export const derContext = (n: number, ...content: Uint8Array[]): Uint8Array => derTlv(0xa0 | n, ...content);

/** Non-negative INTEGER from a number. */
export function derInteger(n: number): Uint8Array {
  const out: number[] = [];
  let v = n;
  do {
    out.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if (out[0]! & 0x80) out.unshift(0);
  return derTlv(TAG.INTEGER, Uint8Array.from(out));
}

/** OBJECT IDENTIFIER from dotted form. */
export function derOid(dotted: string): Uint8Array {
  const arcs = dotted.split(".").map(Number);
  const first = arcs[0]! * 40 + arcs[1]!;
  const out: number[] = [];
  for (const arc of [first, ...arcs.slice(2)]) {
    const digits: number[] = [];
    let v = arc;
    do {
      digits.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < digits.length - 1; i++) digits[i]! |= 0x80;
    out.push(...digits);
  }
  return derTlv(TAG.OID, Uint8Array.from(out));
}

/** BMPString (UTF-16 big-endian). */
export function derBmpString(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i] = c >> 8;
    out[2 * i + 1] = c & 0xff;
  }
  return derTlv(TAG.BMP_STRING, out);
}

/** AlgorithmIdentifier with optional parameters (absent when `params` is undefined). */
export const derAlgorithm = (oid: string, params?: Uint8Array): Uint8Array => (params ? derSequence(derOid(oid), params) : derSequence(derOid(oid)));
