/**
 * Every Exchange finding of the organization in one list, most severe first: connectors, IMAP/POP names, the
 * Auth certificate, Edge subscriptions, and the 2026 Web PKI changes (clientAuth, SC-081 lifetimes).
 * @packageDocumentation
 */
import { authConfigFindings, edgeSubscriptionFindings } from "./auth-findings";
import { connectorFindings, protocolFindings } from "./connector-findings";
import type { Organization, OrgFinding } from "./organization";
import { clientAuthFindings, lifetimeFindings, type WebPkiOptions } from "./web-pki-2026";

const RANK: Record<OrgFinding["severity"], number> = { error: 0, warning: 1, info: 2 };

/** All findings of the organization at `now`, errors first (stable within a severity). */
export function organizationFindings(org: Organization, now: Date, options: WebPkiOptions): OrgFinding[] {
  const all = [
    ...connectorFindings(org, now),
    ...protocolFindings(org),
    ...authConfigFindings(org, now),
    ...edgeSubscriptionFindings(org),
    ...clientAuthFindings(org, options),
    ...lifetimeFindings(org, now, options),
  ];
  return all.map((f, i) => ({ f, i })).sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i).map(({ f }) => f);
}
