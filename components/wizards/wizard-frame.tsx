"use client";

/** The frame of a multi-step wizard: the step list on the left (like the EMC), the current step on the right. */
export function WizardFrame({ title, steps, current, children }: { title: string; steps: readonly string[]; current: number; children: React.ReactNode }) {
  return (
    <div className="flex max-w-5xl gap-4 rounded border border-slate-200 bg-white" aria-label={title} role="group">
      <ol className="w-56 shrink-0 border-r border-slate-200 bg-slate-50 p-3 text-sm" aria-label="Wizard steps">
        {steps.map((s, i) => (
          <li key={s} aria-current={i === current ? "step" : undefined} className={`py-1 ${i === current ? "font-semibold text-blue-800" : i < current ? "text-slate-700" : "text-slate-600"}`}>
            {i + 1}. {s}
          </li>
        ))}
      </ol>
      <div className="min-w-0 flex-1 p-4">
        <h2 className="mb-3 text-base font-semibold" data-testid="wizard-step">
          Step {current + 1} of {steps.length}: {steps[current]}
        </h2>
        {children}
      </div>
    </div>
  );
}

/** Back / Next buttons of a wizard step. */
export function WizardButtons({ onBack, onNext, nextLabel = "Next", nextDisabled, busy }: { onBack?: () => void; onNext?: () => void; nextLabel?: string; nextDisabled?: boolean; busy?: boolean }) {
  return (
    <div className="mt-4 flex gap-2 border-t border-slate-100 pt-3">
      {onBack ? (
        <button type="button" className="btn" onClick={onBack} disabled={busy}>
          Back
        </button>
      ) : null}
      {onNext ? (
        <button type="button" className="btn btn-primary" onClick={onNext} disabled={nextDisabled || busy}>
          {busy ? "Working…" : nextLabel}
        </button>
      ) : null}
    </div>
  );
}

/** A determinate progress bar for uploads and long work. */
export function Progress({ label, fraction }: { label: string; fraction: number }) {
  const pct = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
  return (
    <div className="mt-2 text-xs text-slate-700">
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 w-80 overflow-hidden rounded bg-slate-200">
        <div className="h-full bg-blue-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      {label}: {pct}%
    </div>
  );
}
