/**
 * GeneralName (RFC 5280 §4.2.1.6) decoding for SAN, AIA, CRL distribution points and AKI.
 * @packageDocumentation
 */
import { readTlv, tlvChildren, tlvOid, tlvString, tlvValue, toHex, type Tlv } from "../asn1/der";
import { formatNameDer } from "./distinguished-name";

/** One decoded GeneralName. */
export interface GeneralName {
  /** `dns`, `email`, `uri`, `ip`, `directoryName`, `upn`, `otherName`, `registeredId`, … */
  type: string;
  value: string;
}

const UPN = "1.3.6.1.4.1.311.20.2.3";

/** Decodes one GeneralName element. Unknown forms come back as hex. */
export function readGeneralName(bytes: Uint8Array, node: Tlv): GeneralName {
  const n = node.tag & 0x1f;
  switch (n) {
    case 0: {
      const [oidNode, value] = tlvChildren(bytes, node);
      const oid = tlvOid(bytes, oidNode!);
      const inner = value ? tlvChildren(bytes, value)[0] : undefined;
      if (oid === UPN && inner) return { type: "upn", value: tlvString(bytes, inner) };
      return { type: "otherName", value: `${oid}=${inner ? toHex(bytes.subarray(inner.start, inner.end)) : ""}` };
    }
    case 1:
      return { type: "email", value: tlvString(bytes, node) };
    case 2:
      return { type: "dns", value: tlvString(bytes, node) };
    case 4: {
      const name = tlvChildren(bytes, node)[0]!;
      return { type: "directoryName", value: formatNameDer(bytes.slice(name.start, name.end)) };
    }
    case 6:
      return { type: "uri", value: tlvString(bytes, node) };
    case 7:
      return { type: "ip", value: formatIp(tlvValue(bytes, node)) };
    case 8: {
      const oidBytes = new Uint8Array([0x06, node.contentEnd - node.contentStart, ...tlvValue(bytes, node)]);
      return { type: "registeredId", value: tlvOid(oidBytes, readTlv(oidBytes)) };
    }
    default:
      return { type: `[${n}]`, value: toHex(bytes.subarray(node.start, node.end)) };
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
  return `${label[g.type] ?? g.type}=${g.value}`;
}
