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
        <button className="btn btn-primary" type="submit">Apply</button>
        <Link className="btn" href="/audit">Clear</Link>
      </form>
      <table className="table-dense w-full rounded border border-slate-200 bg-white text-sm" aria-label="Audit events">
        <thead>
          <tr>
            <th>When (UTC)</th>
            <th>User</th>
            <th>Action</th>
            <th>Target</th>
            <th>Outcome</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {result.items.map((e) => (
            <tr key={e.id}>
              <td className="whitespace-nowrap">{e.at.toISOString().slice(0, 19).replace("T", " ")}</td>
              <td>
                {e.actorName} <span className="text-xs text-slate-500">({e.actorRole})</span>
              </td>
              <td className="font-mono text-xs">{e.action}</td>
              <td className="text-xs">
                {e.targetType} {e.targetId}
              </td>
              <td className={e.outcome === "success" ? "text-green-800" : "text-red-800"}>{e.outcome}</td>
              <td className="max-w-md font-mono text-xs break-all">{JSON.stringify(e.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager basePath="/audit" query={query} page={result.page} pageSize={result.pageSize} total={result.total} />
    </>
  );
}
