import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/components/status-badge";
import { requireActor } from "@/lib/actions/current-actor";
import { listRevocationChecks } from "@/lib/server/revocation/list-revocation-checks";
import { listCertificates } from "@/lib/server/certificates/list-certificates";
import { UrlRetrieval } from "./url-retrieval";

export const metadata: Metadata = { title: "Diagnostics" };

export default async function DiagnosticsPage() {
  const actor = await requireActor();
  const checks = await listRevocationChecks(actor);
  const certificates = await listCertificates(actor, { sort: "friendlyName", dir: "asc", page: 1, pageSize: 200 });
  return (
    <>
      <PageHeader
        title="Diagnostics"
        description="Revocation checks and URL retrieval: which CRL and OCSP URLs were fetched, through which proxy, and what came back."
      />
      <UrlRetrieval certificates={certificates.items.map((c) => ({ id: c.id, label: `${c.friendlyName || c.subject} (${c.thumbprint.slice(0, 8)}…)` }))} />
      {checks.length === 0 ? (
        <p className="text-sm text-slate-600">No revocation checks have run yet.</p>
      ) : (
        <table className="table-dense w-full rounded border border-slate-200 bg-white text-sm" aria-label="Revocation checks">
          <thead>
            <tr>
              <th>When</th>
              <th>Certificate</th>
              <th>Result</th>
              <th>Diagnosis</th>
              <th>Duration</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((c) => (
              <tr key={c.id}>
                <td className="whitespace-nowrap">{c.checkedAt.toISOString().slice(0, 19).replace("T", " ")}</td>
                <td>
                  <Link className="text-blue-800 hover:underline" href={`/certificates/${c.certificate.id}`}>
                    {c.certificate.subject}
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
    </>
  );
}
