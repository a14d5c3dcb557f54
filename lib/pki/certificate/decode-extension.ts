/**
 * Decoding of the certificate extensions path processing needs (basic constraints, key usage, EKU, key
 * identifiers, subject alternative names, name constraints, policies, policy mappings and constraints,
 * inhibitAnyPolicy, AIA caIssuers), straight from DER with the `der.ts` reader.
 * @packageDocumentation
 */
import { readTlv, tlvChildren, tlvOid, tlvSmallInt, tlvString, tlvValue, type Tlv } from "../asn1/der";
import { PkiError } from "../errors";
import { canonicalNameAt, type DistinguishedName } from "../name/canonical-name";

/** Key usage bit names in RFC 5280 bit order. */
export const KEY_USAGE_BITS = ["digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"] as const;
/** One key usage bit name. */
export type KeyUsageName = (typeof KEY_USAGE_BITS)[number];

/** A GeneralName reduced to what name constraints and host-name checks need. */
export type GeneralNameValue =
  | { type: "dNSName" | "rfc822Name" | "uri"; value: string }
  | { type: "directoryName"; value: DistinguishedName }
  | { type: "iPAddress"; value: Uint8Array }
  | { type: "other"; value: number };

/** Name constraints of a CA certificate. */
export interface NameConstraintSet {
  permitted: GeneralNameValue[];
  excluded: GeneralNameValue[];
}

/** The fields of a certificate that come from its extensions. */
export interface CertificateExtensionFields {
  subjectKeyId?: string;
  authorityKeyId?: string;
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
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
const children = (der: Uint8Array, node: Tlv | undefined): Tlv[] => (node ? tlvChildren(der, node) : []);

/** Reads one GeneralName element. */
export function generalNameAt(der: Uint8Array, node: Tlv): GeneralNameValue {
  switch (node.tag) {
    case 0x81:
      return { type: "rfc822Name", value: tlvString(der, node) };
    case 0x82:
      return { type: "dNSName", value: tlvString(der, node) };
    case 0xa4: {
      const inner = children(der, node)[0];
      if (!inner) throw new PkiError("ERR_DER_MALFORMED", "empty directoryName");
      return { type: "directoryName", value: canonicalNameAt(der, inner) };
    }
    case 0x86:
      return { type: "uri", value: tlvString(der, node) };
    case 0x87:
      return { type: "iPAddress", value: tlvValue(der, node) };
    default:
      return { type: "other", value: node.tag & 0x1f };
  }
}

function keyUsageOf(bits: Uint8Array): Set<KeyUsageName> {
  const set = new Set<KeyUsageName>();
  KEY_USAGE_BITS.forEach((name, index) => {
    const byte = bits[1 + (index >> 3)];
    if (byte !== undefined && byte & (0x80 >> (index & 7))) set.add(name);
  });
  return set;
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
    case "2.5.29.35": {
      const keyId = children(der, root).find((n) => n.tag === 0x80);
      if (keyId) target.authorityKeyId = hex(tlvValue(der, keyId));
      return;
    }
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
        if (method && location && tlvOid(der, method) === "1.3.6.1.5.5.7.48.2" && location.tag === 0x86) target.caIssuerUrls.push(tlvString(der, location));
      }
      return;
  }
}
