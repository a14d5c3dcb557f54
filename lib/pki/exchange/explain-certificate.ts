/**
 * Picks the plain-words explanations that apply to one certificate: its status, the causes found in its latest
 * revocation check (every failed URL with its proxy route), its dates and its RootCAType per server.
 * @packageDocumentation
 */
import { causeOfErrorCode, explainCause, explainStatus, type Explanation, type ExplanationContext, type StatusCause } from "./status-explanations";

/** One recorded attempt of a revocation check (the stored form of `RevocationAttempt`). */
export interface RecordedAttempt {
  method?: string;
  url?: string;
  route?: { via?: string; reason?: string };
  outcome?: string;
  errorCode?: string;
  httpStatus?: number;
  message?: string;
}

/** One recorded per-certificate result of a revocation check (the stored form of `CertificateRevocationResult`). */
export interface RecordedRevocationResult {
  depth?: number;
  subject?: string;
  status?: string;
  message?: string;
  attempts?: RecordedAttempt[];
}

/** What is known about a certificate for explaining it. */
export interface CertificateFacts {
  status: string;
  statusReason?: string;
  notBefore?: Date;
  notAfter?: Date;
  /** The per-certificate results of the latest revocation check, if any. */
  revocation?: readonly RecordedRevocationResult[];
  /** RootCAType on each server the certificate is installed on. */
  rootCaTypes?: readonly { server: string; rootCaType: string }[];
  now: Date;
}

/** A cause with the technical lines it was derived from. */
export interface ExplainedCause extends Explanation {
  detail: string[];
}

/** The status explained, the causes found, what to do, and the technical detail (status reason and every failed attempt). */
export interface CertificateExplanation {
  status: Explanation;
  causes: ExplainedCause[];
  /** What to do, in order: each cause's action, with the status's own action first when no cause explains the status. */
  actions: string[];
  detail: string[];
}

/** Causes that come on top of a status rather than explaining it. */
const ADDITIONAL_CAUSES: ReadonlySet<string> = new Set(["rootCaTypeRegistry"]);

const NO_REVOCATION_INFO = /no CRL distribution point/i;

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, "") || undefined;
  } catch {
    return undefined;
  }
}

/** One line of technical detail for a failed attempt, like certutil -urlfetch prints it. */
export function describeAttempt(a: RecordedAttempt): string {
  const via = a.route?.via ? ` via ${a.route.via}${a.route.reason ? ` (${a.route.reason})` : ""}` : "";
  const code = a.errorCode ? ` [${a.errorCode}${a.httpStatus ? ` HTTP ${a.httpStatus}` : ""}]` : "";
  return `${a.method ?? "?"} ${a.url ?? "(supplied)"}${via}: ${a.outcome ?? ""} ${a.message ?? ""}${code}`.replace(/\s+/g, " ").trim();
}

/** Explains a certificate: status in plain words, each cause found with what to do, and the technical detail. */
export function explainCertificate(facts: CertificateFacts): CertificateExplanation {
  const causes = new Map<string, ExplainedCause>();
  const add = (cause: StatusCause, context: ExplanationContext, detail?: string) => {
    const key = `${cause}|${context.host ?? ""}|${(context.servers ?? []).join(",")}`;
    const existing = causes.get(key);
    if (existing) {
      if (detail && !existing.detail.includes(detail)) existing.detail.push(detail);
      return;
    }
    causes.set(key, { ...explainCause(cause, context), detail: detail ? [detail] : [] });
  };
  const detail: string[] = facts.statusReason ? [facts.statusReason] : [];

  if (facts.status === "RevocationCheckFailure") {
    for (const result of facts.revocation ?? []) {
      if (result.status !== "unknown") continue;
      const failed = (result.attempts ?? []).filter((a) => a.outcome === "failed");
      for (const a of failed) {
        const line = describeAttempt(a);
        detail.push(line);
        const cause = causeOfErrorCode(a.errorCode, a.httpStatus);
        if (!cause) continue;
        const via = a.route?.via && a.route.via !== "direct" ? a.route.via : undefined;
        add(cause, { host: hostOf(a.url), url: a.url, proxy: via }, line);
      }
      if (failed.length === 0 && NO_REVOCATION_INFO.test(result.message ?? "")) add("noCdp", {}, result.message);
    }
  }
  const day = (d: Date) => d.toISOString().slice(0, 10);
  if (facts.status === "DateInvalid") {
    if (facts.notAfter && facts.notAfter < facts.now) add("expired", { date: day(facts.notAfter) });
    else if (facts.notBefore && facts.notBefore > facts.now) add("notYetValid", { date: day(facts.notBefore) });
  }
  const installedOn = (facts.rootCaTypes ?? []).map((r) => r.server);
  if (facts.status === "Untrusted") add("untrustedRoot", installedOn.length ? { servers: installedOn } : {});
  const registry = (facts.rootCaTypes ?? []).filter((r) => r.rootCaType === "Registry").map((r) => r.server);
  if (registry.length && facts.status !== "PendingRequest") add("rootCaTypeRegistry", { servers: registry });

  const status = explainStatus(facts.status);
  const found = [...causes.values()];
  const explaining = found.filter((c) => !ADDITIONAL_CAUSES.has(c.code));
  const actions = [...(explaining.length === 0 && (status.code !== "Valid" || found.length === 0) ? [status.action] : []), ...found.map((c) => c.action)];
  return { status, causes: found, actions, detail };
}
