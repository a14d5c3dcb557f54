/**
 * Builds OCSP requests (RFC 6960): a SHA-1 CertID for the certificate and its issuer, an optional nonce
 * (RFC 8954), DER for POST and the GET form of RFC 6960 appendix A (base64, then URL-encoded).
 * @packageDocumentation
 */
import { fromHex, TAG } from "../asn1/der";
import { derTlv } from "../asn1/der-writer";
import type { CertFacts } from "./cert-info";

const SHA1_ALG = fromHex("300906052b0e03021a0500");
const OID_NONCE = fromHex("06092b0601050507300102");

/** Hash algorithms a CertID may use, by OID. */
export const CERTID_HASHES: Record<string, string> = {
  "1.3.14.3.2.26": "SHA-1", "2.16.840.1.101.3.4.2.1": "SHA-256", "2.16.840.1.101.3.4.2.2": "SHA-384", "2.16.840.1.101.3.4.2.3": "SHA-512",
};

/** The parts of a CertID. */
export interface CertId {
  issuerNameHash: Uint8Array;
  issuerKeyHash: Uint8Array;
  serial: Uint8Array;
}

/** Computes the CertID fields of `cert` under `issuer` with the given hash (WebCrypto name). */
export async function certIdFor(cert: CertFacts, issuer: CertFacts, hash = "SHA-1", crypto: Crypto = globalThis.crypto): Promise<CertId> {
  const [nameHash, keyHash] = await Promise.all([
    crypto.subtle.digest(hash, cert.issuerRaw as Uint8Array<ArrayBuffer>),
    crypto.subtle.digest(hash, issuer.publicKeyBits as Uint8Array<ArrayBuffer>),
  ]);
  return { issuerNameHash: new Uint8Array(nameHash), issuerKeyHash: new Uint8Array(keyHash), serial: cert.serial };
}

/** A built request. */
export interface OcspRequest {
  der: Uint8Array;
  certId: CertId;
  /** The nonce sent, when one was. */
  nonce?: Uint8Array;
}

/**
 * Builds a DER OCSPRequest for one certificate (SHA-1 CertID, as every responder supports it),
 * with a 16-byte random nonce when `useNonce` is set.
 */
export async function buildOcspRequest(cert: CertFacts, issuer: CertFacts, options: { useNonce?: boolean } = {}, crypto: Crypto = globalThis.crypto): Promise<OcspRequest> {
  const certId = await certIdFor(cert, issuer, "SHA-1", crypto);
  const certIdDer = derTlv(TAG.SEQUENCE, SHA1_ALG, derTlv(TAG.OCTET_STRING, certId.issuerNameHash), derTlv(TAG.OCTET_STRING, certId.issuerKeyHash), derTlv(TAG.INTEGER, certId.serial));
  const parts = [derTlv(TAG.SEQUENCE, derTlv(TAG.SEQUENCE, certIdDer))];
  let nonce: Uint8Array | undefined;
  if (options.useNonce) {
    nonce = crypto.getRandomValues(new Uint8Array(16));
    const ext = derTlv(TAG.SEQUENCE, OID_NONCE, derTlv(TAG.OCTET_STRING, derTlv(TAG.OCTET_STRING, nonce)));
    parts.push(derTlv(0xa2, derTlv(TAG.SEQUENCE, ext)));
  }
  const der = derTlv(TAG.SEQUENCE, derTlv(TAG.SEQUENCE, ...parts));
  return nonce ? { der, certId, nonce } : { der, certId };
}

/** The GET URL for a request: the responder URL, a `/`, then the URL-encoded base64 of the DER. */
export function ocspGetUrl(responderUrl: string, der: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < der.length; i++) bin += String.fromCharCode(der[i]!);
  const base = responderUrl.endsWith("/") ? responderUrl : responderUrl + "/";
  return base + encodeURIComponent(btoa(bin));
}
