"use client";

import { useState, useTransition } from "react";
import { Notice } from "@/components/notice";
import { clearUrlCacheAction } from "./actions";

/** The admin's "certutil -urlcache * delete": forget every cached CRL so the next check fetches them again. */
export function ClearUrlCache({ cached }: { cached: number }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  return (
    <section aria-label="URL cache" className="mt-4 space-y-2 text-sm">
      <h2 className="font-semibold">URL cache</h2>
      <p className="text-slate-700">
        {cached} CRL{cached === 1 ? " is" : "s are"} cached until their next update, as on a Windows server. Clear the cache after a CA published a CRL
        early, or to prove a proxy fix (the equivalent of <code>certutil -urlcache * delete</code>).
      </p>
      <button
        type="button"
        className="btn"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await clearUrlCacheAction({});
            setMessage(r.ok ? { kind: "success", text: `Removed ${r.data.removed} cached CRL(s). The next check fetches them again.` } : { kind: "error", text: r.message });
          })
        }
      >
        Clear the URL cache
      </button>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
    </section>
  );
}
