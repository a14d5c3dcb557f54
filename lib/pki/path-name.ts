/**
 * Distinguished names compared the RFC 5280 §7.1 way: attribute values of string types are compared after
 * case folding, trimming and collapsing internal white space (so "Good  CA" in PrintableString matches "good ca"
 * in UTF8String); other values are compared as DER. Used for name chaining and directoryName constraints.
 * @packageDocumentation
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

/** OID of the PKCS#9 emailAddress attribute, which RFC 5280 §4.2.1.10 brings under rfc822Name constraints. */
export const OID_EMAIL_ADDRESS = "1.2.840.113549.1.9.1";

/** A distinguished name, canonicalised for comparison. */
export interface DistinguishedName {
  /** Canonical form of each RDN, outermost (e.g. C=) first. */
  rdns: string[];
  /** Canonical form of the whole name; equal keys ⇔ matching names. */
  key: string;
  /** Values of emailAddress attributes (for rfc822Name constraints). */
  emails: string[];
}

const STRING_BLOCKS: readonly (abstract new (...args: never[]) => unknown)[] = [
  asn1js.PrintableString,
  asn1js.Utf8String,
  asn1js.BmpString,
  asn1js.UniversalString,
  asn1js.TeletexString,
  asn1js.IA5String,
  asn1js.VisibleString,
  asn1js.NumericString,
];

/** Canonical comparison form of a directory string: case-folded, trimmed, internal white space collapsed. */
export function canonicalDirectoryString(value: string): string {
  return value.normalize("NFKC").toLowerCase().trim().replace(/\s+/g, " ");
}

function hex(bytes: ArrayBuffer | Uint8Array): string {
  return Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString("hex");
}

function attributeValueKey(value: unknown): { key: string; text?: string } {
  if (STRING_BLOCKS.some((block) => value instanceof block)) {
    const text = String((value as { valueBlock: { value: string } }).valueBlock.value);
    return { key: `s:${canonicalDirectoryString(text)}`, text };
  }
  const ber = (value as asn1js.BaseBlock | undefined)?.toBER?.(false);
  return { key: `x:${ber ? hex(ber) : ""}` };
}

/** Canonicalises a pkijs name (certificate subject/issuer or a directoryName). */
export function canonicalName(name: pkijs.RelativeDistinguishedNames): DistinguishedName {
  const emails: string[] = [];
  // pkijs flattens the RDN sets; the set boundaries are in the raw ASN.1, recovered below when available.
  const sets = rdnSets(name);
  const rdns = sets.map((set) =>
    set
      .map((ava) => {
        const { key, text } = attributeValueKey(ava.value);
        if (ava.type === OID_EMAIL_ADDRESS && text !== undefined) emails.push(text);
        return `${ava.type}=${key}`;
      })
      .sort()
      .join("+"),
  );
  return { rdns, key: rdns.join(","), emails };
}

function rdnSets(name: pkijs.RelativeDistinguishedNames): pkijs.AttributeTypeAndValue[][] {
  const raw = name.valueBeforeDecode;
  if (raw && raw.byteLength > 0) {
    const parsed = asn1js.fromBER(raw);
    if (parsed.offset !== -1 && parsed.result instanceof asn1js.Sequence) {
      const sets: pkijs.AttributeTypeAndValue[][] = [];
      for (const set of parsed.result.valueBlock.value) {
        if (!(set instanceof asn1js.Set)) return name.typesAndValues.map((ava) => [ava]);
        sets.push(set.valueBlock.value.map((ava) => new pkijs.AttributeTypeAndValue({ schema: ava })));
      }
      return sets;
    }
  }
  return name.typesAndValues.map((ava) => [ava]);
}

/** True when `child` is `parent` or lies beneath it (directoryName constraint matching, RFC 5280 §4.2.1.10). */
export function isNameWithin(child: DistinguishedName, parent: DistinguishedName): boolean {
  if (parent.rdns.length > child.rdns.length) return false;
  return parent.rdns.every((rdn, index) => child.rdns[index] === rdn);
}
