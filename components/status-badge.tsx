import { EXCHANGE_STATUS_DESCRIPTIONS } from "@/lib/pki/exchange/status";

/** Badge colours by status: Exchange statuses, request statuses and probe statuses. */
export const STATUS_COLORS: Record<string, string> = {
  Valid: "bg-green-100 text-green-800 border-green-300",
  Revoked: "bg-red-100 text-red-800 border-red-300",
  RevocationCheckFailure: "bg-amber-100 text-amber-900 border-amber-300",
  DateInvalid: "bg-red-50 text-red-800 border-red-200",
  Untrusted: "bg-orange-100 text-orange-900 border-orange-300",
  Invalid: "bg-red-100 text-red-800 border-red-300",
  PendingRequest: "bg-blue-50 text-blue-800 border-blue-200",
  Unknown: "bg-slate-100 text-slate-700 border-slate-300",
  Completed: "bg-green-100 text-green-800 border-green-300",
  Cancelled: "bg-slate-100 text-slate-700 border-slate-300",
  NoTls: "bg-orange-100 text-orange-900 border-orange-300",
  ConnectionFailed: "bg-red-100 text-red-800 border-red-300",
};

/** What each badge means: the EMC's words for Exchange statuses, plain words for request and probe statuses. */
export const BADGE_DESCRIPTIONS: Record<string, string> = {
  ...EXCHANGE_STATUS_DESCRIPTIONS,
  Completed: "The request was completed: the certification authority's answer was imported and paired with the key.",
  Cancelled: "The request was cancelled.",
  NoTls: "The server does not offer STARTTLS: mail to it cannot be encrypted.",
  ConnectionFailed: "Nothing answered, or TLS could not be established.",
};

/** A status badge with its plain-English meaning as a tooltip (and for screen readers). */
export function StatusBadge({ status, reason }: { status: string; reason?: string }) {
  const description = BADGE_DESCRIPTIONS[status] ?? `Status ${status}.`;
  const title = reason ? `${description}\n${reason}` : description;
  return (
    <span title={title} data-status={status} className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${STATUS_COLORS[status] ?? STATUS_COLORS.Unknown}`}>
      {status}
      <span className="sr-only">: {title}</span>
    </span>
  );
}
