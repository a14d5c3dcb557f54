import type { OrgFinding } from "@/lib/pki/exchange/organization";

const STYLE: Record<OrgFinding["severity"], string> = {
  error: "border-red-200 bg-red-50 text-red-900",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  info: "border-blue-200 bg-blue-50 text-blue-900",
};

/** Exchange findings, most severe first, each with its stable code. */
export function FindingsList({ findings, label = "Findings" }: { findings: OrgFinding[]; label?: string }) {
  if (findings.length === 0) return <p className="text-sm text-green-800">No findings.</p>;
  return (
    <ul className="flex flex-col gap-1" aria-label={label}>
      {findings.map((f, i) => (
        <li key={`${f.code}:${f.object}:${f.serverName ?? ""}:${i}`} className={`rounded border px-2 py-1 text-sm ${STYLE[f.severity]}`} data-code={f.code}>
          <span className="mr-2 font-mono text-xs font-semibold">{f.code}</span>
          {f.message}
        </li>
      ))}
    </ul>
  );
}
