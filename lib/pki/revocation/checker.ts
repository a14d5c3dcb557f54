/**
 * The revocation checker behind {@link RevocationChecker}: for each certificate, supplied OCSP responses and
 * CRLs first, then (unless offline) OCSP at the certificate's responder and CRLs from its distribution points
 * (http, https, ldap — the fetcher handles each), in the configured order. Every attempt is recorded; when no
 * authoritative answer can be had the status is `unknown` with a message a helpdesk can read. Never throws.
 * @packageDocumentation
 */
import type { CertificateRevocationResult, RevocationAttempt, RevocationChecker, RevocationQuery } from "./types";
import { toHex } from "../asn1/der";
import { certFacts, type CertFacts } from "./cert-info";
import { nameToString } from "./names";
import type { CrlContext } from "./crl-signer";
import { CrlSources, distributionPointUrls } from "./crl-sources";
import { crlAnswer } from "./crl-check";
import type { Answer, CheckState, RevocationCheckerOptions } from "./checker-types";

export type { RevocationCheckerOptions } from "./checker-types";
import { ocspOnline, ocspSupplied, type OcspSettings } from "./ocsp-check";

const MAX_SIGNER_DEPTH = 3;

/** Creates a checker; see {@link RevocationCheckerOptions}. */
export function createRevocationChecker(options: RevocationCheckerOptions = {}, crypto: Crypto = globalThis.crypto): RevocationChecker {
  const candidates = (options.certificates ?? []).map(certFacts);
  const sources = new CrlSources(options);

  async function checkFacts(cert: CertFacts, issuer: CertFacts, path: CertFacts[], now: Date, assumeGood: CertFacts[], useOcsp = true): Promise<{ status: "good" | "revoked" | "unknown"; answer: Answer | null; attempts: RevocationAttempt[]; message: string }> {
    const state: CheckState = { cert, issuer, now, attempts: [...sources.suppliedFailures()] };
    const ctx: CrlContext = {
      cert, issuer, path, candidates, now: now.getTime(), crypto, assumeGood,
      checkSigner: async (signer, signerIssuer) =>
        assumeGood.length >= MAX_SIGNER_DEPTH ? "unknown" : (await checkFacts(signer, signerIssuer, path, now, [...assumeGood, signer])).status,
    };
    const online = !options.offline && !!options.fetcher;
    const ocspOpts: OcspSettings = {
      useNonce: !!options.useNonce, timeoutMs: options.timeoutMs ?? 15_000, clockSkewMs: options.clockSkewMs ?? 300_000, method: options.ocspMethod ?? "POST",
      // A delegated responder without id-pkix-ocsp-nocheck is checked by CRL only (never by its own answers).
      checkResponder: async (responder) => (assumeGood.length >= MAX_SIGNER_DEPTH ? "unknown" : (await checkFacts(responder, issuer, path, now, [...assumeGood, responder], false)).status),
    };
    let answer = useOcsp ? await ocspSupplied(state, options.ocspResponses ?? [], ocspOpts, crypto) : null;
    const hasInfo = cert.ocspUrls.length > 0 || distributionPointUrls(cert).length > 0;
    if (!answer && options.order === "crlFirst") answer = await crlAnswer(sources, state, ctx, online);
    if (!answer && useOcsp && online && options.fetcher) answer = await ocspOnline(state, options.fetcher, ocspOpts, crypto);
    if (!answer && options.order !== "crlFirst") answer = await crlAnswer(sources, state, ctx, online);
    if (answer) {
      const when = answer.revocationDate ? ` on ${answer.revocationDate.toISOString().slice(0, 10)}` : "";
      const message = answer.status === "revoked" ? `revoked${answer.reason ? ` (${answer.reason})` : ""}${when} ${answer.source}` : `not revoked ${answer.source}`;
      return { status: answer.status, answer, attempts: state.attempts, message };
    }
    let message: string;
    const suppliedAny = (options.crls?.length ?? 0) + (options.ocspResponses?.length ?? 0) > 0;
    if (!hasInfo && state.attempts.length === 0) {
      message = suppliedAny
        ? `revocation status unknown: no supplied CRL or OCSP response covers this certificate (issuer ${nameToString(cert.issuerRaw)}), and the certificate names no CRL distribution point or OCSP URL`
        : "revocation status unknown: no revocation information in the certificate (no CRL distribution point and no OCSP URL)";
    }
    else if (!online && state.attempts.length === 0) message = "revocation status unknown: offline and no CRL or OCSP response was supplied for this certificate's issuer";
    else {
      const failed = state.attempts.filter((a) => a.outcome === "failed");
      const failures = (failed.length ? failed : state.attempts.filter((a) => a.outcome === "notApplicable")).map((a) => a.message);
      message = `revocation status unknown: ${failures.length ? failures.join("; ") : "no authoritative answer"}`;
    }
    if (!hasInfo && state.attempts.length > 0) message += " (the certificate itself names no CRL distribution point or OCSP URL)";
    return { status: "unknown", answer: null, attempts: state.attempts, message };
  }

  return {
    async check(query: RevocationQuery): Promise<CertificateRevocationResult> {
      const started = Date.now();
      let cert: CertFacts | undefined;
      try {
        cert = certFacts(query.certificate);
        const issuer = certFacts(query.issuer);
        const path = query.path.map(certFacts);
        const r = await checkFacts(cert, issuer, path, query.now, []);
        const result: CertificateRevocationResult = {
          depth: query.depth, thumbprint: await thumbprint(cert.der, crypto), subject: nameToString(cert.subjectRaw),
          status: r.status, message: r.message, attempts: r.attempts,
        };
        if (r.answer?.reason) result.reason = r.answer.reason;
        if (r.answer?.revocationDate) result.revocationDate = r.answer.revocationDate;
        return result;
      } catch (error) {
        return {
          depth: query.depth, thumbprint: cert ? await thumbprint(cert.der, crypto) : "", subject: cert ? nameToString(cert.subjectRaw) : "",
          status: "unknown", message: `revocation status unknown: internal error (${(error as Error).message})`,
          attempts: [{ method: "CRL", outcome: "failed", errorCode: "ERR_REVOCATION_INTERNAL", message: (error as Error).message, durationMs: Date.now() - started, bytes: 0 }],
        };
      }
    },
  };
}

/** SHA-1 thumbprint, upper-case hex. */
export async function thumbprint(der: Uint8Array, crypto: Crypto = globalThis.crypto): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-1", der as Uint8Array<ArrayBuffer>)));
}
