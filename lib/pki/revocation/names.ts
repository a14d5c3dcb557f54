/**
 * Distinguished names and GeneralNames as the revocation code needs them: RFC 5280 §7.1 comparison
 * (case-insensitive, whitespace-insensitive for string attributes) and a readable form for messages.
 * @packageDocumentation
 */
import { formatNameDer } from "../name/distinguished-name";
import { derChildren, readDerTlv, TAG, type Tlv, tlvBytes, tlvOid, toHex } from "../asn1/der";

/** One GeneralName of interest to CRL scope matching. */
export type GeneralName =
  | { kind: "directoryName"; raw: Uint8Array; canonical: string }
  | { kind: "uri"; value: string }
  | { kind: "other"; key: string };

const STRING_TAGS = new Set<number>([TAG.UTF8_STRING, TAG.PRINTABLE_STRING, TAG.T61_STRING, TAG.IA5_STRING, TAG.UNIVERSAL_STRING, TAG.BMP_STRING]);

function decodeString(buf: Uint8Array, tlv: Tlv): string {
  const bytes = buf.subarray(tlv.contentStart, tlv.contentEnd);
  if (tlv.tag === TAG.BMP_STRING) {
    let s = "";
    for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return s;
  }
  return new TextDecoder(tlv.tag === TAG.T61_STRING ? "latin1" : "utf-8").decode(bytes);
}

function canonicalRdn(buf: Uint8Array, set: Tlv): string {
  const avas = derChildren(buf, set).map((ava) => {
    const [type, value] = derChildren(buf, ava);
    if (!type || !value) return "?";
    const v = STRING_TAGS.has(value.tag)
      ? decodeString(buf, value).trim().replace(/\s+/g, " ").toLowerCase()
      : "#" + toHex(tlvBytes(buf, value)).toLowerCase();
    return `${tlvOid(buf, type)}=${v}`;
  });
  return avas.sort().join("+");
}

/**
 * RFC 5280 §7.1 comparison key of a DER Name (SEQUENCE OF RDN): equal keys mean matching names.
 * Throws `ERR_ASN1_MALFORMED` on broken input.
 */
export function canonicalName(der: Uint8Array): string {
  const seq = readDerTlv(der, 0);
  return derChildren(der, seq).map((rdn) => canonicalRdn(der, rdn)).join(",");
}

/** Canonical key of a Name with one more RDN appended (for `nameRelativeToCRLIssuer`). */
export function canonicalNameWithRdn(nameDer: Uint8Array, rdnDer: Uint8Array): string {
  const base = canonicalName(nameDer);
  const rdn = canonicalRdn(rdnDer, readDerTlv(rdnDer, 0));
  return base ? `${base},${rdn}` : rdn;
}

/** A readable name for messages, CN-first as Windows shows it (like `describeCertificate`); never throws. */
export function nameToString(der: Uint8Array): string {
  try {
    return formatNameDer(der);
  } catch {
    return "#" + toHex(der).toLowerCase();
  }
}

/** Parses the children of a GeneralNames container (explicit or implicit SEQUENCE) in `buf`. */
export function parseGeneralNames(buf: Uint8Array, container: Tlv): GeneralName[] {
  return derChildren(buf, container).map((gn): GeneralName => {
    if (gn.tag === 0xa4) {
      const inner = readDerTlv(buf, gn.contentStart, gn.contentEnd);
      const raw = tlvBytes(buf, inner);
      return { kind: "directoryName", raw, canonical: canonicalName(raw) };
    }
    if (gn.tag === 0x86) return { kind: "uri", value: new TextDecoder().decode(buf.subarray(gn.contentStart, gn.contentEnd)) };
    return { kind: "other", key: toHex(tlvBytes(buf, gn)).toLowerCase() };
  });
}

/** Key under which two GeneralNames compare equal (URIs exactly, names per RFC 5280 §7.1). */
export function generalNameKey(name: GeneralName): string {
  if (name.kind === "directoryName") return "dn:" + name.canonical;
  if (name.kind === "uri") return "uri:" + name.value;
  return "other:" + name.key;
}

/** True when the two lists share at least one name. */
export function namesIntersect(a: readonly GeneralName[], b: readonly GeneralName[]): boolean {
  const keys = new Set(a.map(generalNameKey));
  return b.some((n) => keys.has(generalNameKey(n)));
}

/** A readable form of a GeneralName. */
export function generalNameToString(name: GeneralName): string {
  if (name.kind === "directoryName") return nameToString(name.raw);
  if (name.kind === "uri") return name.value;
  return "#" + name.key;
}

/** A DistributionPointName: full GeneralNames, or one RDN relative to the CRL issuer. */
export interface DistributionPointName {
  fullName?: GeneralName[];
  /** DER of the RelativeDistinguishedName (re-tagged as SET). */
  relativeName?: Uint8Array;
}

/** Parses a `[0] DistributionPointName` element (explicitly tagged CHOICE). */
export function parseDistributionPointName(buf: Uint8Array, tagged: Tlv): DistributionPointName {
  const choice = readDerTlv(buf, tagged.contentStart, tagged.contentEnd);
  if (choice.tag === 0xa0) return { fullName: parseGeneralNames(buf, choice) };
  if (choice.tag === 0xa1) {
    const rdn = new Uint8Array(tlvBytes(buf, choice));
    rdn[0] = TAG.SET;
    return { relativeName: rdn };
  }
  return {};
}

/** Named bits of a BIT STRING content as a mask: named bit i → `1 << i`. */
export function bitFlags(buf: Uint8Array, tlv: Tlv): number {
  let mask = 0;
  const n = tlv.contentEnd - tlv.contentStart - 1;
  for (let i = 0; i < n * 8 && i < 31; i++) {
    if (buf[tlv.contentStart + 1 + (i >> 3)]! & (0x80 >> (i & 7))) mask |= 1 << i;
  }
  return mask;
}
