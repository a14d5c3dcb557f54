"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { jobStateAction, startJobAction } from "./actions";

type State = { running: boolean; progress: { done?: number; total?: number | null } | null; lastRunAt: Date | string | null };

/** Starts the re-check of every certificate and shows its progress until it finishes. */
export function RecheckButton({ initial }: { initial: State }) {
  const router = useRouter();
  const [state, setState] = useState<State>(initial);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!state.running) return;
    const timer = setInterval(async () => {
      const r = await jobStateAction({ name: "refresh-statuses" });
      if (!r.ok) return setError(r.message);
      setState(r.data);
      if (!r.data.running) router.refresh();
    }, 1000);
    return () => clearInterval(timer);
  }, [state.running, router]);

  const done = state.progress?.done ?? 0;
  const total = state.progress?.total ?? null;
  return (
    <div className="flex items-center gap-3 text-sm">
      <button
        className="btn btn-primary"
        disabled={state.running}
        onClick={async () => {
          const r = await startJobAction({ name: "refresh-statuses" });
          if (!r.ok) return setError(r.message);
          setState({ ...r.data, running: true });
        }}
      >
        {state.running ? "Re-checking…" : "Re-check all certificates now"}
      </button>
      {state.running ? (
        <span role="status" aria-live="polite">
          Checking chain and revocation: {done}
          {total ? ` of ${total}` : ""}
          {total ? <progress className="ml-2 align-middle" max={total} value={done} /> : null}
        </span>
      ) : (
        <span className="text-slate-600" data-testid="last-run">
          {state.lastRunAt ? `Last checked ${new Date(state.lastRunAt).toISOString().slice(0, 19).replace("T", " ")} UTC` : "Not checked yet"}
        </span>
      )}
      {error ? <span role="alert" className="text-red-800">{error}</span> : null}
    </div>
  );
}
