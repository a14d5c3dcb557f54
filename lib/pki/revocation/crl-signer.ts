/**
 * Finds the key that signed a CRL: the certificate's issuer, or a separate CRL-signing certificate with the
 * same name (RFC 5280 §6.3.3 (f); PKITS 4.4.19–21, 4.5.6–8), or a CRL issuer named in the distribution point
 * (indirect CRLs, PKITS 4.14). The signer must hold cRLSign and, when it is not on the validated path,
 * must itself be issued by a path certificate, be in its validity period and not be revoked.
 * @packageDocumentation
 */
import { KEY_USAGE, type CertFacts } from "./cert-info";
import { verifySignature } from "./signature";
import { readAlgorithm } from "./crl-stream";
import { bytesEqual, derChildren, readDerTlv, TAG, tlvBytes, tlvOid } from "../asn1/der";
import { derTlv } from "../asn1/der-writer";
import type { Crl } from "./crl-parse";

/** What the CRL checks know about the certificate being checked and its surroundings. */
export interface CrlContext {
  cert: CertFacts;
  issuer: CertFacts;
  /** The validated path, leaf first. */
  path: readonly CertFacts[];
  /** Further certificates that may be CRL signers or CRL issuers (not trusted by themselves). */
  candidates: readonly CertFacts[];
  now: number;
  /** Revocation status of a CRL signer that is not on the path; absent = not checked. */
  checkSigner?: (signer: CertFacts, signerIssuer: CertFacts) => Promise<"good" | "revoked" | "unknown">;
  /**
   * Signers whose own status is being established further up the call stack: a CRL issuer's certificate may be
   * covered by the very CRL it signs (PKITS 4.14.30), so it is not re-checked while checking itself.
   */
  assumeGood?: readonly CertFacts[];
  crypto: Crypto;
}

/** A found signer, or the reason none was found. */
export type SignerResult = { ok: true; signer: CertFacts } | { ok: false; code: string; message: string };

const sigCache = new WeakMap<Crl, Map<Uint8Array, Promise<boolean>>>();

const inherited = new WeakMap<CertFacts, Uint8Array>();
const DSA_OID = "1.2.840.10040.4.1";

/**
 * The signer's SubjectPublicKeyInfo, with DSA domain parameters inherited from its issuer when its own key omits
 * them (RFC 5280 §6.1.4 (f); PKITS 4.1.5). `chain` holds the certificates that may have issued it.
 */
export function effectiveSpki(signer: CertFacts, chain: readonly CertFacts[]): Uint8Array {
  const memo = inherited.get(signer);
  if (memo) return memo;
  let spki = signer.spki;
  const alg = derChildren(spki, derChildren(spki, readDerTlv(spki, 0))[0]!);
  if (tlvOid(spki, alg[0]!) === DSA_OID && alg.length === 1) {
    const parent = chain.find((c) => c !== signer && c.subjectCanonical === signer.issuerCanonical);
    if (parent) {
      const parentSpki = effectiveSpki(parent, chain.filter((c) => c !== signer));
      const parentAlg = derChildren(parentSpki, readDerTlv(parentSpki, 0))[0]!;
      const key = derChildren(spki, readDerTlv(spki, 0))[1]!;
      spki = derTlv(TAG.SEQUENCE, tlvBytes(parentSpki, parentAlg), tlvBytes(spki, key));
    }
  }
  inherited.set(signer, spki);
  return spki;
}

/** Verifies (once per CRL and key) the CRL's signature over its raw tbsCertList bytes with `spki`. */
export function crlSignedBy(crl: Crl, spki: Uint8Array): Promise<boolean> {
  let byKey = sigCache.get(crl);
  if (!byKey) sigCache.set(crl, (byKey = new Map()));
  let result = byKey.get(spki);
  if (!result) {
    result = verifySignature(crl.signatureAlgorithm, spki, crl.der.subarray(crl.tbsStart, crl.tbsEnd), crl.signature).catch(() => false);
    byKey.set(spki, result);
  }
  return result;
}

/** True when `cert`'s signature verifies under `issuer`'s key. */
export async function certSignedBy(cert: CertFacts, issuer: CertFacts): Promise<boolean> {
  try {
    return await verifySignature(readAlgorithm(cert.signatureAlgorithm, readDerTlv(cert.signatureAlgorithm, 0)), issuer.spki, cert.tbs, cert.signature);
  } catch {
    return false;
  }
}

function unique(list: CertFacts[]): CertFacts[] {
  const out: CertFacts[] = [];
  for (const c of list) if (!out.some((o) => bytesEqual(o.der, c.der))) out.push(c);
  return out;
}

/**
 * Finds a certificate whose key signed `crl` and which may sign CRLs for `ctx.cert`.
 * Codes: `ERR_CRL_WRONG_ISSUER` (no certificate of the CRL issuer's name), `ERR_CRL_BAD_SIGNATURE`,
 * `ERR_CRL_ISSUER_NO_CRLSIGN`, `ERR_CRL_SIGNER_INVALID` (separate signer not acceptable).
 */
export async function findCrlSigner(crl: Crl, ctx: CrlContext): Promise<SignerResult> {
  const onPath = [ctx.issuer, ...ctx.path];
  const named = unique([...onPath, ...ctx.candidates].filter((c) => c.subjectCanonical === crl.issuerCanonical));
  if (named.length === 0) {
    return { ok: false, code: "ERR_CRL_WRONG_ISSUER", message: `no certificate for the CRL issuer ${crl.issuer} is available to check its signature` };
  }
  let failure: SignerResult = { ok: false, code: "ERR_CRL_BAD_SIGNATURE", message: `the CRL's signature does not verify with the key of ${crl.issuer}` };
  for (const candidate of named) {
    if (!(await crlSignedBy(crl, effectiveSpki(candidate, [...onPath, ...ctx.candidates])))) continue;
    if (candidate.keyUsage !== null && !(candidate.keyUsage & KEY_USAGE.cRLSign)) {
      failure = { ok: false, code: "ERR_CRL_ISSUER_NO_CRLSIGN", message: `the CRL issuer's certificate (${crl.issuer}) does not allow CRL signing (key usage lacks cRLSign)` };
      continue;
    }
    if (onPath.some((p) => bytesEqual(p.der, candidate.der))) return { ok: true, signer: candidate };
    const verdict = await acceptSeparateSigner(candidate, ctx);
    if (verdict === true) return { ok: true, signer: candidate };
    failure = { ok: false, code: "ERR_CRL_SIGNER_INVALID", message: `the certificate that signed the CRL (${crl.issuer}) ${verdict}` };
  }
  return failure;
}

async function acceptSeparateSigner(signer: CertFacts, ctx: CrlContext): Promise<true | string> {
  if (ctx.now < signer.notBefore || ctx.now > signer.notAfter) return "is outside its validity period";
  const issuers = [ctx.issuer, ...ctx.path].filter((p) => p.subjectCanonical === signer.issuerCanonical);
  for (const issuer of issuers) {
    if (!(await certSignedBy(signer, issuer))) continue;
    if (!ctx.checkSigner || ctx.assumeGood?.some((a) => bytesEqual(a.der, signer.der))) return true;
    const status = await ctx.checkSigner(signer, issuer);
    if (status === "good") return true;
    return status === "revoked" ? "has been revoked" : "has an unknown revocation status";
  }
  return "was not issued by a certificate of the validated path";
}

