"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Notice } from "@/components/notice";

/** Properties → Revocation → Check now: re-checks with the console's proxy settings; shows progress while it runs. */
export function CheckNowButton({ certificateId, action }: { certificateId: string; action: (input: { certificateId: string }) => Promise<ActionResult<{ status: string; reason: string }>> }) {
  const [result, setResult] = useState<{ kind: "success" | "warning" | "error"; text: string } | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  return (
    <div className="mb-3">
      <button
        type="button"
        className="btn"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await action({ certificateId });
            setResult(r.ok ? { kind: r.data.status === "Valid" ? "success" : "warning", text: `Status now ${r.data.status}: ${r.data.reason}` } : { kind: "error", text: r.message });
            router.refresh();
          })
        }
      >
        {pending ? "Checking revocation… (fetching CRL/OCSP)" : "Check now"}
      </button>
      {pending ? <span role="status" className="ml-2 text-xs text-slate-600">Working: every AIA, CDP and OCSP URL of the chain is being fetched.</span> : null}
      {result ? (
        <div className="mt-2">
          <Notice kind={result.kind}>{result.text}</Notice>
        </div>
      ) : null}
    </div>
  );
}
