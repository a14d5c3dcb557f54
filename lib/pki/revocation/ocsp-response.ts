/**
 * Parses and verifies an OCSP response (RFC 6960) for one certificate: response status, a BasicOCSPResponse
 * signed by the issuer itself or by a delegated responder (id-kp-OCSPSigning, issued directly by the issuer,
 * inside its validity, id-pkix-ocsp-nocheck honoured), responderID, CertID, freshness with clock skew,
 * nonce, and the certificate status. Never throws: every failure is a stable code.
 * @packageDocumentation
 */
import { bytesEqual, derChildren, readDerTlv, TAG, type Tlv, tlvContent, tlvOid, tlvTimeMs } from "../asn1/der";
import type { CertFacts } from "./cert-info";
import { parseBasic, type Basic } from "./ocsp-parse";
import { verifySignature } from "./signature";
import { certSignedBy } from "./crl-signer";
import { CERTID_HASHES, certIdFor } from "./ocsp-request";
import { CRL_REASONS } from "./crl-parse";

/** The verdict of one OCSP response for one certificate. */
export type OcspVerdict =
  | { status: "good"; thisUpdate: Date; nextUpdate?: Date; message: string }
  | { status: "revoked"; revocationDate: Date; reasonCode?: number; reason?: string; thisUpdate: Date; message: string }
  | { status: "failed"; code: string; message: string };

/** Options for {@link verifyOcspResponse}. */
export interface OcspVerifyOptions {
  cert: CertFacts;
  issuer: CertFacts;
  now: Date;
  /** Tolerated clock difference, default 5 minutes. */
  clockSkewMs?: number;
  /** The nonce sent; the response must echo it. */
  nonce?: Uint8Array;
  /** Maximum age of a response without nextUpdate (default 7 days). */
  maxAgeMs?: number;
  /**
   * Revocation status of a delegated responder certificate that lacks id-pkix-ocsp-nocheck (checked by CRL).
   * Absent: such responders are accepted without that check.
   */
  checkResponder?: (responder: CertFacts) => Promise<"good" | "revoked" | "unknown">;
}

const fail = (code: string, message: string): OcspVerdict => ({ status: "failed", code, message });

async function matchesResponder(basic: Basic, c: CertFacts, crypto: Crypto): Promise<boolean> {
  if (basic.responderByName) return bytesEqual(basic.responderByName, c.subjectRaw);
  const keyHash = new Uint8Array(await crypto.subtle.digest("SHA-1", c.publicKeyBits as Uint8Array<ArrayBuffer>));
  return bytesEqual(keyHash, basic.responderByKey!);
}

async function authorisedSigner(basic: Basic, o: OcspVerifyOptions, crypto: Crypto): Promise<CertFacts | OcspVerdict> {
  if (await matchesResponder(basic, o.issuer, crypto)) return o.issuer;
  const now = o.now.getTime();
  for (const c of basic.certs) {
    if (!(await matchesResponder(basic, c, crypto))) continue;
    if (c.issuerCanonical !== o.issuer.subjectCanonical || !(await certSignedBy(c, o.issuer))) return fail("ERR_OCSP_UNAUTHORIZED_RESPONDER", `the OCSP responder certificate was not issued by the certificate's issuer`);
    if (!c.extKeyUsages.includes("1.3.6.1.5.5.7.3.9")) return fail("ERR_OCSP_UNAUTHORIZED_RESPONDER", "the OCSP responder certificate lacks the OCSP Signing extended key usage");
    if (now < c.notBefore || now > c.notAfter) return fail("ERR_OCSP_UNAUTHORIZED_RESPONDER", "the OCSP responder certificate is outside its validity period");
    if (!c.ocspNoCheck && o.checkResponder) {
      const status = await o.checkResponder(c);
      if (status === "revoked") return fail("ERR_OCSP_UNAUTHORIZED_RESPONDER", "the OCSP responder certificate has been revoked");
      if (status === "unknown") return fail("ERR_OCSP_UNAUTHORIZED_RESPONDER", "the OCSP responder certificate's own revocation status could not be checked (it lacks id-pkix-ocsp-nocheck)");
    }
    return c;
  }
  return fail("ERR_OCSP_UNAUTHORIZED_RESPONDER", "the OCSP response is signed by neither the issuer nor a responder it authorised");
}

/**
 * Verifies `der` as the answer about `options.cert`. Codes: `ERR_OCSP_MALFORMED`, `ERR_OCSP_STATUS_<status>`,
 * `ERR_OCSP_BAD_SIGNATURE`, `ERR_OCSP_UNAUTHORIZED_RESPONDER`, `ERR_OCSP_CERTID_MISMATCH`, `ERR_OCSP_STALE`,
 * `ERR_OCSP_NOT_YET_VALID`, `ERR_OCSP_NONCE`, `ERR_OCSP_UNKNOWN`.
 */
export async function verifyOcspResponse(der: Uint8Array, options: OcspVerifyOptions, crypto: Crypto = globalThis.crypto): Promise<OcspVerdict> {
  let basic: Basic | OcspVerdict;
  try {
    basic = parseBasic(der);
  } catch (error) {
    return fail("ERR_OCSP_MALFORMED", `the OCSP response is not valid DER (${(error as Error).message})`);
  }
  if ("status" in basic) return basic;
  try {
    return await verifyBasic(basic, options, crypto);
  } catch (error) {
    return fail("ERR_OCSP_MALFORMED", `the OCSP response could not be read (${(error as Error).message})`);
  }
}

async function verifyBasic(basic: Basic, o: OcspVerifyOptions, crypto: Crypto): Promise<OcspVerdict> {
  const signer = await authorisedSigner(basic, o, crypto);
  if ("status" in signer) return signer;
  let ok = false;
  try {
    ok = await verifySignature(basic.algorithm, signer.spki, basic.tbs, basic.signature);
  } catch {
    return fail("ERR_OCSP_BAD_SIGNATURE", `the OCSP response uses an unsupported signature algorithm ${basic.algorithm.oid}`);
  }
  if (!ok) return fail("ERR_OCSP_BAD_SIGNATURE", "the OCSP response's signature does not verify");
  const buf = basic.buf;
  let single: Tlv[] | undefined;
  for (const r of basic.responses) {
    const parts = derChildren(buf, r);
    const cid = derChildren(buf, parts[0]!);
    const hash = CERTID_HASHES[tlvOid(buf, readDerTlv(buf, cid[0]!.contentStart))];
    if (!hash) continue;
    const want = await certIdFor(o.cert, o.issuer, hash, crypto);
    if (bytesEqual(tlvContent(buf, cid[1]!), want.issuerNameHash) && bytesEqual(tlvContent(buf, cid[2]!), want.issuerKeyHash) && bytesEqual(tlvContent(buf, cid[3]!), want.serial)) {
      single = parts;
      break;
    }
  }
  if (!single) return fail("ERR_OCSP_CERTID_MISMATCH", "the OCSP response does not answer for this certificate");
  if (o.nonce) {
    const ext = basic.extensions.find((e) => e.oid === "1.3.6.1.5.5.7.48.1.2");
    const echoed = ext ? (ext.value[0] === TAG.OCTET_STRING ? tlvContent(ext.value, readDerTlv(ext.value, 0)) : ext.value) : null;
    if (!echoed || !bytesEqual(echoed, o.nonce)) return fail("ERR_OCSP_NONCE", echoed ? "the OCSP response's nonce does not match the request" : "the OCSP responder did not echo the request's nonce");
  }
  const skew = o.clockSkewMs ?? 5 * 60_000;
  const now = o.now.getTime();
  const statusTlv = single[1]!;
  const thisUpdate = tlvTimeMs(buf, single[2]!);
  const nextTlv = single.slice(3).find((t) => t.tag === 0xa0);
  const nextUpdate = nextTlv ? tlvTimeMs(buf, readDerTlv(buf, nextTlv.contentStart, nextTlv.contentEnd)) : undefined;
  if (thisUpdate > now + skew) return fail("ERR_OCSP_NOT_YET_VALID", `the OCSP response is dated in the future (${new Date(thisUpdate).toISOString()})`);
  if (nextUpdate !== undefined ? nextUpdate < now - skew : thisUpdate < now - (o.maxAgeMs ?? 7 * 86_400_000)) {
    return fail("ERR_OCSP_STALE", `the OCSP response is stale (${nextUpdate !== undefined ? `next update was due ${new Date(nextUpdate).toISOString()}` : `produced ${new Date(thisUpdate).toISOString()}`})`);
  }
  if (statusTlv.tag === 0x80) {
    const v: OcspVerdict = { status: "good", thisUpdate: new Date(thisUpdate), message: "good" };
    if (nextUpdate !== undefined) v.nextUpdate = new Date(nextUpdate);
    return v;
  }
  if (statusTlv.tag === 0xa1) {
    const info = derChildren(buf, statusTlv);
    const revocationDate = new Date(tlvTimeMs(buf, info[0]!));
    const v: OcspVerdict = { status: "revoked", revocationDate, thisUpdate: new Date(thisUpdate), message: "" };
    if (info[1]) {
      v.reasonCode = buf[readDerTlv(buf, info[1].contentStart, info[1].end).contentStart]!;
      v.reason = CRL_REASONS[v.reasonCode] ?? `reason ${v.reasonCode}`;
    }
    v.message = `revoked${v.reason ? ` (${v.reason})` : ""} on ${revocationDate.toISOString().slice(0, 10)}`;
    return v;
  }
  return fail("ERR_OCSP_UNKNOWN", "the OCSP responder does not know this certificate (status unknown)");
}
