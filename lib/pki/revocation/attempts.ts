/**
 * Turns fetch outcomes and verdicts into {@link RevocationAttempt} records with plain-English messages a
 * helpdesk can read, e.g. "CRL http://crl.contoso.com/ca.crl: timed out after 15 s through proxy http://proxy:8080".
 * @packageDocumentation
 */
import type { FetchOutcome } from "../ports";
import type { RevocationAttempt, RevocationMethod } from "./types";

/** Human label of a method ("CRL", "delta CRL", "OCSP responder", …). */
export function methodLabel(method: RevocationMethod): string {
  switch (method) {
    case "DeltaCRL": return "delta CRL";
    case "OCSP": return "OCSP responder";
    case "LDAP": return "CRL (LDAP)";
    case "SuppliedCRL": return "supplied CRL";
    case "SuppliedOCSP": return "supplied OCSP response";
    case "Cache": return "cached CRL";
    default: return "CRL";
  }
}

/** "through proxy http://p:8080" or "direct". */
export function routeText(outcome: Pick<FetchOutcome, "route">): string {
  return outcome.route.via === "direct" ? "direct" : `through proxy ${outcome.route.via}`;
}

/** The attempt record of a failed fetch. */
export function fetchFailure(method: RevocationMethod, outcome: FetchOutcome): RevocationAttempt {
  const what = outcome.error ?? (outcome.httpStatus ? `HTTP ${outcome.httpStatus}` : "the retrieval failed");
  const a: RevocationAttempt = {
    method, url: outcome.url, route: outcome.route, outcome: "failed", errorCode: outcome.errorCode ?? "ERR_FETCH_FAILED",
    message: `${methodLabel(method)} ${outcome.url}: ${what} (${routeText(outcome)})`, durationMs: outcome.durationMs, bytes: outcome.bytes,
  };
  if (outcome.httpStatus !== undefined) a.httpStatus = outcome.httpStatus;
  return a;
}

/** An attempt record for data that was obtained (fetched, cached or supplied) and then judged. */
export function judged(
  method: RevocationMethod, source: string, result: { outcome: RevocationAttempt["outcome"]; code?: string; text: string },
  outcome?: FetchOutcome, durationMs = 0, bytes = 0,
): RevocationAttempt {
  const where = outcome ? ` (${routeText(outcome)}${outcome.httpStatus ? `, HTTP ${outcome.httpStatus}` : ""})` : "";
  const a: RevocationAttempt = {
    method, outcome: result.outcome, message: `${methodLabel(method)} ${source}: ${result.text}${where}`,
    durationMs: outcome?.durationMs ?? durationMs, bytes: outcome?.bytes ?? bytes,
  };
  if (outcome) {
    a.url = outcome.url;
    a.route = outcome.route;
    if (outcome.httpStatus !== undefined) a.httpStatus = outcome.httpStatus;
  } else if (/^[a-z]+:\/\//i.test(source)) a.url = source;
  if (result.code) a.errorCode = result.code;
  return a;
}
