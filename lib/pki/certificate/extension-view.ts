/**
 * The Windows way of showing a certificate's extensions (the Details tab, `certutil -dump`): display forms of the
 * fields the one parsed certificate (`certificate.ts`, extensions by `decode-extension.ts`) already holds. Nothing
 * here decodes an extension the model decodes; only display-only extensions (issuer alternative name, the
 * Microsoft certificate template name) are read from their raw value.
 * @packageDocumentation
 */
import { readTlv, tlvString, toHex } from "../asn1/der";
import { displayGeneralName, formatGeneralName, generalNamesAt, type GeneralName } from "../name/general-name";
import { EXTENSION_NAMES, formatEku, KEY_USAGE_NAMES } from "../asn1/oid-names";
import { applyExtension, KEY_USAGE_BITS, type CertificateExtensionFields, type DistributionPoint } from "./decode-extension";
import type { PathCertificate } from "./certificate";

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

/** Key usage names (Windows spelling), or null when the certificate has no key usage extension. */
export function keyUsageNames(cert: CertificateExtensionFields): string[] | null {
  if (!cert.keyUsage) return null;
  const names: string[] = [];
  KEY_USAGE_BITS.forEach((bit, index) => {
    if (cert.keyUsage!.has(bit)) names.push(KEY_USAGE_NAMES[index] ?? `bit ${index}`);
  });
  return names;
}

/** Basic constraints in the Details tab's form, or null when absent. */
export function basicConstraintsView(cert: CertificateExtensionFields): { ca: boolean; pathLength?: number } | null {
  const bc = cert.basicConstraints;
  if (!bc) return null;
  return bc.pathLen !== undefined ? { ca: bc.ca, pathLength: bc.pathLen } : { ca: bc.ca };
}

/** Display form of decoded distribution points (cRLDistributionPoints or freshestCRL). */
export function distributionPointsView(points: readonly DistributionPoint[] | undefined): CrlDistributionPoint[] {
  return (points ?? []).map((p) => {
    const point: CrlDistributionPoint = { urls: [], names: [], crlIssuer: (p.cRLIssuer ?? []).map(displayGeneralName) };
    for (const g of (p.name?.fullName ?? []).map(displayGeneralName)) {
      if (g.type === "uri") point.urls.push(g.value);
      else point.names.push(g);
    }
    // The relative name is kept re-tagged as a SET; the Details tab shows it as encoded, [1] IMPLICIT.
    if (p.name?.relativeName) point.names.push({ type: "nameRelativeToCRLIssuer", value: `A1${toHex(p.name.relativeName.subarray(1))}` });
    if (p.reasons !== undefined) point.reasons = REASONS.flatMap((reason, bit) => (p.reasons! & (1 << bit) ? [reason] : []));
    return point;
  });
}

/** The fields of one more occurrence of a repeated extension (the model reads the first), decoded the same way. */
function repeatedExtension(oid: string, value: Uint8Array): CertificateExtensionFields {
  const fields: CertificateExtensionFields = { subjectAltNames: [], caIssuerUrls: [], ocspUrls: [], ocspNoCheck: false };
  applyExtension(fields, oid, value);
  return fields;
}

/** Renders every extension of `cert` for the Details tab; undecodable or unknown ones show as hex. */
export function extensionViews(cert: PathCertificate): ExtensionView[] {
  return cert.extensions.map(({ oid, critical, value }, index) => {
    let text: string;
    try {
      const repeated = cert.extensions.findIndex((e) => e.oid === oid) !== index;
      if (repeated) text = render(repeatedExtension(oid, value), oid, value);
      else text = cert.malformedExtensions.includes(oid) ? toHex(value) : render(cert, oid, value);
    } catch {
      text = toHex(value);
    }
    return { oid, name: EXTENSION_NAMES[oid] ?? oid, critical, value: text };
  });
}

function renderPoints(points: readonly DistributionPoint[] | undefined): string {
  return distributionPointsView(points)
    .map((p, i) => [`[${i + 1}] CRL Distribution Point`, ...p.urls.map((u) => `URL=${u}`), ...p.names.map(formatGeneralName), ...p.crlIssuer.map((g) => `CRL Issuer: ${formatGeneralName(g)}`), ...(p.reasons ? [`Reasons: ${p.reasons.join(", ")}`] : [])].join("\n  "))
    .join("\n");
}

function render(cert: CertificateExtensionFields, oid: string, value: Uint8Array): string {
  switch (oid) {
    case "2.5.29.17":
      return cert.subjectAltNames.map((g) => formatGeneralName(displayGeneralName(g))).join(", ");
    case "2.5.29.18":
      return generalNamesAt(value, readTlv(value))
        .map((g) => formatGeneralName(displayGeneralName(g)))
        .join(", ");
    case "2.5.29.15":
      return (keyUsageNames(cert) ?? []).join(", ");
    case "2.5.29.37":
      return (cert.extendedKeyUsage ?? []).map(formatEku).join(", ");
    case "2.5.29.19": {
      const bc = basicConstraintsView(cert);
      return `Subject Type=${bc?.ca ? "CA" : "End Entity"}, Path Length Constraint=${bc?.pathLength ?? "None"}`;
    }
    case "1.3.6.1.5.5.7.1.1":
      return [...cert.ocspUrls.map((u) => `OCSP: ${u}`), ...cert.caIssuerUrls.map((u) => `CA Issuers: ${u}`)].join("\n");
    case "2.5.29.31":
      return renderPoints(cert.crlDistributionPoints);
    case "2.5.29.46":
      return renderPoints(cert.freshestCrl);
    case "2.5.29.14":
      return cert.subjectKeyId?.toUpperCase() ?? "";
    case "2.5.29.35": {
      const issuer = cert.authorityCertIssuer?.map((g) => formatGeneralName(displayGeneralName(g)));
      return [cert.authorityKeyId && `KeyID=${cert.authorityKeyId.toUpperCase()}`, issuer && `Certificate Issuer: ${issuer.join(", ")}`, cert.authorityCertSerial && `Certificate SerialNumber=${toHex(cert.authorityCertSerial)}`].filter(Boolean).join(", ");
    }
    case "2.5.29.32":
      return (cert.policies ?? []).map((p, i) => `[${i + 1}] Certificate Policy: Policy Identifier=${p === "2.5.29.32.0" ? "All issuance policies" : p}`).join("\n");
    case "1.3.6.1.4.1.311.20.2":
      return tlvString(value, readTlv(value)).replace(/\0/g, "");
    default:
      return toHex(value);
  }
}
