"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { fixHybridRootAction } from "@/app/(console)/trust-stores/actions";
import type { HybridHealthFinding } from "@/lib/pki/exchange/root-ca-type";

/** Hybrid / Office 365 health findings with the one-click fix for admins. */
export function HybridFindings({ findings, canFix }: { findings: HybridHealthFinding[]; canFix: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<string | null>(null);
  if (findings.length === 0 && !result) return null;
  return (
    <section aria-label="Hybrid health" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <h2 className="font-semibold">Hybrid mail health</h2>
      {findings.length === 0 ? <p>No hybrid findings on this server any more.</p> : null}
      <ul className="mt-1 space-y-1">
        {findings.map((f) => (
          <li key={`${f.serverName}-${f.thumbprint}`} className="flex items-center gap-2">
            <span>{f.message}</span>
            {canFix && f.fix ? (
              <button
                className="btn py-0 text-xs"
                disabled={pending}
                onClick={() =>
                  start(async () => {
                    const r = await fixHybridRootAction({ server: f.fix!.serverName, rootThumbprint: f.fix!.rootThumbprint });
                    setResult(r.ok ? `Added the root to Third-Party Root on ${f.fix!.serverName}.` : r.message);
                    if (r.ok) router.refresh();
                  })
                }
              >
                Fix: add to Third-Party Root on {f.fix.serverName}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {result ? <p role="status" className="mt-1">{result}</p> : null}
    </section>
  );
}
