import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/components/status-badge";
import { requireActor } from "@/lib/actions/current-actor";
import { can } from "@/lib/server/auth/actor";
import { listRevocationChecks } from "@/lib/server/revocation/list-revocation-checks";
import { listCertificates } from "@/lib/server/certificates/list-certificates";
import { UrlRetrieval } from "./url-retrieval";
import { ClearUrlCache } from "./clear-url-cache";
import { countCachedCrls } from "@/lib/server/revocation/count-cached-crls";
import { Pager } from "@/components/pager";

export const metadata: Metadata = { title: "Diagnostics" };

export default async function DiagnosticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const requested = Number((await searchParams).page);
  const checks = await listRevocationChecks(actor, Number.isInteger(requested) && requested >= 1 && requested <= 100_000 ? requested : 1);
  const certificates = await listCertificates(actor, { sort: "friendlyName", dir: "asc", page: 1, pageSize: 200 });
  return (
    <>
      <PageHeader
        title="Diagnostics"
        description="Revocation checks and URL retrieval: which CRL and OCSP URLs were fetched, through which proxy, and what came back."
      />
      <UrlRetrieval certificates={certificates.items.map((c) => ({ id: c.id, label: `${c.friendlyName || c.subject} (${c.thumbprint.slice(0, 8)}…)` }))} />
      {can(actor, "mutate") ? <ClearUrlCache cached={await countCachedCrls(actor)} /> : null}
      <h2 className="mt-4 mb-1 text-sm font-semibold">Revocation check history</h2>
      {checks.total === 0 ? (
        <p className="text-sm text-slate-600">No revocation checks have run yet.</p>
      ) : (
        <table className="table-dense w-full table-fixed rounded border border-slate-200 bg-white text-sm [overflow-wrap:anywhere]" aria-label="Revocation checks">
          <thead>
            <tr>
              <th className="w-24">When (UTC)</th>
              <th className="w-[22%]">Certificate</th>
              <th className="w-44">Result</th>
              <th>Diagnosis</th>
              <th className="w-20">Duration</th>
            </tr>
          </thead>
          <tbody>
            {checks.items.map((c) => (
              <tr key={c.id}>
                <td className="text-xs">{c.checkedAt.toISOString().slice(0, 19).replace("T", " ")}</td>
                <td>
                  <Link className="text-blue-800 hover:underline" href={`/certificates/${c.certificate.id}`}>
                    {c.certificate.friendlyName || c.certificate.subject}
                  </Link>
                </td>
                <td>
                  <StatusBadge status={c.status} />
                </td>
                <td>{c.summary}</td>
                <td>{c.durationMs} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager basePath="/diagnostics" query={{}} page={checks.page} pageSize={checks.pageSize} total={checks.total} />
    </>
  );
}
