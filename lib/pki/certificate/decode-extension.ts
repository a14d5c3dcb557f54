/**
 * Decoding of the certificate extensions (basic constraints, key usage, EKU, key identifiers, subject alternative
 * names, name constraints, policies, policy mappings and constraints, inhibitAnyPolicy, AIA, CRL distribution
 * points, freshest CRL, OCSP no-check), straight from DER with the `asn1/der.ts` reader: the one decoding that
 * path validation, revocation and the Details tab (`extension-view.ts`) all read.
 * @packageDocumentation
 */
import { readTlv, tlvBitFlags, tlvChildren, tlvOid, tlvSmallInt, tlvString, tlvValue, type Tlv } from "../asn1/der";
import { PkiError } from "../errors";
import { distributionPointNameAt, generalNameAt, generalNamesAt, type DistributionPointName, type GeneralNameValue } from "../name/general-name";

/** Key usage bit names in RFC 5280 bit order. */
export const KEY_USAGE_BITS = ["digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"] as const;
/** One key usage bit name. */
export type KeyUsageName = (typeof KEY_USAGE_BITS)[number];

/** Name constraints of a CA certificate. */
export interface NameConstraintSet {
  permitted: GeneralNameValue[];
  excluded: GeneralNameValue[];
}

/** One entry of a cRLDistributionPoints (or freshestCRL) extension. */
export interface DistributionPoint {
  name?: DistributionPointName;
  /** ReasonFlags mask, absent = all reasons. */
  reasons?: number;
  cRLIssuer?: GeneralNameValue[];
}

/** The fields of a certificate that come from its extensions. */
export interface CertificateExtensionFields {
  /** Lower-case hex. */
  subjectKeyId?: string;
  /** The authority key identifier's keyIdentifier, lower-case hex. */
  authorityKeyId?: string;
  /** The authority key identifier's authorityCertIssuer, when present. */
  authorityCertIssuer?: GeneralNameValue[];
  /** The authority key identifier's authorityCertSerialNumber (content octets), when present. */
  authorityCertSerial?: Uint8Array;
  basicConstraints?: { ca: boolean; pathLen?: number };
  keyUsage?: ReadonlySet<KeyUsageName>;
  extendedKeyUsage?: string[];
  subjectAltNames: GeneralNameValue[];
  nameConstraints?: NameConstraintSet;
  /** Certificate policy OIDs; undefined when the extension is absent. */
  policies?: string[];
  policyMappings?: { issuerDomainPolicy: string; subjectDomainPolicy: string }[];
  requireExplicitPolicy?: number;
  inhibitPolicyMapping?: number;
  inhibitAnyPolicy?: number;
  caIssuerUrls: string[];
  /** cRLDistributionPoints; undefined when the extension is absent. */
  crlDistributionPoints?: DistributionPoint[];
  /** freshestCRL (delta CRL locations); undefined when absent. */
  freshestCrl?: DistributionPoint[];
  /** AIA id-ad-ocsp URLs. */
  ocspUrls: string[];
  /** id-pkix-ocsp-nocheck is present. */
  ocspNoCheck: boolean;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
const children = (der: Uint8Array, node: Tlv | undefined): Tlv[] => (node ? tlvChildren(der, node) : []);

function keyUsageOf(bits: Uint8Array): Set<KeyUsageName> {
  const set = new Set<KeyUsageName>();
  KEY_USAGE_BITS.forEach((name, index) => {
    const byte = bits[1 + (index >> 3)];
    if (byte !== undefined && byte & (0x80 >> (index & 7))) set.add(name);
  });
  return set;
}

/** Decodes a DistributionPoints SEQUENCE (the value of a cRLDistributionPoints, freshestCRL or IDP-like extension). */
export function decodeDistributionPoints(der: Uint8Array): DistributionPoint[] {
  return children(der, readTlv(der)).map((dp) => {
    const out: DistributionPoint = {};
    for (const f of children(der, dp)) {
      if (f.tag === 0xa0) out.name = distributionPointNameAt(der, f);
      else if (f.tag === 0x81) out.reasons = tlvBitFlags(der, f);
      else if (f.tag === 0xa2) out.cRLIssuer = generalNamesAt(der, f);
    }
    return out;
  });
}

/** Decodes the value (DER inside the extnValue OCTET STRING) of extension `oid` into `target`; throws on malformed input. */
export function applyExtension(target: CertificateExtensionFields, oid: string, der: Uint8Array): void {
  const root = readTlv(der);
  switch (oid) {
    case "2.5.29.19": {
      const fields = children(der, root);
      const ca = fields[0]?.tag === 0x01 && der[fields[0].contentStart] !== 0;
      const lenNode = fields.find((f) => f.tag === 0x02);
      target.basicConstraints = { ca, ...(lenNode ? { pathLen: tlvSmallInt(der, lenNode, "pathLenConstraint") } : {}) };
      return;
    }
    case "2.5.29.15":
      target.keyUsage = keyUsageOf(tlvValue(der, root));
      return;
    case "2.5.29.37":
      target.extendedKeyUsage = children(der, root).map((n) => tlvOid(der, n));
      return;
    case "2.5.29.14":
      target.subjectKeyId = hex(tlvValue(der, root));
      return;
    case "2.5.29.35":
      for (const field of children(der, root)) {
        if (field.tag === 0x80) target.authorityKeyId = hex(tlvValue(der, field));
        else if (field.tag === 0xa1) target.authorityCertIssuer = generalNamesAt(der, field);
        else if (field.tag === 0x82) target.authorityCertSerial = tlvValue(der, field);
      }
      return;
    case "2.5.29.17":
      target.subjectAltNames = children(der, root).map((n) => generalNameAt(der, n));
      return;
    case "2.5.29.30": {
      const subtrees = (tag: number) =>
        children(der, children(der, root).find((n) => n.tag === tag)).map((subtree) => {
          const base = children(der, subtree)[0];
          if (!base) throw new PkiError("ERR_DER_MALFORMED", "empty GeneralSubtree");
          return generalNameAt(der, base);
        });
      target.nameConstraints = { permitted: subtrees(0xa0), excluded: subtrees(0xa1) };
      return;
    }
    case "2.5.29.32":
      target.policies = children(der, root).map((info) => tlvOid(der, children(der, info)[0]!));
      return;
    case "2.5.29.33":
      target.policyMappings = children(der, root).map((mapping) => {
        const [issuerDomain, subjectDomain] = children(der, mapping);
        return { issuerDomainPolicy: tlvOid(der, issuerDomain!), subjectDomainPolicy: tlvOid(der, subjectDomain!) };
      });
      return;
    case "2.5.29.36":
      for (const field of children(der, root)) {
        const value = tlvSmallInt(der, { ...field, tag: 0x02 }, "a policy constraint");
        if (field.tag === 0x80) target.requireExplicitPolicy = value;
        else if (field.tag === 0x81) target.inhibitPolicyMapping = value;
      }
      return;
    case "2.5.29.54":
      target.inhibitAnyPolicy = tlvSmallInt(der, root, "inhibitAnyPolicy");
      return;
    case "1.3.6.1.5.5.7.1.1":
      for (const access of children(der, root)) {
        const [method, location] = children(der, access);
        if (!method || location?.tag !== 0x86) continue;
        const accessMethod = tlvOid(der, method);
        if (accessMethod === "1.3.6.1.5.5.7.48.2") target.caIssuerUrls.push(tlvString(der, location));
        else if (accessMethod === "1.3.6.1.5.5.7.48.1") target.ocspUrls.push(tlvString(der, location));
      }
      return;
    case "2.5.29.31":
      target.crlDistributionPoints = decodeDistributionPoints(der);
      return;
    case "2.5.29.46":
      target.freshestCrl = decodeDistributionPoints(der);
      return;
    case "1.3.6.1.5.5.7.48.1.5":
      target.ocspNoCheck = true;
      return;
  }
}
