"use client";

import { CopyButton } from "@/components/copy-button";
import type { StoredProbeReport } from "@/lib/server/endpoints/stored-report";
import { StatusBadge } from "./status-badge";

/** A probe status badge (Exchange status, NoTls or ConnectionFailed). */
export function ProbeStatusBadge({ status, reason }: { status: string | null; reason?: string }) {
  if (!status) return <span className="text-xs text-slate-500">not probed</span>;
  return <StatusBadge status={status} reason={reason} />;
}

/** UTC time as text (the same on the server and in the browser). */
export function utc(iso: string | null | undefined): string {
  return iso ? `${iso.slice(0, 19).replace("T", " ")} UTC` : "never";
}

/** The details of a probe: status, chain, protocol, cipher, problems, hints and the copyable summary. */
export function ProbeReportView({ report, title }: { report: StoredProbeReport; title: string }) {
  const chain = report.chain.length ? report.chain : report.presented;
  return (
    <section aria-label={title} className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3 text-sm">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <span>
          Status <ProbeStatusBadge status={report.status} />
        </span>
        <span>
          Target <code>{report.target}</code>
          {report.starttls ? ` (STARTTLS ${report.starttls.toUpperCase()})` : " (direct TLS)"}
        </span>
        <span>Protocol {report.protocol ?? "—"}</span>
        <span>Cipher {report.cipher ?? "—"}</span>
        <span>
          Route {report.route.via} <span className="text-slate-500">({report.route.reason})</span>
        </span>
        <span className="text-slate-500">probed {utc(report.probedAt)}</span>
      </div>
      {chain.length ? (
        <div>
          <p className="font-semibold">Chain (leaf → root)</p>
          <ol className="ml-5 list-decimal font-mono text-xs" aria-label="Chain">
            {chain.map((t, i) => (
              <li key={`${t}-${i}`}>
                {t}
                {report.subjects[i] ? (
                  <span className="font-sans text-slate-600"> — {report.subjects[i]}</span>
                ) : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {report.problems.length ? (
        <div>
          <p className="font-semibold">Problems</p>
          <ul className="ml-5 list-disc" aria-label="Problems">
            {report.problems.map((p, i) => (
              <li key={i}>
                {p.depth !== null ? <span className="text-slate-500">[depth {p.depth}] </span> : null}
                {p.message} <code className="text-xs text-slate-500">{p.code}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {report.hints?.length ? (
        <ul className="ml-5 list-disc text-amber-900" aria-label="Hints">
          {report.hints.map((h, i) => (
            <li key={i}>{h}</li>
          ))}
        </ul>
      ) : null}
      <div>
        <label className="block font-semibold">
          Summary to send to the server&apos;s administrator
          <textarea
            readOnly
            className="field mt-1 w-full font-mono text-xs"
            rows={4}
            value={report.summary}
          />
        </label>
        <CopyButton text={report.summary} label="Copy summary" what="summary" />
      </div>
    </section>
  );
}

/** The Probe / Details / Remove buttons of one probed endpoint or partner row. */
export function ProbeRowActions(props: {
  label: string;
  probing: boolean;
  onProbe: () => void;
  hasReport: boolean;
  open: boolean;
  onToggle: () => void;
  /** Name of the button that opens the report ("Details", "Report"). */
  reportLabel: string;
  /** Present for admins only. */
  onRemove?: () => void;
}) {
  const { label, probing, onProbe, hasReport, open, onToggle, reportLabel, onRemove } = props;
  return (
    <>
      <button type="button" className="btn" onClick={onProbe} disabled={probing} aria-label={`Probe ${label}`}>
        {probing ? "Probing…" : "Probe"}
      </button>{" "}
      {hasReport ? (
        <button type="button" className="btn" onClick={onToggle} aria-expanded={open} aria-label={`${reportLabel === "Details" ? "Details of" : "Report of"} ${label}`}>
          {reportLabel}
        </button>
      ) : null}{" "}
      {onRemove ? (
        <button type="button" className="btn" onClick={onRemove} aria-label={`Remove ${label}`}>
          Remove
        </button>
      ) : null}
    </>
  );
}
