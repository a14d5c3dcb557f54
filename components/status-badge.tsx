import { EXCHANGE_STATUS_DESCRIPTIONS } from "@/lib/pki/exchange/status";

const COLORS: Record<string, string> = {
  Valid: "bg-green-100 text-green-800 border-green-300",
  Revoked: "bg-red-100 text-red-800 border-red-300",
  RevocationCheckFailure: "bg-amber-100 text-amber-900 border-amber-300",
  DateInvalid: "bg-red-50 text-red-800 border-red-200",
  Untrusted: "bg-orange-100 text-orange-900 border-orange-300",
  Invalid: "bg-red-100 text-red-800 border-red-300",
  PendingRequest: "bg-blue-50 text-blue-800 border-blue-200",
  Unknown: "bg-slate-100 text-slate-700 border-slate-300",
};

/** An Exchange status with its plain-English meaning as a tooltip (and for screen readers). */
export function StatusBadge({ status, reason }: { status: string; reason?: string }) {
  const description = (EXCHANGE_STATUS_DESCRIPTIONS as Record<string, string>)[status] ?? "The status has not been determined yet.";
  const title = reason ? `${description}\n${reason}` : description;
  return (
    <span title={title} className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${COLORS[status] ?? COLORS.Unknown}`}>
      {status}
      <span className="sr-only">: {title}</span>
    </span>
  );
}
