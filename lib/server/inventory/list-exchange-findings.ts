import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { organizationFindings } from "@/lib/pki/exchange/findings";
import { renewalCadence } from "@/lib/pki/exchange/web-pki-2026";
import { loadOrganization } from "./load-organization";

/**
 * The organization's Exchange objects and findings: connectors, IMAP/POP names, the Auth configuration, Edge
 * subscriptions, every finding on them, and each publicly trusted certificate's renewal cadence (SC-081).
 */
export async function listExchangeFindings(actor: Actor | null, now = new Date()) {
  requirePermission(actor, "read");
  const org = await loadOrganization(db);
  const findings = organizationFindings(org, now, { publiclyTrusted: org.publiclyTrusted });
  const cadences = org.certificates
    .filter((c) => org.publiclyTrusted.has(c.thumbprint) && c.notAfter >= now)
    .map((c) => ({ ...renewalCadence(c, now), subject: c.subject, notAfter: c.notAfter }));
  return { findings, connectors: org.connectors, servers: org.servers, authConfig: org.authConfig, edgeSubscriptions: org.edgeSubscriptions, cadences };
}
