/**
 * Decoders for the X.509 extensions a certificate console shows: SAN, key usage, EKU, basic
 * constraints, AIA, CRL distribution points (HTTP and LDAP, with CRL issuer), SKI/AKI, policies —
 * each into structured data plus a human-readable line for a Details tab.
 * @packageDocumentation
 */
import { readTlv, TAG, tlvChildren, tlvOid, tlvString, tlvValue, toHex } from "../asn1/der";
import { formatGeneralName, readGeneralName, readGeneralNames, type GeneralName } from "../name/general-name";
import { EXTENSION_NAMES, formatEku, KEY_USAGE_NAMES } from "../asn1/oid-names";

/** A CRL distribution point. */
export interface CrlDistributionPoint {
  /** fullName URLs (http:, ldap:, file:). */
  urls: string[];
  /** Other fullName forms (e.g. directory names). */
  names: GeneralName[];
  /** cRLIssuer, when the CRL is signed by another authority (indirect CRL). */
  crlIssuer: GeneralName[];
  /** Reason flags when the point covers only some reasons. */
  reasons?: string[];
}

/** An extension as shown on a Details tab. */
export interface ExtensionView {
  oid: string;
  name: string;
  critical: boolean;
  /** Human-readable value (multi-line joined with `\n`). */
  value: string;
}

const REASONS = ["Unused", "Key Compromise", "CA Compromise", "Affiliation Changed", "Superseded", "Cessation Of Operation", "Certificate Hold", "Privilege Withdrawn", "AA Compromise"];

function bits(v: Uint8Array): number[] {
  const unused = v[0] ?? 0;
  const out: number[] = [];
  for (let i = 1; i < v.length; i++) for (let b = 0; b < 8; b++) if (v[i]! & (0x80 >> b) && !(i === v.length - 1 && b >= 8 - unused)) out.push((i - 1) * 8 + b);
  return out;
}

/** Subject Alternative Name. */
export function decodeSubjectAltName(value: Uint8Array): GeneralName[] {
  return readGeneralNames(value, readTlv(value));
}

/** Key usage names (Windows spelling). */
export function decodeKeyUsage(value: Uint8Array): string[] {
  const t = readTlv(value);
  return bits(tlvValue(value, t)).map((b) => KEY_USAGE_NAMES[b] ?? `bit ${b}`);
}

/** Enhanced key usage OIDs. */
export function decodeExtendedKeyUsage(value: Uint8Array): string[] {
  return tlvChildren(value, readTlv(value)).map((n) => tlvOid(value, n));
}

/** Basic constraints. */
export function decodeBasicConstraints(value: Uint8Array): { ca: boolean; pathLength?: number } {
  const [a, b] = tlvChildren(value, readTlv(value));
  const ca = a?.tag === TAG.BOOLEAN ? value[a.contentStart] !== 0 : false;
  const lenNode = a?.tag === TAG.INTEGER ? a : b;
  if (lenNode?.tag === TAG.INTEGER) {
    let n = 0;
    for (const x of tlvValue(value, lenNode)) n = n * 256 + x;
    return { ca, pathLength: n };
  }
  return { ca };
}

/** Authority Information Access: OCSP responders and CA issuer URLs. */
export function decodeAuthorityInfoAccess(value: Uint8Array): { ocsp: string[]; caIssuers: string[] } {
  const out = { ocsp: [] as string[], caIssuers: [] as string[] };
  for (const ad of tlvChildren(value, readTlv(value))) {
    const [m, loc] = tlvChildren(value, ad);
    const method = tlvOid(value, m!);
    const g = readGeneralName(value, loc!);
    if (g.type !== "uri") continue;
    if (method === "1.3.6.1.5.5.7.48.1") out.ocsp.push(g.value);
    else if (method === "1.3.6.1.5.5.7.48.2") out.caIssuers.push(g.value);
  }
  return out;
}

/** CRL distribution points (also used for Freshest CRL). */
export function decodeCrlDistributionPoints(value: Uint8Array): CrlDistributionPoint[] {
  return tlvChildren(value, readTlv(value)).map((dp) => {
    const point: CrlDistributionPoint = { urls: [], names: [], crlIssuer: [] };
    for (const field of tlvChildren(value, dp)) {
      const n = field.tag & 0x1f;
      if (n === 0) {
        const dpName = tlvChildren(value, field)[0]!;
        if ((dpName.tag & 0x1f) === 0) {
          for (const g of readGeneralNames(value, dpName)) {
            if (g.type === "uri") point.urls.push(g.value);
            else point.names.push(g);
          }
        } else point.names.push({ type: "nameRelativeToCRLIssuer", value: toHex(value.subarray(dpName.start, dpName.end)) });
      } else if (n === 1) {
        point.reasons = bits(tlvValue(value, field)).map((b) => REASONS[b] ?? `bit ${b}`);
      } else if (n === 2) {
        point.crlIssuer = readGeneralNames(value, field);
      }
    }
    return point;
  });
}

/** Subject key identifier as upper-case hex. */
export function decodeSubjectKeyIdentifier(value: Uint8Array): string {
  return toHex(tlvValue(value, readTlv(value)));
}

/** Authority key identifier: key id (hex) and/or issuer + serial. */
export function decodeAuthorityKeyIdentifier(value: Uint8Array): { keyId?: string; issuer?: GeneralName[]; serialNumber?: string } {
  const out: { keyId?: string; issuer?: GeneralName[]; serialNumber?: string } = {};
  for (const f of tlvChildren(value, readTlv(value))) {
    const n = f.tag & 0x1f;
    if (n === 0) out.keyId = toHex(tlvValue(value, f));
    else if (n === 1) out.issuer = readGeneralNames(value, f);
    else if (n === 2) out.serialNumber = toHex(tlvValue(value, f));
  }
  return out;
}

/** Certificate policy OIDs. */
export function decodeCertificatePolicies(value: Uint8Array): string[] {
  return tlvChildren(value, readTlv(value)).map((p) => tlvOid(value, tlvChildren(value, p)[0]!));
}

/** Renders any extension for the Details tab; undecodable or unknown ones show as hex. */
export function viewExtension(oid: string, critical: boolean, value: Uint8Array): ExtensionView {
  const name = EXTENSION_NAMES[oid] ?? oid;
  let text: string;
  try {
    text = render(oid, value);
  } catch {
    text = toHex(value);
  }
  return { oid, name, critical, value: text };
}

function render(oid: string, value: Uint8Array): string {
  switch (oid) {
    case "2.5.29.17":
    case "2.5.29.18":
      return decodeSubjectAltName(value).map(formatGeneralName).join(", ");
    case "2.5.29.15":
      return decodeKeyUsage(value).join(", ");
    case "2.5.29.37":
      return decodeExtendedKeyUsage(value).map(formatEku).join(", ");
    case "2.5.29.19": {
      const bc = decodeBasicConstraints(value);
      return `Subject Type=${bc.ca ? "CA" : "End Entity"}, Path Length Constraint=${bc.pathLength ?? "None"}`;
    }
    case "1.3.6.1.5.5.7.1.1": {
      const aia = decodeAuthorityInfoAccess(value);
      return [...aia.ocsp.map((u) => `OCSP: ${u}`), ...aia.caIssuers.map((u) => `CA Issuers: ${u}`)].join("\n");
    }
    case "2.5.29.31":
    case "2.5.29.46":
      return decodeCrlDistributionPoints(value)
        .map((p, i) => [`[${i + 1}] CRL Distribution Point`, ...p.urls.map((u) => `URL=${u}`), ...p.names.map(formatGeneralName), ...p.crlIssuer.map((g) => `CRL Issuer: ${formatGeneralName(g)}`), ...(p.reasons ? [`Reasons: ${p.reasons.join(", ")}`] : [])].join("\n  "))
        .join("\n");
    case "2.5.29.14":
      return decodeSubjectKeyIdentifier(value);
    case "2.5.29.35": {
      const aki = decodeAuthorityKeyIdentifier(value);
      return [aki.keyId && `KeyID=${aki.keyId}`, aki.issuer && `Certificate Issuer: ${aki.issuer.map(formatGeneralName).join(", ")}`, aki.serialNumber && `Certificate SerialNumber=${aki.serialNumber}`].filter(Boolean).join(", ");
    }
    case "2.5.29.32":
      return decodeCertificatePolicies(value)
        .map((p, i) => `[${i + 1}] Certificate Policy: Policy Identifier=${p === "2.5.29.32.0" ? "All issuance policies" : p}`)
        .join("\n");
    case "1.3.6.1.4.1.311.20.2":
      return tlvString(value, readTlv(value)).replace(/\0/g, "");
    default:
      return toHex(value);
  }
}
