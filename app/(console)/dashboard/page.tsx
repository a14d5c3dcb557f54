import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/components/status-badge";
import { RecheckButton } from "@/components/dashboard/recheck-button";
import { AlertList } from "@/components/dashboard/alert-list";
import { ExpiryTimeline } from "@/components/dashboard/expiry-timeline";
import { ServiceOverview } from "@/components/dashboard/service-overview";
import { getServiceOverview, OVERVIEW_SERVICES } from "@/lib/server/servers/get-service-overview";
import { requireActor } from "@/lib/actions/current-actor";
import { can } from "@/lib/server/auth/actor";
import { getDashboard } from "@/lib/server/dashboard/get-dashboard";
import { STATUSES } from "@/lib/validations/domain";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requireActor();
  const [d, overview] = await Promise.all([getDashboard(actor), getServiceOverview(actor)]);
  return (
    <>
      <PageHeader title="Dashboard" description="Which certificate serves each service on each server, what expires next, and the alerts (events 12018 / 12016, revocation)." />
      <section aria-labelledby="overview-heading" className="mb-4 rounded border border-slate-200 bg-white p-3">
        <h2 id="overview-heading" className="mb-2 text-sm font-semibold">
          Servers and services <span className="font-normal text-slate-600">— the certificate serving each service, and what the live probe saw</span>
        </h2>
        <ServiceOverview servers={overview} services={OVERVIEW_SERVICES} />
      </section>
      <div className="mb-4">
        <RecheckButton initial={d.job} />
      </div>
      <section aria-label="Certificates by status" className="mb-4 flex flex-wrap gap-2">
        {STATUSES.filter((s) => d.byStatus[s]).map((s) => (
          <Link key={s} href={`/certificates?status=${s}`} className="rounded border border-slate-200 bg-white px-3 py-2 hover:bg-slate-50">
            <div className="text-2xl font-semibold" data-testid={`count-${s}`}>{d.byStatus[s]}</div>
            <StatusBadge status={s} />
          </Link>
        ))}
      </section>
      <div className="grid gap-4 xl:grid-cols-2">
        <section className="rounded border border-slate-200 bg-white p-3">
          <h2 className="mb-2 text-sm font-semibold">What expires next, and where it is used</h2>
          <ExpiryTimeline certificates={d.expiring} />
        </section>
        <section className="rounded border border-slate-200 bg-white p-3">
          <h2 className="mb-2 text-sm font-semibold">Alerts</h2>
          <AlertList
            canChange={can(actor, "mutate")}
            alerts={d.alerts.map((a) => ({
              id: a.id,
              kind: a.kind,
              eventId: a.eventId,
              severity: a.severity,
              message: a.message,
              createdAt: a.createdAt.toISOString(),
              acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
              acknowledgedBy: a.acknowledgedBy,
              certificate: a.certificate ? { id: a.certificate.id, name: a.certificate.friendlyName || a.certificate.subject } : null,
            }))}
          />
        </section>
      </div>
      <section className="mt-4 rounded border border-slate-200 bg-white p-3">
        <h2 className="mb-2 text-sm font-semibold">Certificates in use (problems first)</h2>
        <table className="table-dense w-full text-sm" aria-label="Certificates in use">
          <thead>
            <tr>
              <th>Certificate</th>
              <th>Status</th>
              <th>Services</th>
              <th>Expires</th>
            </tr>
          </thead>
          <tbody>
            {d.boundCertificates.map(({ certificate: c, services, acknowledged }) => (
              <tr key={c.id}>
                <td>
                  <Link className="text-blue-800 hover:underline" href={`/certificates/${c.id}`}>{c.friendlyName || c.subject}</Link>
                  {acknowledged ? <span className="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-900">assigned despite a failed revocation check</span> : null}
                </td>
                <td>
                  <StatusBadge status={c.status} reason={c.statusReason} />
                </td>
                <td className="text-xs">{services.join(", ")}</td>
                <td className="whitespace-nowrap">{c.notAfter.toISOString().slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
