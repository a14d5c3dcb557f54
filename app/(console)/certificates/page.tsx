import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/components/status-badge";
import { Pager } from "@/components/pager";
import { Notice } from "@/components/notice";
import { requireActor } from "@/lib/actions/current-actor";
import { can } from "@/lib/server/auth/actor";
import { listCertificates } from "@/lib/server/certificates/list-certificates";
import { listServers } from "@/lib/server/servers/list-servers";
import { listRequests } from "@/lib/server/certificates/list-requests";
import { RequestsTable } from "@/components/requests-table";
import { parseCertificateFilters } from "@/lib/validations/certificate-filters";
import { SERVICES, STATUSES } from "@/lib/validations/domain";

export const metadata: Metadata = { title: "Certificates" };

function expiryText(days: number) {
  if (days < 0) return <span className="text-red-700">expired {-days} d ago</span>;
  if (days <= 30) return <span className="font-semibold text-amber-800">{days} d</span>;
  return <span>{days} d</span>;
}

export default async function CertificatesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const parsed = parseCertificateFilters(params);
  const actor = await requireActor();
  const servers = await listServers(actor);
  if (!parsed.success) {
    return (
      <>
        <PageHeader title="Certificates" />
        <Notice kind="error" title="The filter could not be applied">
          {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}. <Link className="underline" href="/certificates">Clear filters</Link>
        </Notice>
      </>
    );
  }
  const filters = { ...parsed.data, ca: parsed.data.ca ?? "hide" };
  const result = await listCertificates(actor, filters);
  const pending = filters.status === "PendingRequest" ? (await listRequests(actor)).filter((r) => r.status === "Pending") : null;
  const query = Object.fromEntries(Object.entries(params).filter(([k, v]) => k !== "page" && typeof v === "string" && v !== "")) as Record<string, string>;
  return (
    <>
      <PageHeader
        title="Certificates"
        description="The Exchange certificates of the organization's servers, like Get-ExchangeCertificate. CA certificates live under Trust stores (or tick Show CA certificates)."
        actions={
          can(actor, "mutate") ? (
            <>
              <Link className="btn btn-primary" href="/certificates/new">New Exchange Certificate</Link>
              <Link className="btn" href="/certificates/self-signed">New self-signed</Link>
              <Link className="btn" href="/certificates/import">Import</Link>
            </>
          ) : undefined
        }
      />
      <form className="mb-3 flex flex-wrap items-end gap-2" role="search" aria-label="Filter certificates">
        <label className="text-xs">
          Search
          <input className="field mt-0.5 w-56" name="q" defaultValue={filters.q ?? ""} placeholder="subject, name, thumbprint" />
        </label>
        <label className="text-xs">
          Server
          <select className="field mt-0.5" name="server" defaultValue={filters.server ?? ""}>
            <option value="">All servers</option>
            {servers.map((s) => (
              <option key={s.id} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs">
          Status
          <select className="field mt-0.5" name="status" defaultValue={filters.status ?? ""}>
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="text-xs">
          Service
          <select className="field mt-0.5" name="service" defaultValue={filters.service ?? ""}>
            <option value="">Any service</option>
            {SERVICES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="text-xs">
          Expiring within (days)
          <input className="field mt-0.5 w-24" name="expiringWithinDays" type="number" min={0} defaultValue={filters.expiringWithinDays ?? ""} />
        </label>
        <label className="text-xs">
          Sort by
          <select className="field mt-0.5" name="sort" defaultValue={filters.sort}>
            <option value="notAfter">Expiry</option>
            <option value="subject">Subject</option>
            <option value="status">Status</option>
            <option value="friendlyName">Friendly name</option>
          </select>
        </label>
        <select className="field w-20" name="dir" defaultValue={filters.dir} aria-label="Sort direction">
          <option value="asc">asc</option>
          <option value="desc">desc</option>
        </select>
        <label className="flex items-center gap-1 self-center text-xs">
          <input type="checkbox" name="ca" value="show" defaultChecked={filters.ca === "show"} />
          Show CA certificates
        </label>
        <button className="btn btn-primary" type="submit">
          Apply
        </button>
        <Link className="btn" href="/certificates">
          Clear
        </Link>
      </form>
      {pending ? (
        <section aria-label="Pending requests" className="mb-3">
          <h2 className="mb-1 text-sm font-semibold">Pending requests (waiting for the CA&apos;s answer)</h2>
          {pending.length ? <RequestsTable requests={pending} canComplete={can(actor, "mutate")} label="Pending requests" /> : <p className="text-sm text-slate-600">No pending request.</p>}
        </section>
      ) : null}
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="table-dense w-full text-sm [overflow-wrap:anywhere]" aria-label="Certificates">
          <thead>
            <tr>
              <th>Name</th>
              <th>Status</th>
              <th>Services</th>
              <th>RootCAType</th>
              <th>Expires</th>
              <th>Domains</th>
              <th>Thumbprint</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((c) => (
              <tr key={c.id} className="hover:bg-slate-50">
                <td>
                  <Link className="font-medium text-blue-800 hover:underline" href={`/certificates/${c.id}`}>
                    {c.friendlyName || c.subject}
                  </Link>
                  <div className="text-xs text-slate-500">{c.subject}{c.isSelfSigned ? " · self-signed" : ""}</div>
                </td>
                <td>
                  <StatusBadge status={c.status} reason={c.statusReason} />
                </td>
                <td className="text-xs">
                  {Object.keys(c.services).length === 0
                    ? <span className="text-slate-400">None</span>
                    : Object.entries(c.services).map(([server, services]) => (
                        <div key={server}>
                          <span className="font-semibold">{server}</span>: {services.join(", ")}
                        </div>
                      ))}
                </td>
                <td className="text-xs whitespace-nowrap">
                  {Object.entries(c.rootCaTypes).map(([server, type]) => (
                    <div key={server}>
                      {server}: {type}
                    </div>
                  ))}
                </td>
                <td className="whitespace-nowrap">
                  {expiryText(c.daysToExpiry)}
                  <div className="text-xs text-slate-500">{c.notAfter.toISOString().slice(0, 10)}</div>
                </td>
                <td className="max-w-64 truncate text-xs" title={c.domains.join(", ")}>
                  {c.domains.join(", ")}
                </td>
                <td className="font-mono text-xs break-all">{c.thumbprint}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {result.items.length === 0 ? <p className="p-4 text-sm text-slate-500">No certificates match these filters.</p> : null}
      </div>
      <Pager basePath="/certificates" query={query} page={result.page} pageSize={result.pageSize} total={result.total} />
    </>
  );
}
