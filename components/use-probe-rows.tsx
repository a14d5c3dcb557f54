"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Notice } from "@/components/notice";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { StoredProbeReport } from "@/lib/server/endpoints/stored-report";

type Message = { kind: "error" | "success"; text: string };

/** What a probe table (Endpoints, Partners) needs from its route: the two server actions and its own words. */
export interface ProbeRowsOptions<Row extends { id: string }> {
  rows: Row[];
  probeAction: (input: { id: string }) => Promise<ActionResult<{ report: StoredProbeReport }>>;
  removeAction: (input: { id: string }) => Promise<ActionResult<unknown>>;
  /** "endpoint", "partner host": used in "Probed 3 endpoints." */
  noun: string;
  /** The confirmation question and the success message of Remove. */
  removal: (row: Row) => { confirm: string; removed: string };
  /** Open a row's report after a successful single probe. */
  openAfterProbe?: boolean;
}

/**
 * The state and commands behind a probe table: Probe (one row), Probe all (three at a time, progress shown), Remove
 * (confirmed), the fresh reports, the row whose report is open and the page's message.
 */
export function useProbeRows<Row extends { id: string }>({ rows, probeAction, removeAction, noun, removal, openAfterProbe = false }: ProbeRowsOptions<Row>) {
  const router = useRouter();
  const [reports, setReports] = useState<Record<string, StoredProbeReport>>({});
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);

  const mark = (id: string, on: boolean) =>
    setBusy((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });

  async function probe(id: string): Promise<boolean> {
    mark(id, true);
    try {
      const r = await probeAction({ id });
      if (r.ok) setReports((m) => ({ ...m, [id]: r.data.report }));
      else setMessage({ kind: "error", text: r.message });
      return r.ok;
    } finally {
      mark(id, false);
    }
  }

  async function probeOne(id: string) {
    setMessage(null);
    if ((await probe(id)) && openAfterProbe) setOpen(id);
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
    setMessage({ kind: "success", text: `Probed ${rows.length} ${noun}${rows.length === 1 ? "" : "s"}.` });
    setProgress(null);
    router.refresh();
  }

  async function remove(row: Row) {
    const words = removal(row);
    if (!window.confirm(words.confirm)) return;
    const r = await removeAction({ id: row.id });
    setMessage(r.ok ? { kind: "success", text: words.removed } : { kind: "error", text: r.message });
    router.refresh();
  }

  const toolbar = (
    <>
      <div className="flex items-center gap-3">
        <button type="button" className="btn btn-primary" onClick={probeAll} disabled={progress !== null || rows.length === 0}>
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
    </>
  );

  return { reports, busy, open, setOpen, probeOne, remove, toolbar };
}
