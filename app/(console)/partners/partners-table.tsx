"use client";

import { Fragment } from "react";
import { useProbeRows } from "@/components/use-probe-rows";
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
  const { reports, busy, open, setOpen, probeOne, remove, toolbar } = useProbeRows({
    rows,
    probeAction: probePartnerHostAction,
    removeAction: removePartnerHostAction,
    noun: "partner host",
    removal: (row) => ({
      confirm: `Remove ${row.host}:${row.port} (${row.domain}) from the partner list?`,
      removed: `Removed ${row.host}:${row.port}.`,
    }),
    openAfterProbe: true,
  });

  return (
    <div className="space-y-3">
      {toolbar}
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
