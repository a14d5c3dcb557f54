"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { acknowledgeAlertAction, setAlertsMutedAction } from "./actions";

export interface AlertView {
  id: string;
  kind: string;
  eventId: number | null;
  severity: string;
  message: string;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  certificate: { id: string; name: string } | null;
}

/** The alerts, with acknowledge and mute for admins. */
export function AlertList({ alerts, canChange }: { alerts: AlertView[]; canChange: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const run = (fn: () => Promise<unknown>) => start(async () => { await fn(); router.refresh(); });
  if (alerts.length === 0) return <p className="text-sm text-slate-600">No alerts.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" aria-label="Alerts">
      {alerts.map((a) => (
        <li key={a.id} className={`flex items-start gap-2 py-1.5 ${a.acknowledgedAt ? "opacity-60" : ""}`}>
          <span className={`mt-0.5 shrink-0 rounded px-1.5 text-xs font-semibold ${a.severity === "error" ? "bg-red-100 text-red-800" : "bg-amber-100 text-amber-900"}`}>
            {a.kind}
            {a.eventId ? ` ${a.eventId}` : ""}
          </span>
          <span className="min-w-0 flex-1 break-words">
            {a.message}
            <span className="block text-xs text-slate-500">
              {a.createdAt.slice(0, 16).replace("T", " ")} UTC
              {a.certificate ? (
                <>
                  {" · "}
                  <Link className="text-blue-800 underline" href={`/certificates/${a.certificate.id}`}>
                    {a.certificate.name}
                  </Link>
                </>
              ) : null}
              {a.acknowledgedAt ? ` · acknowledged by ${a.acknowledgedBy}` : ""}
            </span>
          </span>
          {canChange ? (
            <span className="flex shrink-0 flex-col gap-1">
              {!a.acknowledgedAt ? (
                <button className="btn py-0 text-xs" disabled={pending} onClick={() => run(() => acknowledgeAlertAction({ alertId: a.id }))}>
                  Acknowledge
                </button>
              ) : null}
              {a.certificate ? (
                <button className="btn py-0 text-xs" disabled={pending} onClick={() => run(() => setAlertsMutedAction({ certificateId: a.certificate!.id, muted: true }))}>
                  Mute this certificate
                </button>
              ) : null}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
