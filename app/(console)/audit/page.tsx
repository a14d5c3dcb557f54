import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { Notice } from "@/components/notice";
import { requireActor } from "@/lib/actions/current-actor";
import { listAuditEvents } from "@/lib/server/audit-log/list-audit-events";
import { auditFiltersSchema } from "@/lib/validations/audit-filters";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === "string" && v !== ""));
  const parsed = auditFiltersSchema.safeParse(clean);
  if (!parsed.success) {
    return <Notice kind="error" title="The filter could not be applied">{parsed.error.issues[0]?.message}. <Link className="underline" href="/audit">Clear filters</Link></Notice>;
  }
  const result = await listAuditEvents(await requireActor(), parsed.data);
  const query = Object.fromEntries(Object.entries(clean).filter(([k]) => k !== "page")) as Record<string, string>;
  return (
    <>
      <PageHeader title="Audit" description="Every change made through the console, API or CLI: who, when, what, and whether it was allowed." />
      <form className="mb-3 flex flex-wrap items-end gap-2" role="search" aria-label="Filter audit events">
        <label className="text-xs">
          Action starts with
          <input className="field mt-0.5 w-48" name="action" defaultValue={parsed.data.action ?? ""} placeholder="e.g. service.enable" />
        </label>
        <label className="text-xs">
          User
          <input className="field mt-0.5 w-36" name="actor" defaultValue={parsed.data.actor ?? ""} />
        </label>
        <label className="text-xs">
          Outcome
          <select className="field mt-0.5" name="outcome" defaultValue={parsed.data.outcome ?? ""}>
            <option value="">Any</option>
            <option value="success">success</option>
            <option value="refused">refused</option>
            <option value="failed">failed</option>
          </select>
        </label>
        <label className="text-xs">
          Target
          <input className="field mt-0.5 w-48" name="target" defaultValue={parsed.data.target ?? ""} />
        </label>
        <label className="flex items-center gap-1 self-center text-xs">
          <input type="checkbox" name="acknowledged" value="1" defaultChecked={parsed.data.acknowledged === "1"} />
          Only acknowledged warnings
        </label>
        <button className="btn btn-primary" type="submit">Apply</button>
        <Link className="btn" href="/audit">Clear</Link>
        <a className="btn" href={`/api/v1/audit-events?${new URLSearchParams({ ...query, format: "csv" }).toString()}`} download>
          Export CSV
        </a>
      </form>
      <table className="table-dense w-full table-fixed rounded border border-slate-200 bg-white text-sm [overflow-wrap:anywhere]" aria-label="Audit events">
        <thead>
          <tr>
            <th className="w-24">When (UTC)</th>
            <th className="w-28">User</th>
            <th className="w-[22%]">Target</th>
            <th className="w-20">Outcome</th>
            <th>What happened</th>
          </tr>
        </thead>
        <tbody>
          {result.items.map((e) => (
            <tr key={e.id}>
              <td className="text-xs">{e.at.toISOString().slice(0, 19).replace("T", " ")}</td>
              <td>
                {e.actorName} <span className="text-xs text-slate-600">({e.actorRole})</span>
              </td>
              <td className="text-xs">
                <span className="text-slate-600">{e.targetType}</span> {e.targetName}
                {e.thumbprint ? <div className="font-mono text-[11px] text-slate-600">{e.thumbprint}</div> : null}
              </td>
              <td className={e.outcome === "success" ? "text-green-800" : "font-semibold text-red-800"}>{e.outcome}</td>
              <td>
                <span data-testid="audit-summary">{e.summary}</span>
                <details className="mt-0.5">
                  <summary className="cursor-pointer text-xs text-slate-600">
                    <span className="font-mono">{e.action}</span> details
                  </summary>
                  <pre className="mt-1 font-mono text-xs whitespace-pre-wrap">{JSON.stringify(e.details, null, 2)}</pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager basePath="/audit" query={query} page={result.page} pageSize={result.pageSize} total={result.total} />
    </>
  );
}
