"use client";

import { useState, useTransition } from "react";
import { retrieveUrlsAction } from "./actions";

type Report = Extract<Awaited<ReturnType<typeof retrieveUrlsAction>>, { ok: true }>["data"];

/** certutil -verify -urlfetch in the browser: pick a certificate, fetch every AIA, CDP and OCSP URL of its chain. */
export function UrlRetrieval({ certificates }: { certificates: { id: string; label: string }[] }) {
  const [certificateId, setCertificateId] = useState(certificates[0]?.id ?? "");
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <section aria-label="URL retrieval" className="mb-4 rounded border border-slate-200 bg-white p-3">
      <h2 className="text-sm font-semibold">URL retrieval (certutil -verify -urlfetch)</h2>
      <p className="mb-2 text-sm text-slate-600">Fetches every AIA, CRL distribution point and OCSP URL of the chain through the console&apos;s proxy settings, and shows each result and its time.</p>
      <div className="flex items-end gap-2">
        <label className="text-xs">
          Certificate
          <select className="field mt-0.5 max-w-xl" value={certificateId} onChange={(e) => setCertificateId(e.target.value)}>
            {certificates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <button
          className="btn btn-primary"
          disabled={pending || !certificateId}
          onClick={() =>
            start(async () => {
              setError(null);
              const r = await retrieveUrlsAction({ certificateId });
              if (r.ok) setReport(r.data);
              else setError(r.message);
            })
          }
        >
          {pending ? "Retrieving…" : "Retrieve URLs"}
        </button>
      </div>
      {error ? <p role="alert" className="mt-2 text-sm text-red-800">{error}</p> : null}
      {report ? (
        <div className="mt-3 text-sm">
          <p>
            Chain{report.server ? ` as built on ${report.server}` : ""}: {report.chain.map((c) => c.subject).join(" → ")} {report.complete ? "" : "(does not reach a trusted root)"}. Proxy: {report.proxy}
            {report.bypass ? ` (bypass ${report.bypass})` : ""}.
          </p>
          <table className="table-dense mt-2 w-full" aria-label="URL retrieval results">
            <thead>
              <tr>
                <th>Depth</th>
                <th>Kind</th>
                <th>URL</th>
                <th>Route</th>
                <th>Result</th>
                <th>Time</th>
              </tr>
            </thead>
            <tbody>
              {report.checks.map((c, i) => (
                <tr key={`${c.url}-${i}`} className={c.ok ? "" : "bg-red-50"}>
                  <td>{c.depth}</td>
                  <td>{c.kind}</td>
                  <td className="font-mono text-xs break-all">{c.url}</td>
                  <td className="text-xs">
                    {c.route.via} <span className="text-slate-500">({c.route.reason})</span>
                  </td>
                  <td>
                    {c.httpStatus ? `HTTP ${c.httpStatus} · ` : ""}
                    {c.result}
                  </td>
                  <td className="whitespace-nowrap">{c.durationMs} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.checks.length === 0 ? <p className="text-slate-600">The chain names no AIA, CDP or OCSP URL.</p> : null}
        </div>
      ) : null}
    </section>
  );
}
