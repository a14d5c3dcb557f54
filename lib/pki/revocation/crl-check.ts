/**
 * The CRL half of a check: evaluates supplied, cached and fetched CRLs together and records each one's part.
 * @packageDocumentation
 */
import type { FetchOutcome } from "../ports";
import type { RevocationAttempt } from "./types";
import type { Crl } from "./crl-parse";
import { evaluateCrls, type CrlVerdict } from "./crl-validate";
import type { CrlContext } from "./crl-signer";
import { judged } from "./attempts";
import type { CrlSources } from "./crl-sources";
import type { Answer, CheckState } from "./checker-types";

type Label = { method: RevocationAttempt["method"]; source: string; outcome?: FetchOutcome };

/**
 * Answers from CRLs: supplied ones first, then (online) those fetched or cached for the certificate's distribution
 * points and their delta CRLs. Every CRL that bears on the certificate becomes a recorded attempt.
 */
export async function crlAnswer(sources: CrlSources, state: CheckState, ctx: CrlContext, online: boolean): Promise<Answer | null> {
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
