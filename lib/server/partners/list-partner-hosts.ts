import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import type { StoredProbeReport } from "../endpoints/stored-report";

/** One row of the partners page. */
export interface PartnerHostRow {
  id: string;
  domain: string;
  host: string;
  port: number;
  starttls: string | null;
  lastProbeAt: Date | null;
  lastStatus: string | null;
  report: StoredProbeReport | null;
}

/** The domain-secured partner list with each host's last probe. Anyone signed in. */
export async function listPartnerHosts(actor: Actor | null): Promise<PartnerHostRow[]> {
  requirePermission(actor, "read");
  const rows = await db.partnerHost.findMany({
    orderBy: [{ domain: "asc" }, { host: "asc" }, { port: "asc" }],
  });
  return rows.map((p) => ({
    id: p.id,
    domain: p.domain,
    host: p.host,
    port: p.port,
    starttls: p.starttls,
    lastProbeAt: p.lastProbeAt,
    lastStatus: p.lastStatus,
    report: (p.lastReport as StoredProbeReport | null) ?? null,
  }));
}
