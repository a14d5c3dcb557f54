/**
 * URL retrieval diagnostics — the certutil `-verify -urlfetch` / `-URL` equivalent as a function. Builds the
 * chain (B's chain builder, chasing AIA for missing issuers), then fetches every AIA caIssuers, CDP (and
 * freshest-CRL) and OCSP URL of every certificate of it through the given fetcher, and reports per URL
 * what was fetched, through which route, with which HTTP status, what it proved, how long it took and how
 * many bytes came back. CRLs and OCSP answers are judged with D's revocation functions.
 * @packageDocumentation
 */
import type { FetchOutcome, FetchRoute, PkiFetcher } from "@/lib/pki/ports";
import { buildCertificationPaths, parseIssuerAnswer } from "@/lib/pki/path/chain-builder";
import type { CertificateInput, PathCertificate } from "@/lib/pki/certificate/certificate";
import { certFacts, type CertFacts } from "@/lib/pki/revocation/cert-info";
import { parseCrl, type Crl } from "@/lib/pki/revocation/crl-parse";
import { findCrlSigner, type CrlContext } from "@/lib/pki/revocation/crl-signer";
import { distributionPointUrls } from "@/lib/pki/revocation/crl-sources";
import { evaluateCrls } from "@/lib/pki/revocation/crl-validate";
import { buildOcspRequest } from "@/lib/pki/revocation/ocsp-request";
import { verifyOcspResponse } from "@/lib/pki/revocation/ocsp-response";

/** Which kind of URL of the certificate was fetched. */
export type UrlKind = "AIA" | "CDP" | "DeltaCDP" | "OCSP";

/** The result of fetching one URL. */
export interface UrlCheck {
  /** 0 = leaf. */
  depth: number;
  subject: string;
  kind: UrlKind;
  url: string;
  method: "GET" | "POST" | "LDAP";
  route: FetchRoute;
  httpStatus?: number;
  /** True when the URL answered and what it answered could be verified. */
  ok: boolean;
  /** "CRL OK: thisUpdate …, nextUpdate …, 3 entries; certificate not listed", "Verified OCSP: good", an error … */
  result: string;
  /** Stable code when not ok (`ERR_FETCH_*`, `ERR_CRL_*`, `ERR_OCSP_*`). */
  errorCode?: string;
  durationMs: number;
  bytes: number;
}

/** One certificate of the built chain. */
export interface ChainEntry {
  depth: number;
  subject: string;
  thumbprint: string;
}

/** The whole report. */
export interface UrlRetrievalReport {
  chain: ChainEntry[];
  /** True when the chain reaches one of the given trust anchors. */
  complete: boolean;
  checks: UrlCheck[];
  /** True when there was at least one URL and every URL answered with something verifiable. */
  allAnswered: boolean;
}

/** Input of {@link retrieveChainUrls}. */
export interface UrlRetrievalInput {
  leaf: CertificateInput;
  intermediates?: readonly CertificateInput[];
  trustAnchors?: readonly CertificateInput[];
  fetcher: PkiFetcher;
  now?: Date;
  crypto?: Crypto;
}

const iso = (ms: number | Date) => new Date(ms).toISOString().replace(/:\d\d\.\d{3}Z$/, "Z").replace("T", " ");
const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

/** Builds the chain and fetches every AIA, CDP and OCSP URL of it. Never throws for network or data failures. */
export async function retrieveChainUrls(input: UrlRetrievalInput): Promise<UrlRetrievalReport> {
  const now = input.now ?? new Date();
  const crypto = input.crypto ?? globalThis.crypto;
  const built = await buildCertificationPaths({ leaf: input.leaf, intermediates: input.intermediates ?? [], trustAnchors: input.trustAnchors ?? [], now, fetcher: input.fetcher });
  const best = built.paths[0];
  const path: PathCertificate[] = best ?? built.partial;
  const facts = path.map((c) => certFacts(c));
  const chain = path.map((c, depth) => ({ depth, subject: c.subjectText, thumbprint: c.thumbprint }));

  const jobs: Array<Promise<UrlCheck>> = [];
  path.forEach((cert, depth) => {
    const f = facts[depth] as CertFacts;
    const issuer = facts[depth + 1] ?? (cert.selfIssued ? f : null);
    const base = { depth, subject: cert.subjectText };
    for (const url of cert.caIssuerUrls) jobs.push(checkAia(base, url, f, input.fetcher));
    for (const url of distributionPointUrls(f, "crl")) jobs.push(checkCrl(base, "CDP", url, f, issuer, facts, now, input.fetcher, crypto));
    for (const url of distributionPointUrls(f, "delta")) jobs.push(checkCrl(base, "DeltaCDP", url, f, issuer, facts, now, input.fetcher, crypto));
    for (const url of f.ocspUrls) jobs.push(checkOcsp(base, url, f, issuer, now, input.fetcher, crypto));
  });
  const checks = await Promise.all(jobs);
  return { chain, complete: !!best, checks, allAnswered: checks.length > 0 && checks.every((c) => c.ok) };
}

type Base = { depth: number; subject: string };

function fromOutcome(base: Base, kind: UrlKind, method: UrlCheck["method"], outcome: FetchOutcome): UrlCheck {
  return {
    ...base,
    kind,
    url: outcome.url,
    method,
    route: outcome.route,
    ...(outcome.httpStatus !== undefined ? { httpStatus: outcome.httpStatus } : {}),
    ok: false,
    result: outcome.error ?? "no answer",
    ...(outcome.errorCode ? { errorCode: outcome.errorCode } : {}),
    durationMs: outcome.durationMs,
    bytes: outcome.bytes,
  };
}

const methodFor = (url: string): "GET" | "LDAP" => (/^ldaps?:/i.test(url) ? "LDAP" : "GET");

async function checkAia(base: Base, url: string, cert: CertFacts, fetcher: PkiFetcher): Promise<UrlCheck> {
  const outcome = await fetcher({ url });
  const check = fromOutcome(base, "AIA", methodFor(url), outcome);
  if (!outcome.ok || !outcome.body) return check;
  try {
    const certs = parseIssuerAnswer(outcome.body).map((c) => certFacts(c));
    const issuer = certs.find((c) => c.subjectCanonical === cert.issuerCanonical);
    if (certs.length === 0) return { ...check, result: "the answer holds no certificate", errorCode: "ERR_AIA_EMPTY" };
    if (!issuer) return { ...check, result: `${plural(certs.length, "certificate")}, none named as this certificate's issuer`, errorCode: "ERR_AIA_WRONG_ISSUER" };
    return { ...check, ok: true, result: `Certificate OK: issuer certificate retrieved (${plural(certs.length, "certificate")})`, errorCode: undefined };
  } catch (error) {
    return { ...check, result: `not a certificate: ${(error as Error).message}`, errorCode: "ERR_AIA_MALFORMED" };
  }
}

async function checkCrl(base: Base, kind: UrlKind, url: string, cert: CertFacts, issuer: CertFacts | null, path: CertFacts[], now: Date, fetcher: PkiFetcher, crypto: Crypto): Promise<UrlCheck> {
  const outcome = await fetcher({ url });
  const check = fromOutcome(base, kind, methodFor(url), outcome);
  if (!outcome.ok || !outcome.body) return check;
  let crl: Crl;
  try {
    crl = parseCrl(outcome.body);
  } catch (error) {
    return { ...check, result: `not a CRL: ${(error as Error).message}`, errorCode: (error as { code?: string }).code ?? "ERR_CRL_MALFORMED" };
  }
  const facts = `thisUpdate ${iso(crl.thisUpdate)}, nextUpdate ${crl.nextUpdate === null ? "none" : iso(crl.nextUpdate)}, ${plural(crl.serialKeys.length, "entry").replace("entrys", "entries")}`;
  if (!issuer) return { ...check, result: `CRL fetched (${facts}) but the issuer is not in the chain, so its signature cannot be checked`, errorCode: "ERR_CRL_ISSUER_UNKNOWN" };
  const ctx: CrlContext = { cert, issuer, path, candidates: [], now: now.getTime(), crypto };
  if (kind === "DeltaCDP") {
    const signer = await findCrlSigner(crl, ctx);
    if (!signer.ok) return { ...check, result: signer.message, errorCode: signer.code };
    if (crl.nextUpdate !== null && crl.nextUpdate < now.getTime()) return { ...check, result: `stale delta CRL (${facts})`, errorCode: "ERR_CRL_STALE" };
    return { ...check, ok: true, result: `Delta CRL OK: ${facts}`, errorCode: undefined };
  }
  const verdict = await evaluateCrls([crl], ctx);
  if (verdict.status === "unknown") {
    const problem = verdict.problems[0];
    return { ...check, result: `${problem?.message ?? verdict.message} (${facts})`, errorCode: problem?.code ?? verdict.code ?? "ERR_CRL_UNUSABLE" };
  }
  const listed = verdict.status === "revoked" ? `certificate REVOKED${verdict.reason ? ` (${verdict.reason})` : ""}${verdict.revocationDate ? ` on ${iso(verdict.revocationDate)}` : ""}` : "certificate not listed";
  return { ...check, ok: true, result: `CRL OK: ${facts}; ${listed}`, errorCode: undefined };
}

async function checkOcsp(base: Base, url: string, cert: CertFacts, issuer: CertFacts | null, now: Date, fetcher: PkiFetcher, crypto: Crypto): Promise<UrlCheck> {
  const started = performance.now();
  if (!issuer) {
    return { ...base, kind: "OCSP", url, method: "POST", route: { via: "direct", reason: "not attempted" }, ok: false, result: "the issuer is not in the chain, so no OCSP request can be built", errorCode: "ERR_OCSP_ISSUER_UNKNOWN", durationMs: Math.round(performance.now() - started), bytes: 0 };
  }
  const request = await buildOcspRequest(cert, issuer, {}, crypto);
  const outcome = await fetcher({ url, method: "POST", body: request.der, headers: { "content-type": "application/ocsp-request", accept: "application/ocsp-response" } });
  const check = fromOutcome(base, "OCSP", "POST", outcome);
  if (!outcome.ok || !outcome.body) return check;
  const verdict = await verifyOcspResponse(outcome.body, { cert, issuer, now }, crypto);
  if (verdict.status === "failed") return { ...check, result: verdict.message, errorCode: verdict.code };
  if (verdict.status === "revoked") {
    return { ...check, ok: true, result: `Verified OCSP: revoked${verdict.reason ? ` (${verdict.reason})` : ""} on ${iso(verdict.revocationDate)}`, errorCode: undefined };
  }
  const next = verdict.nextUpdate ? `, nextUpdate ${iso(verdict.nextUpdate)}` : "";
  return { ...check, ok: true, result: `Verified OCSP: good (thisUpdate ${iso(verdict.thisUpdate)}${next})`, errorCode: undefined };
}
