/**
 * Distinguished names compared the RFC 5280 §7.1 way: attribute values of string types are compared after
 * case folding, trimming and collapsing internal white space (so "Good  CA" in PrintableString matches "good ca"
 * in UTF8String); other values are compared as DER. Used for name chaining and directoryName constraints.
 * Parsed straight from DER with the `der.ts` reader: this sits on the hot path of path validation.
 * @packageDocumentation
 */
import type * as pkijs from "pkijs";
import { readTlv, tlvBytes, tlvChildren, tlvOid, tlvString, type Tlv } from "../asn1/der";

/** OID of the PKCS#9 emailAddress attribute, which RFC 5280 §4.2.1.10 brings under rfc822Name constraints. */
export const OID_EMAIL_ADDRESS = "1.2.840.113549.1.9.1";
const OID_COMMON_NAME = "2.5.4.3";

/** A distinguished name, canonicalised for comparison. */
export interface DistinguishedName {
  /** Canonical form of each RDN, outermost (e.g. C=) first. */
  rdns: string[];
  /** Canonical form of the whole name; equal keys ⇔ matching names. */
  key: string;
  /** Values of emailAddress attributes (for rfc822Name constraints). */
  emails: string[];
  /** Values of commonName attributes. */
  commonNames: string[];
  /** Display form, e.g. `C=US, O=Contoso, CN=mail.contoso.com`. */
  text: string;
}

const SHORT_NAMES: Readonly<Record<string, string>> = {
  "2.5.4.3": "CN",
  "2.5.4.4": "SN",
  "2.5.4.5": "serialNumber",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.9": "street",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.12": "T",
  "2.5.4.42": "G",
  "2.5.4.43": "initials",
  "2.5.4.44": "generationQualifier",
  "2.5.4.46": "dnQualifier",
  "2.5.4.65": "pseudonym",
  "0.9.2342.19200300.100.1.25": "DC",
  "0.9.2342.19200300.100.1.1": "UID",
  [OID_EMAIL_ADDRESS]: "E",
};

const STRING_TAGS = new Set([0x0c, 0x12, 0x13, 0x14, 0x16, 0x1a, 0x1c, 0x1e]);

/** Canonical comparison form of a directory string: case-folded, trimmed, internal white space collapsed. */
export function canonicalDirectoryString(value: string): string {
  return value.normalize("NFKC").toLowerCase().trim().replace(/\s+/g, " ");
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");

/** Canonicalises the Name element `node` of `bytes`. Throws `ERR_DER_MALFORMED` for broken input. */
export function canonicalNameAt(bytes: Uint8Array, node: Tlv): DistinguishedName {
  const emails: string[] = [];
  const commonNames: string[] = [];
  const rdns: string[] = [];
  const display: string[] = [];
  for (const set of tlvChildren(bytes, node)) {
    const keys: string[] = [];
    const texts: string[] = [];
    for (const ava of tlvChildren(bytes, set)) {
      const [typeNode, valueNode] = tlvChildren(bytes, ava);
      if (!typeNode || !valueNode) continue;
      const type = tlvOid(bytes, typeNode);
      const label = SHORT_NAMES[type] ?? type;
      if (STRING_TAGS.has(valueNode.tag)) {
        const text = tlvString(bytes, valueNode);
        keys.push(`${type}=s:${canonicalDirectoryString(text)}`);
        texts.push(`${label}=${text}`);
        if (type === OID_EMAIL_ADDRESS) emails.push(text);
        if (type === OID_COMMON_NAME) commonNames.push(text);
      } else {
        const der = hex(tlvBytes(bytes, valueNode));
        keys.push(`${type}=x:${der}`);
        texts.push(`${label}=#${der}`);
      }
    }
    rdns.push(keys.sort().join("+"));
    display.push(texts.join("+"));
  }
  return { rdns, key: rdns.join(","), emails, commonNames, text: display.join(", ") };
}

/** Canonicalises a DER-encoded Name, or a pkijs name object. */
export function canonicalName(name: Uint8Array | pkijs.RelativeDistinguishedNames): DistinguishedName {
  const der = name instanceof Uint8Array ? name : new Uint8Array(name.valueBeforeDecode.byteLength > 0 ? name.valueBeforeDecode : name.toSchema().toBER(false));
  return canonicalNameAt(der, readTlv(der));
}

/** True when `child` is `parent` or lies beneath it (directoryName constraint matching, RFC 5280 §4.2.1.10). */
export function isNameWithin(child: DistinguishedName, parent: DistinguishedName): boolean {
  if (parent.rdns.length > child.rdns.length) return false;
  return parent.rdns.every((rdn, index) => child.rdns[index] === rdn);
}
