import "reflect-metadata";
import { db } from "../db";
import type { ValidationResult } from "@/lib/pki/path/validate-certificate";
import type { RevocationChecker } from "@/lib/pki/revocation/types";
import type { PkiFetcher } from "@/lib/pki/ports";
import { loadTrustContext } from "./trust-context";
import { evaluateCertificateStatus, type ServerStatusDetail } from "./evaluate-certificate-status";
import { revocationCheckerFromSettings } from "../revocation/revocation-checker";
import { readSettings } from "../settings/get-settings";
import { writeAudit } from "../audit";
import type { Actor } from "../auth/actor";

/**
 * Who to record a status write for, in the same transaction as the write: Check now records every check (from →
 * to), the background job only changes (`onlyOnChange`).
 */
export interface StatusAudit {
  actor: Actor | { username: string; role: string };
  action: string;
  onlyOnChange?: boolean;
}

/** JSON-safe copy of revocation results (dates as ISO strings) for the `RevocationCheck.attempts` column. */
export function attemptsJson(result: ValidationResult): object {
  return JSON.parse(JSON.stringify(result.revocation)) as object;
}

/**
 * Recomputes a certificate's Exchange status from every server it is installed on (each with its own trust
 * stores) and stores the worst one with its reason, and each server's RootCAType. With a revocation checker, every certificate of each
 * chain is checked and a `RevocationCheck` row records every attempt (URL, method, proxy, result, time);
 * without one, the status reflects the path only: a path that validates is stored as `Unknown` (never `Valid`:
 * "not checked" is not an answer) and the reason says so. Every write bumps `statusVersion`, against which an
 * assignment commits (see enable-services).
 */
export async function refreshCertificateStatus(certificateId: string, now = new Date(), revocation?: RevocationChecker, fetcher?: PkiFetcher, audit?: StatusAudit) {
  const started = Date.now();
  const cert = await db.certificate.findUniqueOrThrow({ where: { id: certificateId }, include: { installations: true } });
  const { status, reason, results, worst, detail } = await evaluateCertificateStatus(cert, (serverId) => loadTrustContext(db, serverId), now, revocation, fetcher);
  const statusVersion = await db.$transaction(async (tx) => {
    const saved = await tx.certificate.update({
      where: { id: certificateId },
      data: {
        status,
        statusReason: reason,
        statusCheckedAt: now,
        revocationCheckedAt: revocation ? now : null,
        statusVersion: { increment: 1 },
        statusDetail: JSON.parse(JSON.stringify(detail)) as object,
      },
      select: { statusVersion: true },
    });
    for (const r of results) {
      if (!r.serverId) continue;
      await tx.certificateInstallation.updateMany({
        where: { serverId: r.serverId, certificateId },
        data: { rootCaType: r.rootCaType, viaCrossCertificate: r.result.viaCrossCertificate },
      });
    }
    if (revocation) {
      await tx.revocationCheck.create({
        data: {
          certificateId,
          server: worst.server,
          checkedAt: now,
          status,
          summary: reason,
          attempts: attemptsJson(worst.result),
          durationMs: Date.now() - started,
        },
      });
    }
    // Alerts that no longer hold resolve themselves, kept as history with the time they cleared (only on an
    // answer that includes revocation: a path-only refresh knows nothing new about it).
    if (revocation) {
      const cleared = [...(status === "Revoked" ? [] : ["Revoked"]), ...(status === "RevocationCheckFailure" ? [] : ["RevocationFailing"])];
      await tx.alert.updateMany({ where: { certificateId, resolvedAt: null, kind: { in: cleared } }, data: { resolvedAt: now } });
    }
    if (audit && (!audit.onlyOnChange || cert.status !== status)) {
      await writeAudit(tx, audit.actor, {
        action: audit.action,
        targetType: "certificate",
        targetId: cert.thumbprint,
        details: { from: cert.status, to: status, changed: cert.status !== status, reason: reason.slice(0, 500) },
      });
    }
    return saved.statusVersion;
  });
  return { status, reason, results, statusVersion, previousStatus: cert.status, thumbprint: cert.thumbprint };
}

/**
 * The full status now, revocation included, with the console's settings (proxy, bypass list, allow-list, fetch
 * deadline): what import, complete, renew, self-signed and trust-store changes compute before they return.
 */
export async function checkCertificateStatus(certificateId: string, now = new Date()) {
  const { checker, fetcher } = await revocationCheckerFromSettings();
  return refreshCertificateStatus(certificateId, now, checker, fetcher);
}

/**
 * Re-checks the status (revocation included) when it was never revocation-checked or is older than the
 * freshness window (`Setting.statusFreshnessMinutes`); returns whether it did. Called by the assignment
 * use-case before it decides.
 */
export async function ensureFreshStatus(certificateId: string, now = new Date()): Promise<boolean> {
  const cert = await db.certificate.findUnique({ where: { id: certificateId }, select: { revocationCheckedAt: true } });
  if (!cert) return false;
  const settings = await readSettings();
  const windowMs = settings.statusFreshnessMinutes * 60_000;
  if (cert.revocationCheckedAt && now.getTime() - cert.revocationCheckedAt.getTime() < windowMs) return false;
  await checkCertificateStatus(certificateId, now);
  return true;
}

/** A certificate's status as seen from one server: that server's part of the stored result, else the certificate's. */
export function serverStatusOf(cert: { status: string; statusDetail: unknown }, server: string | null): string {
  const details = (cert.statusDetail as ServerStatusDetail[] | null) ?? [];
  return details.find((d) => d.server === server)?.status ?? cert.status;
}
