/**
 * What a PKCS#10 request asks for — the pending request as the console shows it: subject, the
 * requested domains (SAN from the extensionRequest attribute), key algorithm and size.
 * @packageDocumentation
 */
import { Pkcs10CertificateRequest } from "@peculiar/x509";
import { generalNamesAt } from "../name/general-name";
import { readTlv, tlvChildren, tlvOid, tlvValue } from "../asn1/der";
import { findCommonName, formatDistinguishedName, readName } from "../name/distinguished-name";
import { isPkiError, PkiError } from "../errors";
import { SIGNATURE_ALGORITHM_NAMES } from "../asn1/oid-names";
import { describePublicKey } from "../crypto/private-key";
import { sha256Thumbprint } from "../certificate/thumbprint";

/** A pending request's fields. */
export interface CertificateRequestDescription {
  Subject: string;
  /** SAN DNS names requested, then the CN if not among them. */
  CertificateDomains: string[];
  KeyAlgorithm: string;
  PublicKeySize: number;
  KeyCurve?: string;
  SignatureAlgorithm: string;
  /** SHA-256 of the SubjectPublicKeyInfo (upper-case hex): matches the CA's answer later. */
  SpkiSha256: string;
}

const EXTENSION_REQUEST = "1.2.840.113549.1.9.14";

/** Describes a DER PKCS#10 request. Throws `ERR_CSR_MALFORMED`. */
export function describeCertificateRequest(der: Uint8Array): CertificateRequestDescription {
  try {
    const [info, sigAlg] = tlvChildren(der, readTlv(der));
    const [, subject, spki, attrs] = tlvChildren(der, info!);
    const subjectAttrs = readName(der.slice(subject!.start, subject!.end));
    const spkiDer = der.slice(spki!.start, spki!.end);
    const domains: string[] = [];
    for (const attr of attrs ? tlvChildren(der, attrs) : []) {
      const [oid, values] = tlvChildren(der, attr);
      if (tlvOid(der, oid!) !== EXTENSION_REQUEST) continue;
      const exts = tlvChildren(der, tlvChildren(der, values!)[0]!);
      for (const ext of exts) {
        const parts = tlvChildren(der, ext);
        if (tlvOid(der, parts[0]!) !== "2.5.29.17") continue;
        const san = tlvValue(der, parts[parts.length - 1]!);
        for (const g of generalNamesAt(san, readTlv(san))) if (g.type === "dNSName") domains.push(g.value);
      }
    }
    const cn = findCommonName(subjectAttrs);
    if (cn && !domains.some((d) => d.toLowerCase() === cn.toLowerCase())) domains.push(cn);
    const key = describePublicKey(spkiDer);
    const sigOid = tlvOid(der, tlvChildren(der, sigAlg!)[0]!);
    const out: CertificateRequestDescription = {
      Subject: formatDistinguishedName(subjectAttrs),
      CertificateDomains: domains,
      KeyAlgorithm: key.algorithm,
      PublicKeySize: key.size,
      SignatureAlgorithm: SIGNATURE_ALGORITHM_NAMES[sigOid] ?? sigOid,
      SpkiSha256: sha256Thumbprint(spkiDer),
    };
    if (key.curve) out.KeyCurve = key.curve;
    return out;
  } catch (error) {
    if (isPkiError(error, "ERR_CSR_MALFORMED")) throw error;
    throw new PkiError("ERR_CSR_MALFORMED", `The certificate request is malformed: ${(error as Error).message}`);
  }
}

/** True when the request's self-signature verifies (proof the requester holds the key). */
export async function verifyCertificateRequest(der: Uint8Array, crypto: Crypto = globalThis.crypto): Promise<boolean> {
  try {
    return await new Pkcs10CertificateRequest(der.slice()).verify(crypto);
  } catch {
    return false;
  }
}
