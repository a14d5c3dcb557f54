/**
 * Verifies an X.509-style signature (CRL, OCSP response, certificate) over raw bytes, for the revocation code:
 * an adapter over the path validator's {@link nodeSignatureVerifier}, so certificates, CRLs and OCSP responses
 * are checked by one implementation (RSA PKCS#1 v1.5, RSA-PSS, ECDSA, DSA, EdDSA).
 * @packageDocumentation
 */
import { PkiError } from "../errors";
import { isSupportedSignatureAlgorithm, nodeSignatureVerifier } from "../crypto/signature";
import { derChildren, readDerTlv } from "../asn1/der";
import type { AlgorithmId } from "./crl-stream";

/** DER of the AlgorithmIdentifier's parameters, when it has any. */
function parametersOf(algorithm: AlgorithmId): Uint8Array | undefined {
  if (algorithm.der.length === 0) return undefined;
  try {
    const params = derChildren(algorithm.der, readDerTlv(algorithm.der, 0))[1];
    return params ? algorithm.der.subarray(params.start, params.end) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when `signature` over `data` verifies under the SubjectPublicKeyInfo `spki` with `algorithm`.
 * Throws `ERR_UNSUPPORTED_ALGORITHM` for algorithms it cannot check; a key that does not fit the
 * algorithm, or a malformed signature, is simply `false`. Asynchronous for its callers' sake (the
 * check itself is a one-shot `node:crypto` verify).
 */
export async function verifySignature(algorithm: AlgorithmId, spki: Uint8Array, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (!isSupportedSignatureAlgorithm(algorithm.oid)) {
    throw new PkiError("ERR_UNSUPPORTED_ALGORITHM", `Signature algorithm ${algorithm.oid} is not supported.`);
  }
  const params = parametersOf(algorithm);
  const check = nodeSignatureVerifier({ tbs: data, signature, signatureAlgorithm: algorithm.oid, ...(params ? { signatureParams: params } : {}) }, spki);
  return check.ok;
}
