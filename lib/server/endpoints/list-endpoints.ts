import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import type { StoredProbeReport } from "./stored-report";

/** One row of the endpoints page: where, what is bound, what was last presented. */
export interface EndpointRow {
  id: string;
  serverId: string;
  server: string;
  service: string;
  host: string;
  port: number;
  starttls: string | null;
  /** Certificates bound to this server and service (what Get-ExchangeCertificate shows). */
  bound: {
    id: string;
    thumbprint: string;
    subject: string;
    friendlyName: string;
    status: string;
    notAfter: Date;
  }[];
  lastProbeAt: Date | null;
  lastStatus: string | null;
  lastThumbprint: string | null;
  report: StoredProbeReport | null;
  /** The last probe saw a certificate that is not bound to the service. */
  wrongCertificate: boolean;
  /** WrongCertificateInUse alerts raised for this endpoint, newest first. */
  alerts: { id: string; key: string; message: string; createdAt: Date; acknowledgedAt: Date | null }[];
}

/** Lists the endpoints per server and service with their bound certificates and the last probe. Anyone signed in. */
export async function listEndpoints(
  actor: Actor | null,
  filters: { serverId?: string } = {},
): Promise<EndpointRow[]> {
  requirePermission(actor, "read");
  const endpoints = await db.endpoint.findMany({
    where: filters.serverId ? { serverId: filters.serverId } : {},
    include: { server: { select: { name: true } } },
    orderBy: [{ server: { name: "asc" } }, { service: "asc" }, { host: "asc" }, { port: "asc" }],
  });
  const bindings = await db.serviceBinding.findMany({
    where: { serverId: { in: [...new Set(endpoints.map((e) => e.serverId))] } },
    include: {
      certificate: {
        select: {
          id: true,
          thumbprint: true,
          subject: true,
          friendlyName: true,
          status: true,
          notAfter: true,
        },
      },
    },
    orderBy: { createdAt: "desc" },
  });
  const alerts = await db.alert.findMany({
    where: { kind: "WrongCertificateInUse", key: { startsWith: "wrong-cert:" } },
    select: { id: true, key: true, message: true, createdAt: true, acknowledgedAt: true },
    orderBy: { createdAt: "desc" },
  });
  return endpoints.map((e) => {
    const report = (e.lastReport as StoredProbeReport | null) ?? null;
    return {
      id: e.id,
      serverId: e.serverId,
      server: e.server.name,
      service: e.service,
      host: e.host,
      port: e.port,
      starttls: e.starttls,
      bound: bindings
        .filter((b) => b.serverId === e.serverId && b.service === e.service)
        .map((b) => b.certificate),
      lastProbeAt: e.lastProbeAt,
      lastStatus: e.lastStatus,
      lastThumbprint: e.lastThumbprint,
      report,
      wrongCertificate: Boolean(report?.wrongCertificate),
      alerts: alerts.filter((a) => a.key.startsWith(`wrong-cert:${e.id}:`)),
    };
  });
}
