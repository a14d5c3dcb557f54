import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { listEndpoints } from "../endpoints/list-endpoints";
import { daysLeft } from "@/lib/pki/exchange/expiry";

/** The columns of the server × service overview, in the EMC's order. */
export const OVERVIEW_SERVICES = ["IIS", "SMTP", "IMAP", "POP", "UM", "Federation"] as const;

/** A certificate serving one service on one server. */
export interface OverviewCertificate {
  id: string;
  name: string;
  thumbprint: string;
  status: string;
  daysLeft: number;
  /** The server's default SMTP certificate (the one `Enable-ExchangeCertificate -Services SMTP` made default). */
  isDefaultSmtp: boolean;
  /** Assigned under warn-but-allow despite a failed revocation check. */
  acknowledged: boolean;
}

/** What the last live probe of the service's endpoint saw. */
export interface OverviewProbe {
  endpoint: string;
  status: string;
  probedAt: string;
  /** The certificate the endpoint presented, by name when the console knows it. */
  presented: { thumbprint: string; name: string; id: string | null } | null;
  /** The presented certificate is not one bound to the service. */
  mismatch: boolean;
}

/** One cell: the certificates serving the service, the live probe, and whether the role runs the service at all. */
export interface OverviewCell {
  service: string;
  certificates: OverviewCertificate[];
  probe: OverviewProbe | null;
  runsOnRole: boolean;
}

/** Which services a role runs: an Edge Transport server runs SMTP only. */
function runsOnRole(role: string, service: string): boolean {
  return role !== "Edge" || service === "SMTP";
}

/**
 * The Exchange admin's picture: every server × service, the certificate serving it (name, days left, status), the
 * default SMTP certificate marked, and what the live probe of that endpoint presented. Anyone signed in.
 */
export async function getServiceOverview(actor: Actor | null, now = new Date()) {
  requirePermission(actor, "read");
  const [servers, bindings, endpoints] = await Promise.all([
    db.server.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, fqdn: true, role: true, defaultSmtpCertificateId: true } }),
    db.serviceBinding.findMany({
      include: { certificate: { select: { id: true, friendlyName: true, subject: true, thumbprint: true, status: true, notAfter: true } } },
      orderBy: { createdAt: "asc" },
    }),
    listEndpoints(actor),
  ]);
  return servers.map((server) => ({
    id: server.id,
    name: server.name,
    fqdn: server.fqdn,
    role: server.role,
    cells: OVERVIEW_SERVICES.map((service): OverviewCell => {
      const certificates = bindings
        .filter((b) => b.serverId === server.id && b.service === service)
        .map(({ certificate: c, acknowledgedStatus }) => ({
          id: c.id,
          name: c.friendlyName || c.subject,
          thumbprint: c.thumbprint,
          status: c.status,
          daysLeft: daysLeft(c.notAfter, now),
          isDefaultSmtp: service === "SMTP" && server.defaultSmtpCertificateId === c.id,
          acknowledged: acknowledgedStatus !== null,
        }))
        .sort((a, b) => Number(b.isDefaultSmtp) - Number(a.isDefaultSmtp));
      // A mismatch first, then the most recent probe.
      const endpoint = endpoints
        .filter((e) => e.serverId === server.id && e.service === service && e.report)
        .sort((a, b) => Number(b.wrongCertificate) - Number(a.wrongCertificate) || (b.lastProbeAt?.getTime() ?? 0) - (a.lastProbeAt?.getTime() ?? 0))[0];
      const leaf = endpoint?.report?.leaf ?? null;
      const probe: OverviewProbe | null = endpoint?.report
        ? {
            endpoint: `${endpoint.host}:${endpoint.port}`,
            status: endpoint.lastStatus ?? endpoint.report.status,
            probedAt: endpoint.report.probedAt,
            presented: leaf ? { thumbprint: leaf.thumbprint, name: leaf.known?.friendlyName || leaf.subject, id: leaf.known?.id ?? null } : null,
            mismatch: endpoint.wrongCertificate,
          }
        : null;
      return { service, certificates, probe, runsOnRole: runsOnRole(server.role, service) };
    }),
  }));
}

/** One server row of the overview. */
export type OverviewServer = Awaited<ReturnType<typeof getServiceOverview>>[number];
