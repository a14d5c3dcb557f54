"use client";

import { Fragment, useState } from "react";
import { useRouter } from "next/navigation";
import { Notice } from "@/components/notice";
import { ProbeReportView, ProbeRowActions, ProbeStatusBadge, utc } from "@/components/probe-report-view";
import type { StoredProbeReport } from "@/lib/server/endpoints/stored-report";
import { probePartnerHostAction, removePartnerHostAction } from "./actions";

/** One partner host as the page shows it (JSON-safe). */
export interface PartnerView {
  id: string;
  domain: string;
  host: string;
  port: number;
  starttls: string | null;
  lastProbeAt: string | null;
  lastStatus: string | null;
  report: StoredProbeReport | null;
}

/** The partner list with Probe / Probe all (progress shown) and, for admins, Remove; each report opens below its row. */
export function PartnersTable({ rows, admin }: { rows: PartnerView[]; admin: boolean }) {
  const router = useRouter();
  const [reports, setReports] = useState<Record<string, StoredProbeReport>>({});
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  const mark = (id: string, on: boolean) =>
    setBusy((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });

  async function probe(id: string) {
    mark(id, true);
    try {
      const r = await probePartnerHostAction({ id });
      if (r.ok) setReports((m) => ({ ...m, [id]: r.data.report }));
      else setMessage({ kind: "error", text: r.message });
      return r.ok;
    } finally {
      mark(id, false);
    }
  }

  async function probeOne(id: string) {
    setMessage(null);
    if (await probe(id)) setOpen(id);
    router.refresh();
  }

  async function probeAll() {
    setMessage(null);
    setProgress({ done: 0, total: rows.length });
    let done = 0;
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        await probe(row.id);
        setProgress({ done: ++done, total: rows.length });
      }
    };
    await Promise.all(Array.from({ length: Math.min(3, rows.length) }, worker));
    setMessage({
      kind: "success",
      text: `Probed ${rows.length} partner host${rows.length === 1 ? "" : "s"}.`,
    });
    setProgress(null);
    router.refresh();
  }

  async function remove(row: PartnerView) {
    if (!window.confirm(`Remove ${row.host}:${row.port} (${row.domain}) from the partner list?`)) return;
    const r = await removePartnerHostAction({ id: row.id });
    setMessage(
      r.ok
        ? { kind: "success", text: `Removed ${row.host}:${row.port}.` }
        : { kind: "error", text: r.message },
    );
    router.refresh();
  }

  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3">
        <button
          type="button"
          className="btn btn-primary"
          onClick={probeAll}
          disabled={progress !== null || rows.length === 0}
        >
          {progress ? "Probing…" : "Probe all"}
        </button>
        {progress ? (
          <span role="status" className="flex items-center gap-2 text-sm">
            <progress max={progress.total} value={progress.done} aria-label="Probe progress" />
            {progress.done} of {progress.total} probed
          </span>
        ) : null}
      </div>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <div className="overflow-x-auto">
        <table
          className="table-dense w-full rounded border border-slate-200 bg-white text-sm"
          aria-label="Partner hosts"
        >
          <thead>
            <tr>
              <th>Domain</th>
              <th>Host</th>
              <th>TLS</th>
              <th>Status</th>
              <th>Presented certificate</th>
              <th>Last probe</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={7} className="text-slate-600">
                  No partner hosts yet.
                </td>
              </tr>
            ) : null}
            {rows.map((row) => {
              const report = reports[row.id] ?? row.report;
              const label = `${row.host}:${row.port}`;
              return (
                <Fragment key={row.id}>
                  <tr data-testid={`partner-${row.host}-${row.port}`}>
                    <td className="font-semibold">{row.domain}</td>
                    <td>
                      <code>{label}</code>
                    </td>
                    <td>{row.starttls ? `STARTTLS ${row.starttls.toUpperCase()}` : "direct TLS"}</td>
                    <td>
                      <ProbeStatusBadge status={report?.status ?? row.lastStatus} reason={report?.summary} />
                      {report &&
                      (report.status === "ConnectionFailed" || report.status === "NoTls") &&
                      report.problems[0] ? (
                        <span className="mt-1 block max-w-xs text-xs text-slate-600">
                          {report.problems[0].message}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      {report?.leaf ? (
                        <>
                          <span className="block">{report.leaf.subject}</span>
                          <span className="block font-mono text-xs text-slate-600">
                            {report.leaf.thumbprint}
                          </span>
                        </>
                      ) : (
                        <span className="text-slate-500">—</span>
                      )}
                    </td>
                    <td className="whitespace-nowrap text-xs">{utc(report?.probedAt ?? row.lastProbeAt)}</td>
                    <td className="whitespace-nowrap">
                      <ProbeRowActions
                        label={label}
                        probing={busy.has(row.id)}
                        onProbe={() => probeOne(row.id)}
                        hasReport={Boolean(report)}
                        open={open === row.id}
                        onToggle={() => setOpen(open === row.id ? null : row.id)}
                        reportLabel="Report"
                        {...(admin ? { onRemove: () => remove(row) } : {})}
                      />
                    </td>
                  </tr>
                  {open === row.id && report ? (
                    <tr>
                      <td colSpan={7}>
                        <ProbeReportView report={report} title={`Probe report of ${label}`} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
