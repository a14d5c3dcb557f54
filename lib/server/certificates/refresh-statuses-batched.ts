import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { isDeepStrictEqual } from "node:util";
import type { RevocationChecker } from "@/lib/pki/revocation/types";
import type { PkiFetcher } from "@/lib/pki/ports";
import { db } from "../db";
import { readSettings } from "../settings/get-settings";
import { loadTrustContext, type TrustContext } from "./trust-context";
import { evaluateCertificateStatus, type EvaluatedStatus } from "./evaluate-certificate-status";
import { attemptsJson, type StatusAudit } from "./refresh-certificate-status";
import type { StatusChange } from "./refresh-all-statuses";
import { writeAudits } from "../audit";

/** What a batched refresh did: the job's one audit row per run carries it. */
export interface RefreshSummary {
  total: number;
  refreshed: number;
  /** Certificates whose status changed. */
  changed: number;
  /** RevocationCheck rows written (changed outcomes, and unchanged ones due again). */
  checksWritten: number;
  /** Certificate rows whose status, reason or per-server detail changed and were written one by one. */
  statusRowsWritten: number;
  /** Each status that changed (from → to), in refresh order. */
  changes: StatusChange[];
  byStatus: Record<string, number>;
  durationMs: number;
}

export interface BatchedRefreshOptions {
  now?: Date;
  revocation?: RevocationChecker;
  fetcher?: PkiFetcher;
  /** Certificates read, evaluated and written per transaction (default 200). */
  batchSize?: number;
  /** Certificates evaluated at once: their distinct CRL/OCSP URLs are fetched concurrently (default 16). */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  /** Stops between batches (graceful shutdown); what was written stays written. */
  signal?: AbortSignal;
  /**
   * Audits status writes in each batch's transaction, as refreshCertificateStatus does: with `onlyOnChange` (the
   * background job), one row per certificate whose status changed; otherwise one per certificate.
   */
  audit?: StatusAudit;
}

/**
 * Whether a refresh leaves the stored status, reason and per-server detail as they are. The detail is compared as
 * JSON values, not as text: PostgreSQL's jsonb gives the stored object's keys back in its own order.
 */
function unchanged(cert: { status: string; statusReason: string; statusDetail: unknown }, result: EvaluatedStatus): boolean {
  return cert.status === result.status && cert.statusReason === result.reason && isDeepStrictEqual(cert.statusDetail, JSON.parse(JSON.stringify(result.detail)));
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/**
 * Recomputes every certificate's status for the background job, built to scale: each server's trust context is
 * loaded once per run, the revocation checker's CRL cache makes each distinct CRL fetched, parsed and verified once
 * per run, certificates are evaluated concurrently, and the writes go in one transaction per batch.
 * A `RevocationCheck` row is written only when the outcome (status and diagnosis) changed since the certificate's
 * last row, or when that row is older than `Setting.revocationCheckRewriteHours`; status, reason and
 * `statusVersion` are written on every refresh, as refreshCertificateStatus does.
 */
export async function refreshStatusesBatched(options: BatchedRefreshOptions = {}): Promise<RefreshSummary> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const { revocation, fetcher } = options;
  const settings = await readSettings();
  const rewriteMs = settings.revocationCheckRewriteHours * 3_600_000;
  const contexts = new Map<string | null, Promise<TrustContext>>();
  const trustContext = (serverId: string | null) => {
    let ctx = contexts.get(serverId);
    if (!ctx) contexts.set(serverId, (ctx = loadTrustContext(db, serverId)));
    return ctx;
  };
  const ids = (await db.certificate.findMany({ select: { id: true }, orderBy: { notAfter: "asc" } })).map((c) => c.id);
  const summary: RefreshSummary = { total: ids.length, refreshed: 0, changed: 0, checksWritten: 0, statusRowsWritten: 0, changes: [], byStatus: {}, durationMs: 0 };
  const batchSize = options.batchSize ?? 200;

  for (let offset = 0; offset < ids.length; offset += batchSize) {
    // On SQLite with cached CRLs a run does no real I/O (the driver is synchronous under its promises): without this,
    // timers (the job lease's renewal), signals (SIGTERM) and requests would wait for the whole run.
    await yieldToEventLoop();
    if (options.signal?.aborted) break;
    const chunk = ids.slice(offset, offset + batchSize);
    const certs = await db.certificate.findMany({
      where: { id: { in: chunk } },
      select: {
        id: true,
        thumbprint: true,
        der: true,
        isCa: true,
        status: true,
        statusReason: true,
        statusDetail: true,
        revocationCheckedAt: true,
        installations: { select: { serverId: true, rootCaType: true, viaCrossCertificate: true } },
      },
    });
    const evaluated = await mapLimit(certs, options.concurrency ?? 16, async (cert) => {
      const t0 = Date.now();
      const result: EvaluatedStatus = await evaluateCertificateStatus(cert, trustContext, now, revocation, fetcher);
      return { cert, result, durationMs: Date.now() - t0 };
    });
    const last = revocation
      ? await db.revocationCheck.findMany({
          where: { certificateId: { in: chunk } },
          distinct: ["certificateId"],
          orderBy: [{ certificateId: "asc" }, { checkedAt: "desc" }],
          select: { certificateId: true, status: true, summary: true, checkedAt: true },
        })
      : [];
    const lastBy = new Map(last.map((l) => [l.certificateId, l]));
    const checks = revocation
      ? evaluated.filter(({ cert, result }) => {
          const previous = lastBy.get(cert.id);
          return !previous || previous.status !== result.status || previous.summary !== result.reason || now.getTime() - previous.checkedAt.getTime() >= rewriteMs;
        })
      : [];

    // Most refreshes change nothing: those certificates get one statement for the whole batch (checked now, new
    // status version); only changed ones are written one by one.
    const same = evaluated.filter((e) => unchanged(e.cert, e.result) && (revocation ? e.cert.revocationCheckedAt !== null : e.cert.revocationCheckedAt === null));
    const sameIds = new Set(same.map((e) => e.cert.id));
    const written = evaluated.length - sameIds.size;
    await db.$transaction(
      async (tx) => {
        if (same.length) {
          await tx.certificate.updateMany({
            where: { id: { in: [...sameIds] } },
            data: { statusCheckedAt: now, revocationCheckedAt: revocation ? now : null, statusVersion: { increment: 1 } },
          });
        }
        for (const { cert, result } of evaluated) {
          if (sameIds.has(cert.id)) continue;
          await tx.certificate.update({
            where: { id: cert.id },
            data: {
              status: result.status,
              statusReason: result.reason,
              statusCheckedAt: now,
              revocationCheckedAt: revocation ? now : null,
              statusVersion: { increment: 1 },
              statusDetail: JSON.parse(JSON.stringify(result.detail)) as object,
            },
            select: { id: true },
          });
        }
        for (const { cert, result } of evaluated) {
          for (const r of result.results) {
            const installed = cert.installations.find((i) => i.serverId === r.serverId);
            if (!installed || (installed.rootCaType === r.rootCaType && installed.viaCrossCertificate === r.result.viaCrossCertificate)) continue;
            await tx.certificateInstallation.updateMany({
              where: { serverId: installed.serverId, certificateId: cert.id },
              data: { rootCaType: r.rootCaType, viaCrossCertificate: r.result.viaCrossCertificate },
            });
          }
        }
        if (checks.length) {
          await tx.revocationCheck.createMany({
            data: checks.map(({ cert, result, durationMs }) => ({
              certificateId: cert.id,
              server: result.worst.server,
              checkedAt: now,
              status: result.status,
              summary: result.reason,
              attempts: attemptsJson(result.worst.result),
              durationMs,
            })),
          });
        }
        // Alerts that no longer hold resolve themselves (as refreshCertificateStatus does), one statement per kind.
        if (revocation) {
          const notRevoked = evaluated.filter((e) => e.result.status !== "Revoked").map((e) => e.cert.id);
          const notFailing = evaluated.filter((e) => e.result.status !== "RevocationCheckFailure").map((e) => e.cert.id);
          if (notRevoked.length) await tx.alert.updateMany({ where: { certificateId: { in: notRevoked }, resolvedAt: null, kind: "Revoked" }, data: { resolvedAt: now } });
          if (notFailing.length) await tx.alert.updateMany({ where: { certificateId: { in: notFailing }, resolvedAt: null, kind: "RevocationFailing" }, data: { resolvedAt: now } });
        }
        // The status changes of this batch are audited with their writes (a security record: a certificate that
        // became Revoked must show who/what changed it and when), one row per change.
        const { audit } = options;
        if (audit) {
          const audited = evaluated.filter(({ cert, result }) => !audit.onlyOnChange || cert.status !== result.status);
          await writeAudits(
            tx,
            audit.actor,
            audited.map(({ cert, result }) => ({
              action: audit.action,
              targetType: "certificate",
              targetId: cert.thumbprint,
              details: { from: cert.status, to: result.status, changed: cert.status !== result.status, reason: result.reason.slice(0, 500) },
            })),
          );
        }
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    for (const { cert, result } of evaluated) {
      summary.refreshed++;
      if (cert.status !== result.status) {
        summary.changed++;
        summary.changes.push({ thumbprint: cert.thumbprint, from: cert.status, to: result.status });
      }
      summary.byStatus[result.status] = (summary.byStatus[result.status] ?? 0) + 1;
    }
    summary.checksWritten += checks.length;
    summary.statusRowsWritten += written;
    options.onProgress?.(summary.refreshed, summary.total);
  }
  summary.durationMs = Date.now() - started;
  return summary;
}
