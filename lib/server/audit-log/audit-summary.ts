/** What an audit row says in words, built from its action, outcome, target name and details (pure). */

const ACTION_LABELS: Record<string, string> = {
  "alert.acknowledge": "Acknowledged alert",
  "alert.mute": "Muted alerts of",
  "alert.unmute": "Unmuted alerts of",
  "auth.signIn": "Sign-in",
  "certificate.export": "Exported",
  "certificate.import": "Imported",
  "certificate.remove": "Removed",
  "certificate.renew": "Renewed",
  "certificate.request.complete": "Completed pending request",
  "certificate.request.new": "New certificate request",
  "certificate.selfSigned.new": "New self-signed certificate",
  "endpoint.add": "Added endpoint",
  "endpoint.probe": "Probed endpoint",
  "endpoint.remove": "Removed endpoint",
  "job.start": "Started job",
  "partner.add": "Added partner host",
  "partner.probe": "Probed partner host",
  "partner.remove": "Removed partner host",
  "revocation.check": "Checked revocation of",
  "revocation.urlRetrieval": "Retrieved the URLs of",
  "service.enable": "Assigned services to",
  "settings.update": "Changed settings",
  "settings.revocationPolicy": "Changed the revocation policy",
  "trustStore.add": "Added to a trust store",
  "trustStore.copy": "Copied a trust store entry",
  "trustStore.remove": "Removed from a trust store",
  "user.create": "Created user",
};

const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join(", ") : typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : "");

/** One audit event as the summary needs it. */
export interface AuditSummaryInput {
  action: string;
  outcome: string;
  targetName: string;
  details: unknown;
}

/** A readable sentence for an audit event, e.g. "Assigned services to Autodiscover: IIS on EXCAS1 — acknowledged RevocationCheckFailure warning". */
export function summarizeAuditEvent(e: AuditSummaryInput): string {
  const d = e.details && typeof e.details === "object" && !Array.isArray(e.details) ? (e.details as Record<string, unknown>) : {};
  const label = ACTION_LABELS[e.action] ?? e.action;
  const parts: string[] = [];
  if (e.action === "service.enable") {
    if (d.services) parts.push(`${list(d.services)}${d.servers ? ` on ${list(d.servers)}` : ""}`);
    if (d.status && d.status !== "Valid") parts.push(`status ${list(d.status)}`);
    if (d.acknowledged === true) parts.push(`acknowledged ${list(d.status) || "revocation"} warning`);
    if (Array.isArray(d.replacedDefaultSmtp) && d.replacedDefaultSmtp.length) parts.push(`new default SMTP on ${list(d.replacedDefaultSmtp)}`);
  } else {
    for (const key of ["server", "servers", "store", "from", "to", "services", "kind", "policy", "username", "role"]) {
      if (d[key] !== undefined && list(d[key])) parts.push(`${key} ${list(d[key])}`);
    }
  }
  if (e.outcome !== "success") {
    const why = list(d.message) || list(d.code);
    parts.push(`${e.outcome}${why ? `: ${why}` : ""}`);
  }
  const head = e.targetName ? `${label} ${e.targetName}` : label;
  return parts.length ? `${head} — ${parts.join("; ")}` : head;
}

/** The audit rows as CSV (RFC 4180: quoted fields, CRLF), with the summary and the details as JSON. */
export function auditCsv(rows: readonly { at: Date; actorName: string; actorRole: string; action: string; targetType: string; targetName: string; thumbprint: string | null; outcome: string; summary: string; details: unknown }[]): string {
  const cell = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const header = ["when_utc", "user", "role", "action", "target_type", "target", "thumbprint", "outcome", "summary", "details_json"];
  const lines = rows.map((r) =>
    [r.at.toISOString(), r.actorName, r.actorRole, r.action, r.targetType, r.targetName, r.thumbprint ?? "", r.outcome, r.summary, JSON.stringify(r.details ?? null)]
      .map((v) => cell(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v))
      .join(","),
  );
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}
