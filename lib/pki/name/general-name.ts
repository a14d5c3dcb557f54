/**
 * GeneralName (RFC 5280 §4.2.1.6), the one decoding: {@link generalNameAt} gives the form that is compared
 * (name constraints, host names, CRL distribution points and issuers, with directory names canonicalised by
 * `canonical-name.ts`); {@link displayGeneralName} turns it into the Windows-style display form of the Details tab.
 * @packageDocumentation
 */
import { readTlv, TAG, tlvBytes, tlvChildren, tlvOid, tlvString, tlvValue, toHex, type Tlv } from "../asn1/der";
import { visibleText } from "./visible-text";
import { PkiError } from "../errors";
import { canonicalNameAt, type DistinguishedName } from "./canonical-name";
import { describeName, formatNameDer } from "./distinguished-name";

/** A decoded GeneralName, in the form names are compared in. */
export type GeneralNameValue =
  | { type: "dNSName" | "rfc822Name" | "uri"; value: string }
  | { type: "directoryName"; value: DistinguishedName }
  | { type: "iPAddress"; value: Uint8Array }
  /** otherName, x400Address, ediPartyName, registeredID: the context tag number and the whole encoding. */
  | { type: "other"; value: number; der: Uint8Array };

/** Reads one GeneralName element. */
export function generalNameAt(der: Uint8Array, node: Tlv): GeneralNameValue {
  switch (node.tag) {
    case 0x81:
      return { type: "rfc822Name", value: tlvString(der, node) };
    case 0x82:
      return { type: "dNSName", value: tlvString(der, node) };
    case 0xa4: {
      const inner = tlvChildren(der, node)[0];
      if (!inner) throw new PkiError("ERR_DER_MALFORMED", "empty directoryName");
      return { type: "directoryName", value: canonicalNameAt(der, inner) };
    }
    case 0x86:
      return { type: "uri", value: tlvString(der, node) };
    case 0x87:
      return { type: "iPAddress", value: tlvValue(der, node) };
    default:
      return { type: "other", value: node.tag & 0x1f, der: tlvBytes(der, node) };
  }
}

/** Reads the GeneralNames inside a constructed element (a GeneralNames SEQUENCE, or an IMPLICIT-tagged one). */
export function generalNamesAt(der: Uint8Array, node: Tlv): GeneralNameValue[] {
  return tlvChildren(der, node).map((child) => generalNameAt(der, child));
}

/** Key under which two GeneralNames compare equal (directory names per RFC 5280 §7.1, the rest exactly). */
export function generalNameKey(name: GeneralNameValue): string {
  switch (name.type) {
    case "directoryName":
      return `dn:${name.value.key}`;
    case "iPAddress":
      return `ip:${toHex(name.value)}`;
    case "other":
      return `other:${toHex(name.der)}`;
    default:
      return `${name.type}:${name.value}`;
  }
}

/** True when the two lists share at least one name. */
export function namesIntersect(a: readonly GeneralNameValue[], b: readonly GeneralNameValue[]): boolean {
  const keys = new Set(a.map(generalNameKey));
  return b.some((n) => keys.has(generalNameKey(n)));
}

/** A readable form of a GeneralName for messages. */
export function describeGeneralName(name: GeneralNameValue): string {
  switch (name.type) {
    case "directoryName":
      return describeName(name.value.der);
    case "iPAddress":
      return formatIp(name.value);
    case "other":
      return `#${toHex(name.der).toLowerCase()}`;
    default:
      return name.value;
  }
}

/** A DistributionPointName (RFC 5280 §4.2.1.13): full GeneralNames, or one RDN relative to the CRL issuer. */
export interface DistributionPointName {
  fullName?: GeneralNameValue[];
  /** DER of the RelativeDistinguishedName (re-tagged as SET). */
  relativeName?: Uint8Array;
}

/** Reads a `[0] DistributionPointName` element (explicitly tagged CHOICE). */
export function distributionPointNameAt(der: Uint8Array, tagged: Tlv): DistributionPointName {
  const choice = tlvChildren(der, tagged)[0];
  if (choice?.tag === 0xa0) return { fullName: generalNamesAt(der, choice) };
  if (choice?.tag === 0xa1) {
    const rdn = new Uint8Array(tlvBytes(der, choice));
    rdn[0] = TAG.SET;
    return { relativeName: rdn };
  }
  return {};
}

/** One decoded GeneralName. */
export interface GeneralName {
  /** `dns`, `email`, `uri`, `ip`, `directoryName`, `upn`, `otherName`, `registeredId`, … */
  type: string;
  value: string;
}

const UPN = "1.3.6.1.4.1.311.20.2.3";

/** Decodes one GeneralName element for display. Unknown forms come back as hex. */
export function readGeneralName(bytes: Uint8Array, node: Tlv): GeneralName {
  return displayGeneralName(generalNameAt(bytes, node));
}

/** The Windows-style display form of a decoded GeneralName (UPN and registeredID spelled out, unknown forms as hex). */
export function displayGeneralName(name: GeneralNameValue): GeneralName {
  switch (name.type) {
    case "rfc822Name":
      return { type: "email", value: name.value };
    case "dNSName":
      return { type: "dns", value: name.value };
    case "uri":
      return { type: "uri", value: name.value };
    case "directoryName":
      return { type: "directoryName", value: formatNameDer(name.value.der) };
    case "iPAddress":
      return { type: "ip", value: formatIp(name.value) };
  }
  const node = readTlv(name.der);
  switch (name.value) {
    case 0: {
      const [oidNode, value] = tlvChildren(name.der, node);
      const oid = tlvOid(name.der, oidNode!);
      const inner = value ? tlvChildren(name.der, value)[0] : undefined;
      if (oid === UPN && inner) return { type: "upn", value: tlvString(name.der, inner) };
      return { type: "otherName", value: `${oid}=${inner ? toHex(name.der.subarray(inner.start, inner.end)) : ""}` };
    }
    case 8: {
      const oidBytes = new Uint8Array([0x06, node.contentEnd - node.contentStart, ...tlvValue(name.der, node)]);
      return { type: "registeredId", value: tlvOid(oidBytes, readTlv(oidBytes)) };
    }
    default:
      return { type: `[${name.value}]`, value: toHex(name.der) };
  }
}

/** Decodes a GeneralNames SEQUENCE (or the children of any constructed node). */
export function readGeneralNames(bytes: Uint8Array, node: Tlv): GeneralName[] {
  return tlvChildren(bytes, node).map((c) => readGeneralName(bytes, c));
}

/** Formats an IPv4/IPv6 address (or address/mask pair from name constraints). */
export function formatIp(v: Uint8Array): string {
  if (v.length === 4) return Array.from(v).join(".");
  if (v.length === 8) return `${Array.from(v.subarray(0, 4)).join(".")}/${Array.from(v.subarray(4)).join(".")}`;
  if (v.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((v[i]! << 8) | v[i + 1]!).toString(16));
    return groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::");
  }
  return toHex(v);
}

/** Windows-style label of a GeneralName for the Details tab: `DNS Name=mail.contoso.com`. */
export function formatGeneralName(g: GeneralName): string {
  const label: Record<string, string> = { dns: "DNS Name", email: "RFC822 Name", uri: "URL", ip: "IP Address", directoryName: "Directory Address", upn: "Principal Name", registeredId: "Registered ID", otherName: "Other Name" };
  return `${label[g.type] ?? g.type}=${visibleText(g.value)}`;
}
