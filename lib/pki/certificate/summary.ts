/**
 * The first stage of the parsed certificate (`certificate.ts`): the TBS layout of an X.509 certificate, with no
 * ASN.1 schema engine and no name or extension decoding, plus the thumbprint. On its own it is the cheap check of
 * bulk input (`readBundle`); everything else reads the model built on it.
 * @packageDocumentation
 */
import { readTlv, TAG, tlvChildren, tlvOid, tlvTime, tlvValue, toHex, type Tlv } from "../asn1/der";
import { isPkiError, PkiError } from "../errors";
import { thumbprint } from "./thumbprint";

/** The list-view fields of a certificate. */
export interface CertificateSummary {
  /** SHA-1 of the DER, upper-case hex. */
  thumbprint: string;
  /** Upper-case hex, as Exchange shows it. */
  serialNumber: string;
  version: number;
  signatureAlgorithmOid: string;
  issuerDer: Uint8Array;
  subjectDer: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  /** SubjectPublicKeyInfo DER. */
  spki: Uint8Array;
  /** The TBSCertificate DER (what the signature covers). */
  tbs: Uint8Array;
  /** Content octets of the serial number INTEGER, as encoded. */
  serial: Uint8Array;
  /** DER of the outer signatureAlgorithm AlgorithmIdentifier. */
  signatureAlgorithm: Uint8Array;
  /** The signature (BIT STRING content without its unused-bits octet). */
  signature: Uint8Array;
  /** Extensions as (oid, critical, DER of extnValue contents), undecoded. */
  extensions: { oid: string; critical: boolean; value: Uint8Array }[];
}

/** Decodes the list-view fields; throws `ERR_CERT_MALFORMED` with a precise message. */
export function summarizeCertificate(der: Uint8Array): CertificateSummary {
  try {
    return summarize(der);
  } catch (error) {
    if (isPkiError(error, "ERR_CERT_MALFORMED")) throw error;
    throw new PkiError("ERR_CERT_MALFORMED", `The certificate is malformed: ${(error as Error).message}`);
  }
}

function summarize(der: Uint8Array): CertificateSummary {
  const outer = readTlv(der);
  if (outer.tag !== TAG.SEQUENCE) throw new PkiError("ERR_CERT_MALFORMED", "The certificate does not start with a SEQUENCE.");
  const [tbsNode, sigAlg, sig] = tlvChildren(der, outer);
  if (!tbsNode || !sigAlg || sig?.tag !== TAG.BIT_STRING) throw new PkiError("ERR_CERT_MALFORMED", "The certificate lacks its TBS, algorithm or signature.");
  const f = tlvChildren(der, tbsNode);
  let i = 0;
  let version = 1;
  if (f[0]?.tag === 0xa0) {
    const v = tlvChildren(der, f[0])[0];
    version = (v ? tlvValue(der, v)[0] ?? 0 : 0) + 1;
    i = 1;
  }
  const need = (n: Tlv | undefined, tag: number, what: string) => {
    if (!n || n.tag !== tag) throw new PkiError("ERR_CERT_MALFORMED", `The certificate's ${what} is missing or has the wrong type.`);
    return n;
  };
  const serial = need(f[i], TAG.INTEGER, "serial number");
  const alg = need(f[i + 1], TAG.SEQUENCE, "signature algorithm");
  const issuer = need(f[i + 2], TAG.SEQUENCE, "issuer");
  const validity = need(f[i + 3], TAG.SEQUENCE, "validity");
  const subject = need(f[i + 4], TAG.SEQUENCE, "subject");
  const spki = need(f[i + 5], TAG.SEQUENCE, "public key");
  const [nb, na] = tlvChildren(der, validity);
  if (!nb || !na) throw new PkiError("ERR_CERT_MALFORMED", "The certificate's validity lacks a date.");
  const extensions: CertificateSummary["extensions"] = [];
  const extWrap = f.slice(i + 6).find((n) => n.tag === 0xa3);
  if (extWrap) {
    for (const ext of tlvChildren(der, need(tlvChildren(der, extWrap)[0], TAG.SEQUENCE, "extensions"))) {
      const parts = tlvChildren(der, ext);
      const critical = parts[1]?.tag === TAG.BOOLEAN ? der[parts[1].contentStart] !== 0 : false;
      const value = need(parts[parts.length - 1], TAG.OCTET_STRING, "extension value");
      extensions.push({ oid: tlvOid(der, parts[0]!), critical, value: tlvValue(der, value) });
    }
  }
  let serialBytes = tlvValue(der, serial);
  while (serialBytes.length > 1 && serialBytes[0] === 0) serialBytes = serialBytes.subarray(1);
  return {
    thumbprint: thumbprint(der.subarray(outer.start, outer.end)),
    serialNumber: toHex(serialBytes),
    version,
    signatureAlgorithmOid: tlvOid(der, tlvChildren(der, alg)[0]!),
    issuerDer: der.subarray(issuer.start, issuer.end),
    subjectDer: der.subarray(subject.start, subject.end),
    notBefore: tlvTime(der, nb),
    notAfter: tlvTime(der, na),
    spki: der.subarray(spki.start, spki.end),
    tbs: der.subarray(tbsNode.start, tbsNode.end),
    serial: tlvValue(der, serial),
    signatureAlgorithm: der.subarray(sigAlg.start, sigAlg.end),
    signature: tlvValue(der, sig).subarray(1),
    extensions,
  };
}

