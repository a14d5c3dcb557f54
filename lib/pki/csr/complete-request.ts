/**
 * Completing a pending request (EMC's "Complete Pending Request"): the CA's answer — a certificate,
 * a PKCS#7 with the chain, or a PEM bundle — is matched to the pending request by public key.
 * An answer issued for another key is refused with `ERR_REQUEST_KEY_MISMATCH`.
 * @packageDocumentation
 */
import { pathCertificate } from "../certificate/certificate";
import { readTlv, tlvChildren } from "../asn1/der";
import { isPkiError, PkiError } from "../errors";
import { canonicalSpki } from "../crypto/private-key";
import { readBundle, type BundleCertificate } from "../formats/read-bundle";
import type { KdfPort } from "../pkcs12/kdf";
import { sha256Thumbprint } from "../certificate/thumbprint";

/** The pending request (by its SPKI hash or its CSR) and the CA's answer. */
export interface CompleteRequestInput {
  /** SHA-256 (hex) of the request's SubjectPublicKeyInfo, as returned by `generateCertificateRequest`. */
  requestSpkiSha256?: string;
  /** Or the PKCS#10 request itself (DER). */
  csrDer?: Uint8Array;
  /** The file the CA returned: DER/PEM certificate, PKCS#7 (.p7b) or PEM bundle. */
  answerBytes: Uint8Array;
  /** Runs key derivations should the answer be a PKCS#12 file (see `readBundle`). */
  kdf?: KdfPort;
}

/** The issued certificate and the rest of the chain found in the answer (issuer first). */
export interface CompletedRequest {
  certificate: BundleCertificate;
  chain: BundleCertificate[];
  /** Certificates of the answer that are neither the issued certificate nor its chain. */
  unrelated: BundleCertificate[];
}

/** The SubjectPublicKeyInfo DER of a PKCS#10 request. Throws `ERR_CSR_MALFORMED`. */
export function requestPublicKey(csrDer: Uint8Array): Uint8Array {
  try {
    const [info] = tlvChildren(csrDer, readTlv(csrDer));
    const [, , spki] = tlvChildren(csrDer, info!);
    if (!spki) throw new Error("no public key");
    return csrDer.slice(spki.start, spki.end);
  } catch (error) {
    throw new PkiError("ERR_CSR_MALFORMED", `The certificate request is malformed: ${(error as Error).message}`);
  }
}

const spkiHashes = (spki: Uint8Array) => new Set([sha256Thumbprint(spki), sha256Thumbprint(canonicalSpki(spki))]);

/**
 * Pairs the CA's answer with the pending request. Throws `ERR_REQUEST_KEY_MISMATCH` when no
 * certificate of the answer carries the request's public key, `ERR_ANSWER_NO_CERTIFICATE` when the
 * answer holds no certificate, and the `readBundle` codes for unreadable answers.
 */
export async function completeRequest(input: CompleteRequestInput): Promise<CompletedRequest> {
  let wanted: Set<string>;
  if (input.csrDer) wanted = spkiHashes(requestPublicKey(input.csrDer));
  else if (input.requestSpkiSha256) wanted = new Set([input.requestSpkiSha256.toUpperCase()]);
  else throw new PkiError("ERR_USAGE", "completeRequest needs the request's CSR or its public-key hash.");

  const answer = await readBundle(input.answerBytes, input.kdf ? { kdf: input.kdf } : {});
  if (answer.certificates.length === 0) {
    throw new PkiError("ERR_ANSWER_NO_CERTIFICATE", answer.requests.length > 0 ? "The file is a certificate request, not the CA's answer." : "The CA's answer contains no certificate.");
  }
  const parsed = new Map(answer.certificates.map((c) => [c.thumbprint, pathCertificate(c.der)]));
  const matches = answer.certificates.filter((c) => [...spkiHashes(parsed.get(c.thumbprint)!.spki)].some((h) => wanted.has(h)));
  if (matches.length === 0) {
    const names = answer.certificates.map((c) => `${parsed.get(c.thumbprint)!.subjectText} (${c.thumbprint})`).join("; ");
    throw new PkiError("ERR_REQUEST_KEY_MISMATCH", `The CA's answer does not match this pending request: no certificate in it carries the request's public key. Found: ${names}.`, {
      thumbprints: answer.certificates.map((c) => c.thumbprint),
    });
  }
  // Several matches (re-issue with the same key): take the most recently issued.
  const certificate = matches.reduce((a, b) => (parsed.get(b.thumbprint)!.notBefore > parsed.get(a.thumbprint)!.notBefore ? b : a));
  const chain: BundleCertificate[] = [];
  const used = new Set([certificate.thumbprint]);
  for (let current = certificate; chain.length < 16; ) {
    const cs = parsed.get(current.thumbprint)!;
    if (Buffer.from(cs.subject.der).equals(Buffer.from(cs.issuer.der))) break; // self-issued root
    const issuer = answer.certificates.find((c) => !used.has(c.thumbprint) && Buffer.from(parsed.get(c.thumbprint)!.subject.der).equals(Buffer.from(cs.issuer.der)));
    if (!issuer) break;
    chain.push(issuer);
    used.add(issuer.thumbprint);
    current = issuer;
  }
  return { certificate, chain, unrelated: answer.certificates.filter((c) => !used.has(c.thumbprint)) };
}

/** Like {@link completeRequest} but returns null instead of throwing on a key mismatch. */
export async function findRequestAnswer(input: CompleteRequestInput): Promise<CompletedRequest | null> {
  try {
    return await completeRequest(input);
  } catch (error) {
    if (isPkiError(error, "ERR_REQUEST_KEY_MISMATCH")) return null;
    throw error;
  }
}
