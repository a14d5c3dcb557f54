/**
 * The view of a certificate that chain building and path validation work on: every RFC 5280 field they need,
 * parsed once (with pkijs) and cached per {@link X509Certificate} object.
 * @packageDocumentation
 */
import type { X509Certificate } from "@peculiar/x509";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { createHash } from "node:crypto";
import { PkiError } from "./errors";
import { canonicalName, type DistinguishedName } from "./path-name";

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

/** A certificate parsed for path processing. */
export interface PathCertificate {
  source: X509Certificate;
  der: Uint8Array;
  /** SHA-1 of the DER, upper-case hex (the Exchange thumbprint). */
  thumbprint: string;
  tbs: Uint8Array;
  signatureAlgorithm: string;
  signatureParams?: asn1js.AsnType;
  signature: Uint8Array;
  spki: Uint8Array;
  publicKeyAlgorithm: string;
  /** Whether the SPKI's AlgorithmIdentifier carries parameters (DSA keys may inherit them). */
  publicKeyHasParams: boolean;
  version: number;
  subject: DistinguishedName;
  issuer: DistinguishedName;
  subjectText: string;
  issuerText: string;
  /** Subject and issuer names match (RFC 5280 "self-issued"). */
  selfIssued: boolean;
  notBefore: Date;
  notAfter: Date;
  serialHex: string;
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
  extensions: { oid: string; critical: boolean }[];
  /** Extensions pkijs could not decode (a malformed known extension makes the certificate unusable). */
  malformedExtensions: string[];
}

const cache = new WeakMap<X509Certificate, PathCertificate>();

const bytes = (buffer: ArrayBuffer | ArrayBufferView): Uint8Array =>
  buffer instanceof Uint8Array ? buffer : ArrayBuffer.isView(buffer) ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) : new Uint8Array(buffer);
const hex = (buffer: ArrayBuffer | Uint8Array): string => Buffer.from(bytes(buffer)).toString("hex");

/** Reduces a pkijs GeneralName to a {@link GeneralNameValue}. */
export function toGeneralNameValue(name: pkijs.GeneralName): GeneralNameValue {
  switch (name.type) {
    case 1:
      return { type: "rfc822Name", value: String(name.value) };
    case 2:
      return { type: "dNSName", value: String(name.value) };
    case 4:
      return { type: "directoryName", value: canonicalName(name.value as pkijs.RelativeDistinguishedNames) };
    case 6:
      return { type: "uri", value: String(name.value) };
    case 7:
      return { type: "iPAddress", value: bytes((name.value as asn1js.OctetString).valueBlock.valueHexView) };
    default:
      return { type: "other", value: name.type };
  }
}

function keyUsageOf(bits: asn1js.BitString): Set<KeyUsageName> {
  const view = bits.valueBlock.valueHexView;
  const set = new Set<KeyUsageName>();
  KEY_USAGE_BITS.forEach((name, index) => {
    const byte = view[index >> 3];
    if (byte !== undefined && byte & (0x80 >> (index & 7))) set.add(name);
  });
  return set;
}

function applyExtension(target: PathCertificate, extension: pkijs.Extension): void {
  const value: unknown = extension.parsedValue;
  switch (extension.extnID) {
    case "2.5.29.19":
      if (value instanceof pkijs.BasicConstraints) {
        const pathLen = value.pathLenConstraint;
        target.basicConstraints = { ca: value.cA, ...(pathLen !== undefined ? { pathLen: typeof pathLen === "number" ? pathLen : pathLen.valueBlock.valueDec } : {}) };
      }
      return;
    case "2.5.29.15":
      if (value instanceof asn1js.BitString) target.keyUsage = keyUsageOf(value);
      return;
    case "2.5.29.37":
      if (value instanceof pkijs.ExtKeyUsage) target.extendedKeyUsage = [...value.keyPurposes];
      return;
    case "2.5.29.14":
      if (value instanceof asn1js.OctetString) target.subjectKeyId = hex(value.valueBlock.valueHexView);
      return;
    case "2.5.29.35":
      if (value instanceof pkijs.AuthorityKeyIdentifier && value.keyIdentifier) target.authorityKeyId = hex(value.keyIdentifier.valueBlock.valueHexView);
      return;
    case "2.5.29.17":
      if (value instanceof pkijs.AltName) target.subjectAltNames = value.altNames.map(toGeneralNameValue);
      return;
    case "2.5.29.30":
      if (value instanceof pkijs.NameConstraints)
        target.nameConstraints = {
          permitted: (value.permittedSubtrees ?? []).map((subtree) => toGeneralNameValue(subtree.base)),
          excluded: (value.excludedSubtrees ?? []).map((subtree) => toGeneralNameValue(subtree.base)),
        };
      return;
    case "2.5.29.32":
      if (value instanceof pkijs.CertificatePolicies) target.policies = value.certificatePolicies.map((policy) => policy.policyIdentifier);
      return;
    case "2.5.29.33":
      if (value instanceof pkijs.PolicyMappings)
        target.policyMappings = value.mappings.map((mapping) => ({ issuerDomainPolicy: mapping.issuerDomainPolicy, subjectDomainPolicy: mapping.subjectDomainPolicy }));
      return;
    case "2.5.29.36":
      if (value instanceof pkijs.PolicyConstraints) {
        if (value.requireExplicitPolicy !== undefined) target.requireExplicitPolicy = value.requireExplicitPolicy;
        if (value.inhibitPolicyMapping !== undefined) target.inhibitPolicyMapping = value.inhibitPolicyMapping;
      }
      return;
    case "2.5.29.54":
      if (value instanceof asn1js.Integer) target.inhibitAnyPolicy = value.valueBlock.valueDec;
      return;
    case "1.3.6.1.5.5.7.1.1":
      if (value instanceof pkijs.InfoAccess)
        target.caIssuerUrls = value.accessDescriptions
          .filter((access) => access.accessMethod === pkijs.id_ad_caIssuers && access.accessLocation.type === 6)
          .map((access) => String(access.accessLocation.value));
      return;
  }
}

/** Extensions whose parsed value must be present, or the certificate is malformed. */
const MUST_PARSE = new Set(["2.5.29.19", "2.5.29.15", "2.5.29.37", "2.5.29.17", "2.5.29.30", "2.5.29.32", "2.5.29.33", "2.5.29.36", "2.5.29.54"]);

/**
 * Parses (once) the path-processing view of a certificate.
 * @throws PkiError `ERR_CERT_MALFORMED` when the DER cannot be decoded.
 */
export function pathCertificate(certificate: X509Certificate): PathCertificate {
  const cached = cache.get(certificate);
  if (cached) return cached;
  const der = new Uint8Array(certificate.rawData);
  let parsed: pkijs.Certificate;
  try {
    parsed = pkijs.Certificate.fromBER(der);
  } catch (error) {
    throw new PkiError("ERR_CERT_MALFORMED", `The certificate could not be decoded: ${(error as Error).message}`);
  }
  const spkiSchema = parsed.subjectPublicKeyInfo.toSchema();
  const subject = canonicalName(parsed.subject);
  const issuer = canonicalName(parsed.issuer);
  const result: PathCertificate = {
    source: certificate,
    der,
    thumbprint: createHash("sha1").update(der).digest("hex").toUpperCase(),
    tbs: parsed.tbsView,
    signatureAlgorithm: parsed.signatureAlgorithm.algorithmId,
    ...(parsed.signatureAlgorithm.algorithmParams !== undefined ? { signatureParams: parsed.signatureAlgorithm.algorithmParams as asn1js.AsnType } : {}),
    signature: bytes(parsed.signatureValue.valueBlock.valueHexView),
    spki: bytes(spkiSchema.toBER(false)),
    publicKeyAlgorithm: parsed.subjectPublicKeyInfo.algorithm.algorithmId,
    publicKeyHasParams: parsed.subjectPublicKeyInfo.algorithm.algorithmParams !== undefined && !(parsed.subjectPublicKeyInfo.algorithm.algorithmParams instanceof asn1js.Null),
    version: parsed.version + 1,
    subject,
    issuer,
    subjectText: certificate.subject,
    issuerText: certificate.issuer,
    selfIssued: subject.key === issuer.key,
    notBefore: parsed.notBefore.value,
    notAfter: parsed.notAfter.value,
    serialHex: hex(parsed.serialNumber.valueBlock.valueHexView),
    subjectAltNames: [],
    caIssuerUrls: [],
    extensions: [],
    malformedExtensions: [],
  };
  for (const extension of parsed.extensions ?? []) {
    result.extensions.push({ oid: extension.extnID, critical: extension.critical });
    applyExtension(result, extension);
    if (MUST_PARSE.has(extension.extnID) && extension.parsedValue === undefined) result.malformedExtensions.push(extension.extnID);
  }
  cache.set(certificate, result);
  return result;
}
