"use client";

import { useState } from "react";

/** Tabs like the Windows certificate dialog; panels are rendered on the server and only switched here. */
export function Tabs({ labels, children, initial = 0 }: { labels: readonly string[]; children: React.ReactNode[]; initial?: number }) {
  const [current, setCurrent] = useState(initial);
  return (
    <div>
      <div role="tablist" aria-label="Certificate properties" className="flex gap-1 border-b border-slate-300">
        {labels.map((label, i) => (
          <button
            key={label}
            role="tab"
            type="button"
            id={`tab-${i}`}
            aria-selected={i === current}
            aria-controls={`panel-${i}`}
            onClick={() => setCurrent(i)}
            className={`-mb-px rounded-t border px-3 py-1 text-sm ${i === current ? "border-slate-300 border-b-white bg-white font-semibold" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {label}
          </button>
        ))}
      </div>
      {children.map((panel, i) => (
        <div key={labels[i]} role="tabpanel" id={`panel-${i}`} aria-labelledby={`tab-${i}`} hidden={i !== current} className="rounded-b border border-t-0 border-slate-300 bg-white p-4">
          {panel}
        </div>
      ))}
    </div>
  );
}
