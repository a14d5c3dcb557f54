import type { CertificateExplanation } from "@/lib/pki/exchange/explain-certificate";

const TONE: Record<string, string> = {
  Valid: "border-green-200 bg-green-50",
  RevocationCheckFailure: "border-amber-300 bg-amber-50",
  PendingRequest: "border-blue-200 bg-blue-50",
  Unknown: "border-slate-200 bg-slate-50",
};

/** The status in plain words: what it means, what to do, and the technical detail folded. */
export function StatusExplanation({ explanation: e }: { explanation: CertificateExplanation }) {
  return (
    <section aria-label="What this status means" className={`rounded border p-3 text-sm ${TONE[e.status.code] ?? "border-red-200 bg-red-50"}`} data-testid="status-explanation">
      <h2 className="font-semibold">{e.status.title}</h2>
      <dl className="mt-1 space-y-1">
        <dt className="font-semibold text-slate-700">What it means</dt>
        <dd data-testid="explanation-meaning">
          {e.status.meaning}
          {e.causes.map((c) => (
            <span key={`${c.code}${c.meaning}`} className="mt-1 block" data-cause={c.code}>
              <strong>{c.title}.</strong> {c.meaning}
            </span>
          ))}
        </dd>
        <dt className="font-semibold text-slate-700">What to do</dt>
        <dd data-testid="explanation-action">
          {e.actions.length > 1 ? (
            <ul className="list-disc pl-5">
              {e.actions.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          ) : (
            e.actions[0]
          )}
        </dd>
      </dl>
      {e.detail.length ? (
        <details className="mt-2">
          <summary className="cursor-pointer text-slate-700">Technical detail</summary>
          <ul className="mt-1 space-y-0.5 font-mono text-xs break-all">
            {e.detail.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
