"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { copyTrustStoreEntryAction, removeTrustStoreEntryAction } from "./actions";

/** Remove / copy-to-other-servers controls of one trust store entry (admins only). */
export function EntryActions({ entryId, label, otherServers }: { entryId: string; label: string; otherServers: string[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [copyTo, setCopyTo] = useState<string>(otherServers[0] ?? "");

  const run = (fn: () => Promise<{ ok: boolean; message?: string }>) =>
    start(async () => {
      const r = await fn();
      setError(r.ok ? null : (r.message ?? "Failed."));
      if (r.ok) router.refresh();
    });

  return (
    <span className="ml-auto flex items-center gap-1">
      {otherServers.length ? (
        <>
          <select className="field py-0 text-xs" aria-label={`Copy ${label} to server`} value={copyTo} onChange={(e) => setCopyTo(e.target.value)}>
            {otherServers.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
          <button className="btn py-0 text-xs" disabled={pending} onClick={() => run(() => copyTrustStoreEntryAction({ entryId, servers: [copyTo] }))}>
            Copy
          </button>
        </>
      ) : null}
      <button
        className="btn py-0 text-xs text-red-800"
        disabled={pending}
        aria-label={`Remove ${label}`}
        onClick={() => {
          if (window.confirm(`Remove ${label} from this store?`)) run(() => removeTrustStoreEntryAction({ entryId }));
        }}
      >
        Remove
      </button>
      {error ? <span role="alert" className="text-xs text-red-800">{error}</span> : null}
    </span>
  );
}
