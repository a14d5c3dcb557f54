/**
 * The OCSP half of a check: supplied responses first, then each responder URL of the certificate (POST).
 * Every response, good or not, becomes a recorded attempt.
 * @packageDocumentation
 */
import type { PkiFetcher } from "../ports";
import { buildOcspRequest, ocspGetUrl } from "./ocsp-request";
import { verifyOcspResponse, type OcspVerdict, type OcspVerifyOptions } from "./ocsp-response";
import type { CertFacts } from "./cert-info";
import { fetchFailure, judged } from "./attempts";
import type { Answer, CheckState } from "./checker-types";

/** OCSP settings of a checker. */
export interface OcspSettings {
  useNonce: boolean;
  timeoutMs: number;
  clockSkewMs: number;
  /** POST (default) or the GET form of RFC 6960 appendix A, which HTTP caches and CDNs can serve. */
  method: "POST" | "GET";
  /** Status of a delegated responder without id-pkix-ocsp-nocheck, through the pointers it names. */
  checkResponder?: (responder: CertFacts) => Promise<"good" | "revoked" | "unknown">;
  /** True while checking a responder's own status (one level only). */
  nestedResponderCheck?: boolean;
}

function verifyOptions(state: CheckState, s: OcspSettings): OcspVerifyOptions {
  const o: OcspVerifyOptions = { cert: state.cert, issuer: state.issuer, now: state.now, clockSkewMs: s.clockSkewMs };
  if (s.checkResponder) o.checkResponder = s.checkResponder;
  if (s.nestedResponderCheck) o.nestedResponderCheck = true;
  return o;
}

function toAnswer(v: OcspVerdict, source: string): Answer | null {
  if (v.status === "good") return { status: "good", source };
  if (v.status === "revoked") {
    const a: Answer = { status: "revoked", revocationDate: v.revocationDate, source };
    if (v.reason) a.reason = v.reason;
    return a;
  }
  return null;
}

function outcomeOf(v: OcspVerdict): { outcome: "good" | "revoked" | "failed"; code?: string; text: string } {
  if (v.status === "failed") return { outcome: "failed", code: v.code, text: v.message };
  return { outcome: v.status, text: v.responder ? `${v.message}; ${v.responder}` : v.message };
}

/** Tries supplied OCSP responses; responses about other certificates are skipped silently. */
export async function ocspSupplied(state: CheckState, responses: readonly Uint8Array[], s: OcspSettings, crypto: Crypto): Promise<Answer | null> {
  for (const [i, der] of responses.entries()) {
    const v = await verifyOcspResponse(der, verifyOptions(state, s), crypto);
    if (v.status === "failed" && v.code === "ERR_OCSP_CERTID_MISMATCH") continue;
    state.attempts.push(judged("SuppliedOCSP", `#${i + 1}`, outcomeOf(v), undefined, 0, der.length));
    const answer = toAnswer(v, `according to supplied OCSP response #${i + 1}`);
    if (answer) return answer;
  }
  return null;
}

/** Asks each http(s) OCSP responder of the certificate in turn until one answers authoritatively. */
export async function ocspOnline(state: CheckState, fetcher: PkiFetcher, s: OcspSettings, crypto: Crypto): Promise<Answer | null> {
  for (const url of state.cert.ocspUrls.filter((u) => /^https?:/i.test(u))) {
    const request = await buildOcspRequest(state.cert, state.issuer, { useNonce: s.useNonce }, crypto);
    const outcome = await fetcher(
      s.method === "GET"
        ? { url: ocspGetUrl(url, request.der), method: "GET", timeoutMs: s.timeoutMs, maxBytes: 1024 * 1024, headers: { accept: "application/ocsp-response" } }
        : { url, method: "POST", body: request.der, timeoutMs: s.timeoutMs, maxBytes: 1024 * 1024, headers: { "content-type": "application/ocsp-request", accept: "application/ocsp-response" } },
    );
    if (!outcome.ok || !outcome.body) {
      state.attempts.push(fetchFailure("OCSP", outcome));
      continue;
    }
    const opts = verifyOptions(state, s);
    if (request.nonce) opts.nonce = request.nonce;
    const v = await verifyOcspResponse(outcome.body, opts, crypto);
    state.attempts.push(judged("OCSP", url, outcomeOf(v), { ...outcome, url }));
    const answer = toAnswer(v, `according to OCSP responder ${url}`);
    if (answer) return answer;
  }
  return null;
}
