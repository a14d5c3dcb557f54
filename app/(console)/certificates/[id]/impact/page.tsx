import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { ImpactView } from "@/components/inventory/impact-view";
import { requireActor } from "@/lib/actions/current-actor";
import { isPkiError } from "@/lib/pki/errors";
import { listReplacementCandidates, previewRenewalImpact } from "@/lib/server/inventory/preview-renewal-impact";

export const metadata: Metadata = { title: "Renewal impact" };

type Search = { replacement?: string; request?: string; operation?: string };

export default async function ImpactPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const { id } = await params;
  const q = await searchParams;
  const actor = await requireActor();
  let preview, candidates;
  try {
    preview = await previewRenewalImpact(actor, { certificateId: id, ...(q.replacement ? { replacementId: q.replacement } : {}), ...(q.request ? { requestId: q.request } : {}), ...(q.operation ? { operation: q.operation } : {}) });
    candidates = await listReplacementCandidates(actor, id);
  } catch (error) {
    if (isPkiError(error, "ERR_NOT_FOUND")) notFound();
    throw error;
  }
  const query = new URLSearchParams({ ...(q.replacement ? { replacement: q.replacement } : {}), ...(q.request ? { request: q.request } : {}), ...(q.operation ? { operation: q.operation } : {}), format: "ps1" });
  return (
    <>
      <PageHeader
        title="Renewal impact preview"
        description={`Everything that references ${preview.impact.old.subject} (${preview.impact.old.thumbprint}), and the ordered change script.`}
        actions={<Link className="btn" href={`/certificates/${preview.certificateId}`}>Back</Link>}
      />
      <form className="mb-3 flex items-end gap-2 rounded border border-slate-200 bg-white p-3" method="get">
        <label className="text-sm">
          Replaced by
          <select className="field mt-1 block" name="replacement" defaultValue={q.replacement ?? ""} aria-label="Replaced by">
            <option value="">a renewal of this certificate (same subject and names)</option>
            {candidates.certificates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.subject} — {c.thumbprint.slice(0, 12)}… {c.friendlyName ? `(${c.friendlyName})` : ""}
              </option>
            ))}
          </select>
        </label>
        <button className="btn" type="submit">
          Preview
        </button>
      </form>
      {candidates.requests.length ? (
        <p className="mb-3 text-sm">
          Pending renewal requests:{" "}
          {candidates.requests.map((r) => (
            <Link key={r.id} className="mr-2 text-blue-800 hover:underline" href={`/certificates/${preview.certificateId}/impact?request=${r.id}`}>
              {r.subject}
            </Link>
          ))}
        </p>
      ) : null}
      <section className="mb-3 rounded border border-slate-200 bg-white p-3">
        <ImpactView impact={preview.impact} />
      </section>
      <section className="mb-3 rounded border border-slate-200 bg-white p-3" aria-label="Change script">
        <div className="mb-1 flex items-center justify-between">
          <h2 className="text-sm font-semibold">Change script ({preview.fileName})</h2>
          <a className="btn btn-primary" href={`/api/v1/certificates/${preview.certificateId}/impact?${query.toString()}`} download={preview.fileName}>
            Download .ps1
          </a>
        </div>
        <pre className="overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{preview.script}</pre>
      </section>
    </>
  );
}
