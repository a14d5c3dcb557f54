"use client";

import { CopyButton } from "@/components/copy-button";
import { EMS_COMPLETED_HEADING } from "@/lib/pki/exchange/ems";

/**
 * The Exchange 2010 EMC's completion text: "The following Exchange Management Shell command completed
 * successfully:" and the exact cmdlet lines the wizard stood for, one per server, with a copy button.
 */
export function EmsOutput({ lines }: { lines: readonly string[] | undefined }) {
  if (!lines?.length) return null;
  const text = lines.join("\n");
  return (
    <section className="space-y-1 text-sm" data-testid="ems-output">
      <p>{EMS_COMPLETED_HEADING}</p>
      <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded border border-slate-300 bg-slate-900 p-2 font-mono text-xs text-slate-50" data-testid="ems-lines">
        {text}
      </pre>
      <CopyButton text={text} label="Copy command" what="command" />
    </section>
  );
}
