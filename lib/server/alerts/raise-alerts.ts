import { db } from "../db";
import { expiryAlertsDue, DEFAULT_EXPIRY_THRESHOLDS_DAYS } from "@/lib/pki/exchange/expiry";
import { readSettings } from "../settings/get-settings";
import { writeAudit } from "../audit";

const SYSTEM = { username: "system", role: "system" } as const;

/** An alert to create: `key` makes it fire once. */
interface AlertDraft {
  key: string;
  kind: string;
  eventId?: number;
  severity: "warning" | "error";
  certificateId: string;
  message: string;
}

function thresholds(text: string): number[] {
  const days = text.split(",").map((d) => Number(d.trim())).filter((d) => Number.isFinite(d) && d > 0);
  return days.length ? days : [...DEFAULT_EXPIRY_THRESHOLDS_DAYS];
}

/**
 * Raises the alerts due now for certificates installed on a server (not muted): expires soon (event 12018,
 * once per threshold, hours left in the message), expired (12016), revoked, and revocation check failing
 * since the first failing check of the current run of failures. Each alert and its `alert.raise` audit row
 * commit in one transaction. Returns the alerts it created.
 */
export async function raiseAlerts(now = new Date()) {
  const settings = await readSettings();
  const certs = await db.certificate.findMany({
    where: { installations: { some: {} } },
    select: { id: true, thumbprint: true, subject: true, friendlyName: true, notAfter: true, status: true, statusReason: true, alertsMuted: true },
  });
  const existing = new Set((await db.alert.findMany({ select: { key: true } })).map((a) => a.key));
  const drafts: AlertDraft[] = [];
  const byThumbprint = new Map(certs.map((c) => [c.thumbprint, c]));
  const muted = new Set(certs.filter((c) => c.alertsMuted).map((c) => c.thumbprint));
  for (const due of expiryAlertsDue({ certificates: certs, now, thresholdsDays: thresholds(settings.expiryWarningDays), alreadyAlerted: existing, muted })) {
    const cert = byThumbprint.get(due.thumbprint)!;
    drafts.push({ key: due.keys.join("|"), kind: due.kind, eventId: due.eventId, severity: due.kind === "Expired" ? "error" : "warning", certificateId: cert.id, message: due.message });
  }
  for (const cert of certs) {
    if (cert.alertsMuted) continue;
    if (cert.status === "Revoked") {
      drafts.push({ key: `${cert.thumbprint}:Revoked`, kind: "Revoked", severity: "error", certificateId: cert.id, message: `The certificate ${cert.friendlyName || cert.subject} (${cert.thumbprint}) is revoked. ${cert.statusReason}` });
    }
    if (cert.status === "RevocationCheckFailure") {
      const lastOk = await db.revocationCheck.findFirst({ where: { certificateId: cert.id, status: { not: "RevocationCheckFailure" } }, orderBy: { checkedAt: "desc" }, select: { checkedAt: true } });
      const firstFail = await db.revocationCheck.findFirst({
        where: { certificateId: cert.id, status: "RevocationCheckFailure", ...(lastOk ? { checkedAt: { gt: lastOk.checkedAt } } : {}) },
        orderBy: { checkedAt: "asc" },
        select: { checkedAt: true },
      });
      const since = firstFail?.checkedAt ?? now;
      drafts.push({
        key: `${cert.thumbprint}:RevocationFailing:${since.toISOString()}`,
        kind: "RevocationFailing",
        severity: "warning",
        certificateId: cert.id,
        message: `Revocation check failing since ${since.toISOString().slice(0, 16).replace("T", " ")} UTC for ${cert.friendlyName || cert.subject} (${cert.thumbprint}). ${cert.statusReason}`,
      });
    }
  }
  const created = [];
  for (const d of drafts) {
    if (existing.has(d.key)) continue;
    existing.add(d.key);
    try {
      const thumbprint = certs.find((c) => c.id === d.certificateId)?.thumbprint ?? d.certificateId;
      created.push(
        await db.$transaction(async (tx) => {
          const alert = await tx.alert.create({ data: { ...d, deliveries: [] } });
          await writeAudit(tx, SYSTEM, { action: "alert.raise", targetType: "certificate", targetId: thumbprint, details: { kind: d.kind, eventId: d.eventId ?? null, severity: d.severity, key: d.key } });
          return alert;
        }),
      );
    } catch (error) {
      // Another console instance raised the same alert first: the unique key keeps it once.
      if ((error as { code?: string }).code !== "P2002") throw error;
    }
  }
  return created;
}
