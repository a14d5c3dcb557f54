/**
 * The Web PKI profile: CA/Browser Forum Baseline Requirements (TLS BR 2.x) plus the rules browsers apply on top
 * of RFC 5280. `certctl verify --profile webpki` turns each finding into a problem; the console shows the same
 * findings next to the Exchange status, because they predict what browsers, Outlook and Office 365 refuse.
 * Pure: works on parsed certificates only.
 * @packageDocumentation
 */
import { createPublicKey } from "node:crypto";
import { readTlv, tlvChildren, tlvOid, tlvValue, toHex, type Tlv } from "../asn1/der";
import { pathCertificate, type CertificateInput, type PathCertificate } from "../certificate/certificate";
import type { CertificatePurpose } from "./validation";
import { WebPkiProblemCode as Code } from "./webpki-codes";

export { VALIDATION_PROFILES, type ValidationProfile } from "./webpki-codes";

/** One Web PKI finding, by depth in the path (0 = end entity). */
export interface WebPkiFinding {
  depth: number;
  code: (typeof Code)[keyof typeof Code];
  /** The rule's source: a Baseline Requirements or RFC 5280 section. */
  rule: string;
  /** Plain words for the helpdesk: what is wrong and who refuses it. */
  message: string;
}

/** Options of {@link webPkiFindings}. */
export interface WebPkiOptions {
  /** With `server`, the end entity must carry an EKU listing serverAuth. */
  purpose: CertificatePurpose;
  /** The last certificate of the path is a trust anchor (a root); the root rules apply to it. */
  anchored: boolean;
  /**
   * The first certificate is an end entity (default true): the EKU, SAN and cA=FALSE rules apply to it. False for
   * a CA certificate judged on its own (a self-signed one then counts as a root).
   */
  endEntity?: boolean;
}

const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
const ANY_EKU = "2.5.29.37.0";
const EKU = "2.5.29.37";
const AKI = "2.5.29.35";
const MD5_OR_SHA1_SIGNATURES: Readonly<Record<string, string>> = {
  "1.2.840.113549.1.1.2": "MD2",
  "1.2.840.113549.1.1.4": "MD5",
  "1.2.840.113549.1.1.5": "SHA-1",
  "1.3.14.3.2.29": "SHA-1",
  "1.2.840.10045.4.1": "SHA-1",
  "1.2.840.10040.4.3": "SHA-1",
};
const RSASSA_PSS = "1.2.840.113549.1.1.10";
/** Named curves of BR §6.1.5 (node:crypto spellings). */
const BR_CURVES: ReadonlySet<string> = new Set(["prime256v1", "secp384r1", "secp521r1"]);
const SHA1 = "1.3.14.3.2.26";

/** The raw value of extension `oid`, or null. Throws on DER the path parser would have refused already. */
function extensionValue(cert: PathCertificate, oid: string): Uint8Array | null {
  const der = cert.der;
  const [tbs] = tlvChildren(der, readTlv(der));
  const extensions = tlvChildren(der, tbs!).find((n) => n.tag === 0xa3);
  if (!extensions) return null;
  for (const extension of tlvChildren(der, tlvChildren(der, extensions)[0]!)) {
    const fields = tlvChildren(der, extension);
    if (tlvOid(der, fields[0]!) === oid) return tlvValue(der, fields[fields.length - 1]!);
  }
  return null;
}

/** The hash of an RSASSA-PSS signature: SHA-1 when the parameters leave it out (RFC 4055 default). */
function pssUsesSha1(params: Uint8Array | undefined): boolean {
  if (!params) return true;
  const fields = tlvChildren(params, readTlv(params));
  const hash = fields.find((f: Tlv) => f.tag === 0xa0);
  if (!hash) return true;
  const algorithm = tlvChildren(params, hash)[0];
  const oid = algorithm ? tlvChildren(params, algorithm)[0] : undefined;
  return oid ? tlvOid(params, oid) === SHA1 : true;
}

function keyProblem(cert: PathCertificate): string | null {
  try {
    const key = createPublicKey({ key: Buffer.from(cert.spki), format: "der", type: "spki" });
    const details = key.asymmetricKeyDetails ?? {};
    if (key.asymmetricKeyType === "dsa") return "a DSA key";
    if (key.asymmetricKeyType === "ec" && (details.namedCurve === "prime192v1" || details.namedCurve === "secp192r1")) return "an ECDSA key on the P-192 curve";
    if (key.asymmetricKeyType === "ec" && !BR_CURVES.has(details.namedCurve ?? "")) return `an ECDSA key on the ${details.namedCurve ?? "unnamed"} curve (only P-256, P-384 and P-521 are allowed)`;
    if (key.asymmetricKeyType === "ed25519" || key.asymmetricKeyType === "ed448") return `an ${key.asymmetricKeyType === "ed25519" ? "Ed25519" : "Ed448"} key (not allowed in publicly trusted certificates)`;
    if (key.asymmetricKeyType === "rsa" || key.asymmetricKeyType === "rsa-pss") {
      const bits = details.modulusLength ?? 0;
      if (bits < 2048) return `an RSA key of ${bits} bits (at least 2048 are required)`;
      if (bits % 8 !== 0) return `an RSA key of ${bits} bits (the size must be a multiple of 8)`;
    }
    return null;
  } catch {
    return cert.publicKeyAlgorithm === "1.2.840.10040.4.1" ? "a DSA key" : null;
  }
}

function signatureProblem(cert: PathCertificate): string | null {
  const weak = MD5_OR_SHA1_SIGNATURES[cert.signatureAlgorithm];
  if (weak) return weak;
  if (cert.signatureAlgorithm !== RSASSA_PSS) return null;
  try {
    return pssUsesSha1(cert.signatureParams) ? "SHA-1" : null;
  } catch {
    return null;
  }
}

function rootAkiProblem(cert: PathCertificate): string | null {
  try {
    const value = extensionValue(cert, AKI);
    if (!value) return null;
    const fields = tlvChildren(value, readTlv(value));
    if (fields.some((f) => f.tag === 0xa1 || f.tag === 0x82)) return "its authority key identifier names an issuer and serial number";
    const keyId = fields.find((f) => f.tag === 0x80);
    if (keyId && cert.subjectKeyId !== undefined && toHex(tlvValue(value, keyId)).toLowerCase() !== cert.subjectKeyId.toLowerCase())
      return "its authority key identifier differs from its subject key identifier";
    return null;
  } catch {
    return "its authority key identifier cannot be decoded";
  }
}

function endEntityFindings(cert: PathCertificate, purpose: CertificatePurpose, add: (code: WebPkiFinding["code"], rule: string, message: string) => void): void {
  const eku = cert.extendedKeyUsage;
  if (purpose === "server") {
    if (!eku) add(Code.WebPkiEku, "BR §7.1.2.7.10", "No enhanced key usage: a server certificate must list Server Authentication; Office 365 and strict TLS clients refuse it.");
    else if (!eku.includes(SERVER_AUTH))
      add(Code.WebPkiEku, "BR §7.1.2.7.10", eku.includes(ANY_EKU) ? "The enhanced key usage lists only 'any purpose': browsers and Outlook need Server Authentication." : "The enhanced key usage does not include Server Authentication: browsers and Outlook refuse it for HTTPS, and Office 365 for TLS.");
  }
  if (eku?.includes(ANY_EKU) && eku.includes(SERVER_AUTH)) add(Code.WebPkiEku, "BR §7.1.2.7.10", "The enhanced key usage includes 'any purpose', which publicly trusted server certificates must not carry.");
  if (cert.subjectAltNames.length === 0) add(Code.WebPkiNoSan, "BR §7.1.2.7.12", "No subjectAltName: browsers and Outlook ignore the CN, so the certificate matches no host name.");
  if (cert.basicConstraints?.ca) add(Code.WebPkiLeafCa, "BR §7.1.2.7.8", "The certificate says it is a certification authority (cA=TRUE) but is used as a server certificate: browsers refuse it.");
}

/**
 * The Web PKI findings of `path` (end entity first; the trust anchor last when `anchored`). Rules: EKU
 * (serverAuth for purpose server, anyExtendedKeyUsage alone not enough, not critical, none in a root), SAN
 * required in the end entity, no DSA, P-192 (nor other curves than P-256/384/521, nor EdDSA), RSA < 2048 or not
 * a multiple of 8, no MD5/SHA-1 signatures (the root's self-signature excepted: nobody checks it), no v1 certificates, no cA=TRUE in the end entity, a
 * root's AKI without issuer/serial and equal to its SKI, no empty name constraints.
 */
export function webPkiFindings(path: readonly (CertificateInput | PathCertificate)[], options: WebPkiOptions): WebPkiFinding[] {
  const certs = path.map((c) => pathCertificate(c));
  const findings: WebPkiFinding[] = [];
  const endEntity = options.endEntity ?? true;
  certs.forEach((cert, depth) => {
    const add = (code: WebPkiFinding["code"], rule: string, message: string) => findings.push({ depth, code, rule, message });
    const isRoot = options.anchored && depth === certs.length - 1 && (depth > 0 || !endEntity) && cert.selfIssued;
    if (depth === 0 && endEntity) endEntityFindings(cert, options.purpose, add);
    if (cert.extensions.some((e) => e.oid === EKU && e.critical)) add(Code.WebPkiEkuCritical, "BR §7.1.2.7.10", `The enhanced key usage of "${cert.subjectText}" is marked critical: the Baseline Requirements forbid it and some clients reject it.`);
    if (isRoot && cert.extendedKeyUsage) add(Code.WebPkiRootEku, "BR §7.1.2.1.2", `The root "${cert.subjectText}" carries an enhanced key usage: browser root programs forbid it.`);
    const key = keyProblem(cert);
    if (key) add(Code.WebPkiWeakKey, "BR §6.1.5", `"${cert.subjectText}" has ${key}: browsers, Outlook and Office 365 refuse it.`);
    const hash = isRoot ? null : signatureProblem(cert);
    if (hash) add(Code.WebPkiWeakSignature, "BR §7.1.3.2", `"${cert.subjectText}" is signed with ${hash}: browsers and Office 365 no longer accept ${hash} signatures.`);
    if (cert.version < 3) add(Code.WebPkiVersion, "BR §7.1.1", `"${cert.subjectText}" is a version ${cert.version} certificate: only version 3 is allowed.`);
    if (isRoot) {
      const aki = rootAkiProblem(cert);
      if (aki) add(Code.WebPkiRootAki, "BR §7.1.2.1.3", `The root "${cert.subjectText}" is malformed: ${aki}.`);
    }
    const nc = cert.nameConstraints;
    if (nc && nc.permitted.length === 0 && nc.excluded.length === 0)
      add(Code.WebPkiEmptyNameConstraints, "RFC 5280 §4.2.1.10", `"${cert.subjectText}" has a name constraints extension with neither permitted nor excluded subtrees.`);
  });
  return findings;
}
