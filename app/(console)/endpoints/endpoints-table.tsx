"use client";

import { Fragment } from "react";
import { Notice } from "@/components/notice";
import { useProbeRows } from "@/components/use-probe-rows";
import { ProbeReportView, ProbeRowActions, ProbeStatusBadge, utc } from "@/components/probe-report-view";
import type { StoredProbeReport } from "@/lib/server/endpoints/stored-report";
import { probeEndpointAction, removeEndpointAction } from "./actions";

/** One endpoint as the page shows it (JSON-safe). */
export interface EndpointView {
  id: string;
  server: string;
  service: string;
  host: string;
  port: number;
  starttls: string | null;
  bound: { id: string; thumbprint: string; subject: string; friendlyName: string; status: string }[];
  lastProbeAt: string | null;
  lastStatus: string | null;
  report: StoredProbeReport | null;
  /** WrongCertificateInUse alerts raised for this endpoint. */
  alerts: { id: string; createdAt: string; acknowledged: boolean }[];
}

/** Endpoints per server and service with Probe / Probe all (progress shown row by row) and, for admins, Remove. */
export function EndpointsTable({ rows, admin }: { rows: EndpointView[]; admin: boolean }) {
  const { reports, busy, open, setOpen, probeOne, remove, toolbar } = useProbeRows({
    rows,
    probeAction: probeEndpointAction,
    removeAction: removeEndpointAction,
    noun: "endpoint",
    removal: (row) => ({
      confirm: `Remove the endpoint ${row.server} ${row.service} ${row.host}:${row.port}?`,
      removed: `Removed ${row.server} ${row.service} ${row.host}:${row.port}.`,
    }),
  });

  return (
    <div className="space-y-3">
      {toolbar}
      <div className="overflow-x-auto">
        <table
          className="table-dense w-full table-fixed rounded border border-slate-200 bg-white text-sm [overflow-wrap:anywhere]"
          aria-label="Endpoints"
        >
          <thead>
            <tr>
              <th className="w-20">Server</th>
              <th className="w-20">Service</th>
              <th className="w-36">Endpoint</th>
              <th>Bound certificate</th>
              <th>Presented certificate</th>
              <th className="w-40">Status</th>
              <th className="w-24">Last probe</th>
              <th className="w-52">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={8} className="text-slate-600">
                  No endpoints yet.
                </td>
              </tr>
            ) : null}
            {rows.map((row) => {
              const report = reports[row.id] ?? row.report;
              const wrong = report?.wrongCertificate ?? null;
              const leaf = report?.leaf ?? null;
              const label = `${row.server} ${row.service} ${row.host}:${row.port}`;
              return (
                <Fragment key={row.id}>
                  <tr
                    data-testid={`endpoint-${row.host}-${row.port}`}
                    className={wrong ? "bg-red-50" : undefined}
                  >
                    <td className="font-semibold">{row.server}</td>
                    <td>{row.service}</td>
                    <td>
                      <code>
                        {row.host}:{row.port}
                      </code>
                      <span className="block text-xs text-slate-500">
                        {row.starttls ? `STARTTLS ${row.starttls.toUpperCase()}` : "direct TLS"}
                      </span>
                    </td>
                    <td>
                      {row.bound.length === 0 ? (
                        <span className="text-slate-500">nothing bound to {row.service}</span>
                      ) : null}
                      {row.bound.map((b) => (
                        <span key={b.id} className="block">
                          <a className="text-blue-800 hover:underline" href={`/certificates/${b.id}`}>
                            {b.friendlyName || b.subject}
                          </a>
                          <span className="block font-mono text-xs text-slate-600">{b.thumbprint}</span>
                        </span>
                      ))}
                    </td>
                    <td>
                      {leaf ? (
                        <>
                          <span className="block">
                            {leaf.known ? leaf.known.friendlyName || leaf.subject : leaf.subject}
                          </span>
                          <span className="block font-mono text-xs text-slate-600">{leaf.thumbprint}</span>
                          {leaf.known ? null : (
                            <span className="block text-xs text-slate-500">unknown to the console</span>
                          )}
                        </>
                      ) : (
                        <span className="text-slate-500">—</span>
                      )}
                      {wrong ? (
                        <span className="mt-1 inline-block rounded border border-red-300 bg-red-100 px-1.5 text-xs font-semibold text-red-800">
                          Wrong certificate in use
                        </span>
                      ) : null}
                    </td>
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
                    <td className="text-xs">{utc(report?.probedAt ?? row.lastProbeAt)}</td>
                    <td>
                      <ProbeRowActions
                        label={label}
                        probing={busy.has(row.id)}
                        onProbe={() => probeOne(row.id)}
                        hasReport={Boolean(report)}
                        open={open === row.id}
                        onToggle={() => setOpen(open === row.id ? null : row.id)}
                        reportLabel="Details"
                        {...(admin ? { onRemove: () => remove(row) } : {})}
                      />
                    </td>
                  </tr>
                  {wrong ? (
                    <tr>
                      <td colSpan={8}>
                        <Notice
                          kind="error"
                          title="Wrong certificate in use: the old certificate is still in use"
                        >
                          {wrong.message}
                          {row.alerts.length ? (
                            <span className="mt-1 block text-xs" data-testid="wrong-cert-alert">
                              Alert WrongCertificateInUse raised {utc(row.alerts[0]!.createdAt)}
                              {row.alerts[0]!.acknowledged ? " (acknowledged)" : ""} — it fires once per
                              endpoint and presented certificate.
                            </span>
                          ) : null}
                        </Notice>
                      </td>
                    </tr>
                  ) : null}
                  {open === row.id && report ? (
                    <tr>
                      <td colSpan={8}>
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
