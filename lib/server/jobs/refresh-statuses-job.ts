import { refreshStatusesBatched } from "../certificates/refresh-statuses-batched";
import { pruneRevocationChecks } from "../revocation/prune-revocation-checks";
import { writeAudit } from "../audit";
import { db } from "../db";
import { revocationCheckerFromSettings } from "../revocation/revocation-checker";
import { runExclusive, type RunOptions } from "./job-lease";
import { raiseAlerts } from "../alerts/raise-alerts";
import { deliverAlerts } from "../alerts/deliver-alerts";

/** Name of the job that re-checks every certificate's chain and revocation. */
export const REFRESH_STATUSES_JOB = "refresh-statuses";

/**
 * Re-checks every certificate with the current settings (batched), prunes the RevocationCheck history past its
 * retention, then raises and delivers alerts; one instance at a time. One audit row per run sums it up.
 */
export async function runRefreshStatusesJob(options: RunOptions = {}): Promise<boolean> {
  return runExclusive(REFRESH_STATUSES_JOB, 5 * 60 * 1000, async (progress) => {
    const { checker, fetcher } = await revocationCheckerFromSettings();
    await progress({ done: 0, total: null, startedAt: new Date().toISOString() });
    const summary = await refreshStatusesBatched({ revocation: checker, fetcher, onProgress: (done, total) => void progress({ done, total }) });
    const pruned = await pruneRevocationChecks(new Date());
    await writeAudit(db, { username: "system", role: "system" }, { action: "job.refresh-statuses", targetType: "job", targetId: REFRESH_STATUSES_JOB, details: { ...summary, revocationChecksPruned: pruned, tickStart: options.tickStart?.toISOString() ?? null } });
    await deliverAlerts(await raiseAlerts(new Date()));
  }, options);
}
