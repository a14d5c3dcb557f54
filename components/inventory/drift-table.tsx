"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { acceptServerStateAction } from "@/app/(console)/servers/actions";
import type { DriftItem } from "@/lib/pki/exchange/drift";

/** The drift of one server: each difference, the EMS lines that make the server match, and "accept the server's state". */
export function DriftTable({ server, items, canAccept }: { server: string; items: DriftItem[]; canAccept: boolean }) {
  const router = useRouter();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const commands = items.filter((i) => chosen.size === 0 || chosen.has(i.key)).flatMap((i) => [`# ${i.message}`, ...i.commands]);
  const toggle = (key: string) => setChosen((s) => (s.has(key) ? new Set([...s].filter((k) => k !== key)) : new Set([...s, key])));
  return (
    <div className="flex flex-col gap-3">
      <table className="table-dense w-full text-sm" aria-label={`Drift of ${server}`}>
        <thead>
          <tr>
            {canAccept ? <th className="w-8" /> : null}
            <th>Difference</th>
            <th>Certificate</th>
            <th>Console</th>
            <th>Server (last inventory)</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.key}>
              {canAccept ? (
                <td>
                  <input type="checkbox" aria-label={`Choose ${i.kind} ${i.service ?? i.store ?? ""} ${i.thumbprint}`} checked={chosen.has(i.key)} onChange={() => toggle(i.key)} />
                </td>
              ) : null}
              <td>
                <div className="font-semibold">{i.kind}</div>
                <div className="text-xs text-slate-600">{i.message}</div>
              </td>
              <td className="font-mono text-xs">{i.thumbprint}</td>
              <td>{i.console}</td>
              <td>{i.server}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canAccept ? (
        <div className="flex items-center gap-2">
          <button
            className="btn btn-primary"
            disabled={pending || chosen.size === 0}
            onClick={() =>
              start(async () => {
                const r = await acceptServerStateAction({ server, keys: [...chosen] });
                setMessage(r.ok ? { ok: true, text: `Accepted ${r.data.accepted.length} difference(s): the console now follows ${server}.` } : { ok: false, text: r.message });
                if (r.ok) {
                  setChosen(new Set());
                  router.refresh();
                }
              })
            }
          >
            Accept the server&apos;s state
          </button>
          {message ? (
            <span role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-green-800" : "text-red-800"}`}>
              {message.text}
            </span>
          ) : null}
        </div>
      ) : null}
      <section aria-label="EMS commands">
        <h3 className="text-sm font-semibold">Make {server} match the console ({chosen.size ? "chosen differences" : "all differences"})</h3>
        <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{commands.join("\n")}</pre>
      </section>
    </div>
  );
}
