import { refreshStatusesBatched } from "../certificates/refresh-statuses-batched";
import { revocationCheckerFromSettings } from "../revocation/revocation-checker";
import { runExclusive, type RunOptions } from "./job-lease";
import { pruneRevocationChecks } from "../revocation/prune-revocation-checks";
import { raiseAlerts } from "../alerts/raise-alerts";
import { deliverAlerts } from "../alerts/deliver-alerts";
import { db } from "../db";
import { writeAudit } from "../audit";

const SYSTEM = { username: "system", role: "system" } as const;

/**
 * How long a holder's lease on the refresh lasts without renewal (renewed every third of it while the job runs): when
 * the holder dies, another instance takes the job over within this period. CERTCONSOLE_JOB_LEASE_MS, default 5 min.
 */
const leaseMs = () => {
  const value = Number(process.env.CERTCONSOLE_JOB_LEASE_MS);
  return Number.isFinite(value) && value >= 1000 ? value : 5 * 60 * 1000;
};

/** Name of the job that re-checks every certificate's chain and revocation. */
export const REFRESH_STATUSES_JOB = "refresh-statuses";

/**
 * Re-checks every certificate with the current settings (batched: each distinct CRL once per run, one transaction per
 * batch, see refreshStatusesBatched), then raises and delivers alerts; one instance at a time.
 * Each status change is audited with its write (`status.change`), each alert with its creation (`alert.raise`),
 * and the run ends with one `job.run` summary row listing the changes and the alerts.
 */
export async function runRefreshStatusesJob(options: RunOptions = {}, now = () => new Date()): Promise<boolean> {
  return runExclusive(REFRESH_STATUSES_JOB, leaseMs(), async (progress) => {
    const { checker, fetcher } = await revocationCheckerFromSettings();
    await progress({ done: 0, total: null, startedAt: now().toISOString() });
    const { refreshed: done, changes } = await refreshStatusesBatched({
      now: now(),
      revocation: checker,
      fetcher,
      onProgress: (d, total) => {
        void progress({ done: d, total });
      },
      audit: { actor: SYSTEM, action: "status.change", onlyOnChange: true },
    });
    const pruned = await pruneRevocationChecks(now());
    const alerts = await raiseAlerts(now());
    await writeAudit(db, SYSTEM, {
      action: "job.run",
      targetType: "job",
      targetId: REFRESH_STATUSES_JOB,
      details: { tickStart: options.tickStart?.toISOString() ?? null, revocationChecksPruned: pruned, certificates: done, changes: changes.slice(0, 500), alerts: alerts.slice(0, 500).map((a) => ({ kind: a.kind, eventId: a.eventId, key: a.key })) },
    });
    await deliverAlerts(alerts);
  }, options);
}
