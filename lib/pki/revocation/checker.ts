/**
 * The revocation checker behind {@link RevocationChecker}: for each certificate, supplied OCSP responses and
 * CRLs first, then (unless offline) OCSP at the certificate's responder and CRLs from its distribution points
 * (http, https, ldap — the fetcher handles each), in the configured order. Every attempt is recorded; when no
 * authoritative answer can be had the status is `unknown` with a message a helpdesk can read. Never throws.
 * @packageDocumentation
 */
import type { X509Certificate } from "@peculiar/x509";
import type { FetchOutcome, PkiFetcher } from "../ports";
import type { CertificateRevocationResult, RevocationAttempt, RevocationChecker, RevocationQuery } from "../revocation-types";
import { toHex } from "./der";
import { certFacts, type CertFacts } from "./cert-info";
import { nameToString } from "./names";
import { type Crl } from "./crl-parse";
import { evaluateCrls, type CrlVerdict } from "./crl-validate";
import type { CrlContext } from "./crl-signer";
import { judged } from "./attempts";
import type { CrlCache } from "./crl-cache";
import { CrlSources, distributionPointUrls } from "./crl-sources";
import { ocspOnline, ocspSupplied, type OcspSettings } from "./ocsp-check";

/** Options of {@link createRevocationChecker}. */
export interface RevocationCheckerOptions {
  /** CRLs given as files (DER or PEM), used before anything fetched. */
  crls?: Uint8Array[];
  /** OCSP responses given as files (DER), used before anything fetched. */
  ocspResponses?: Uint8Array[];
  /** Network access; without it (or with `offline`) only supplied data is used. */
  fetcher?: PkiFetcher;
  offline?: boolean;
  /** Default `ocspFirst`: OCSP where the certificate names a responder, CRLs as fallback. */
  order?: "ocspFirst" | "crlFirst";
  cache?: CrlCache;
  /** Send a nonce in OCSP requests and require it echoed (default false: many public responders ignore nonces). */
  useNonce?: boolean;
  /** Per-fetch timeout (default 15 s). */
  timeoutMs?: number;
  /** Largest CRL accepted (default 100 MB). */
  maxCrlBytes?: number;
  /** Extra certificates that may have signed CRLs (separate CRL keys, indirect CRL issuers). */
  certificates?: X509Certificate[];
  /** Tolerated clock difference for OCSP (default 5 minutes). */
  clockSkewMs?: number;
  /** OCSP over POST (default) or GET (RFC 6960 appendix A). */
  ocspMethod?: "POST" | "GET";
}

const MAX_SIGNER_DEPTH = 3;

/** The working state of one certificate's check. */
export interface CheckState {
  cert: CertFacts;
  issuer: CertFacts;
  now: Date;
  attempts: RevocationAttempt[];
}

/** A final answer found by one of the sources. */
export interface Answer {
  status: "good" | "revoked";
  reason?: string;
  revocationDate?: Date;
  /** "according to CRL http://…" */
  source: string;
}

/** Creates a checker; see {@link RevocationCheckerOptions}. */
export function createRevocationChecker(options: RevocationCheckerOptions = {}, crypto: Crypto = globalThis.crypto): RevocationChecker {
  const candidates = (options.certificates ?? []).map(certFacts);
  const sources = new CrlSources(options);

  type Label = { method: RevocationAttempt["method"]; source: string; outcome?: FetchOutcome };

  async function crlAnswer(state: CheckState, ctx: CrlContext, online: boolean): Promise<Answer | null> {
    const crls: Crl[] = [...sources.supplied()];
    const label = new Map<Crl, Label>();
    for (const c of crls) label.set(c, { method: "SuppliedCRL", source: sources.suppliedLabel(c) });
    let verdict = await evaluateCrls(crls, ctx);
    if (verdict.status === "unknown" && online) {
      const fetched = (await sources.fetchFor(state)).filter((f) => !label.has(f.crl));
      for (const f of fetched) {
        const l: Label = { method: f.method, source: f.url };
        if (f.outcome) l.outcome = f.outcome;
        label.set(f.crl, l);
      }
      if (fetched.length) verdict = await evaluateCrls([...crls, ...fetched.map((f) => f.crl)], ctx);
    }
    record(state, verdict, label);
    if (verdict.status === "unknown") return null;
    const by = verdict.answeredBy ?? verdict.used[0];
    const l = by ? label.get(by) : undefined;
    const a: Answer = { status: verdict.status, source: l ? `according to ${l.method === "SuppliedCRL" ? "supplied CRL" : "CRL"} ${l.source}` : "according to CRL" };
    if (verdict.reason) a.reason = verdict.reason;
    if (verdict.revocationDate) a.revocationDate = verdict.revocationDate;
    return a;
  }

  function record(state: CheckState, verdict: CrlVerdict, label: Map<Crl, Label>): void {
    const relevant = (c: Crl) => verdict.used.includes(c) || verdict.answeredBy === c || c.issuerCanonical === state.cert.issuerCanonical;
    for (const [crl, l] of label) {
      if (l.method === "SuppliedCRL" && !relevant(crl)) continue;
      const problem = verdict.problems.find((p) => p.crl === crl);
      let result: { outcome: RevocationAttempt["outcome"]; code?: string; text: string };
      if (verdict.status === "revoked" && verdict.answeredBy === crl) result = { outcome: "revoked", text: verdict.message };
      else if (verdict.used.includes(crl)) result = { outcome: verdict.status === "good" ? "good" : "notApplicable", text: verdict.status === "good" ? "not revoked" : "valid, but did not decide alone" };
      else if (problem) result = { outcome: problem.code === "ERR_CRL_WRONG_ISSUER" || problem.code === "ERR_CRL_SCOPE" ? "notApplicable" : "failed", code: problem.code, text: problem.message };
      else continue;
      state.attempts.push(judged(l.method, l.source, result, l.outcome, 0, crl.der.length));
    }
  }

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
    if (!answer && options.order === "crlFirst") answer = await crlAnswer(state, ctx, online);
    if (!answer && useOcsp && online && options.fetcher) answer = await ocspOnline(state, options.fetcher, ocspOpts, crypto);
    if (!answer && options.order !== "crlFirst") answer = await crlAnswer(state, ctx, online);
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
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-1", der as Uint8Array<ArrayBuffer>))).toUpperCase();
}
