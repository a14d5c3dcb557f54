import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requireActor } from "@/lib/actions/current-actor";
import { can } from "@/lib/server/auth/actor";
import { listEndpoints } from "@/lib/server/endpoints/list-endpoints";
import { listServers } from "@/lib/server/servers/list-servers";
import { EndpointsTable, type EndpointView } from "./endpoints-table";
import { AddEndpointForm } from "./add-endpoint-form";

export const metadata: Metadata = { title: "Endpoints" };

export default async function EndpointsPage() {
  const actor = await requireActor();
  const [rows, servers] = await Promise.all([listEndpoints(actor), listServers(actor)]);
  const admin = can(actor, "mutate");
  const view: EndpointView[] = rows.map((r) => ({
    id: r.id,
    server: r.server,
    service: r.service,
    host: r.host,
    port: r.port,
    starttls: r.starttls,
    bound: r.bound.map((b) => ({
      id: b.id,
      thumbprint: b.thumbprint,
      subject: b.subject,
      friendlyName: b.friendlyName,
      status: b.status,
    })),
    lastProbeAt: r.lastProbeAt?.toISOString() ?? null,
    lastStatus: r.lastStatus,
    report: r.report,
    alerts: r.alerts.map((a) => ({
      id: a.id,
      createdAt: a.createdAt.toISOString(),
      acknowledged: a.acknowledgedAt !== null,
    })),
  }));
  return (
    <>
      <PageHeader
        title="Endpoints"
        description="What each server's services actually present, probed live and compared with the certificate bound to the service. After a renewal Exchange keeps the old certificate until the service assignment is run again."
      />
      <EndpointsTable rows={view} admin={admin} />
      {admin ? (
        <AddEndpointForm servers={servers.map((s) => ({ id: s.id, name: s.name }))} />
      ) : (
        <p className="mt-4 text-sm text-slate-600">
          The helpdesk role may probe endpoints; adding and removing them needs an administrator.
        </p>
      )}
    </>
  );
}
