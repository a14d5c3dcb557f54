"use client";

import { useState } from "react";

/**
 * The console's one copy-to-clipboard button: copies `text`, then says so in a status line, or, when the browser
 * refuses clipboard access, tells the admin to select `what` and copy it by hand.
 */
export function CopyButton({ text, label, what }: { text: string; label: string; what: string }) {
  const [outcome, setOutcome] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        className="btn"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setOutcome(`The ${what} was copied to the clipboard.`);
          } catch {
            setOutcome(`The browser refused clipboard access: select the ${what} and copy it.`);
          }
        }}
      >
        {label}
      </button>
      {outcome ? (
        <span role="status" className="text-xs text-slate-700">
          {outcome}
        </span>
      ) : null}
    </span>
  );
}
