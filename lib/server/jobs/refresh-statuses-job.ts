import { refreshAllStatuses } from "../certificates/refresh-all-statuses";
import { revocationCheckerFromSettings } from "../revocation/revocation-checker";
import { runExclusive, type RunOptions } from "./job-lease";
import { raiseAlerts } from "../alerts/raise-alerts";
import { deliverAlerts } from "../alerts/deliver-alerts";

/** Name of the job that re-checks every certificate's chain and revocation. */
export const REFRESH_STATUSES_JOB = "refresh-statuses";

/** Re-checks every certificate with the current settings, then raises and delivers alerts; one instance at a time. */
export async function runRefreshStatusesJob(options: RunOptions = {}): Promise<boolean> {
  return runExclusive(REFRESH_STATUSES_JOB, 5 * 60 * 1000, async (progress) => {
    const { checker, fetcher } = await revocationCheckerFromSettings();
    await progress({ done: 0, total: null, startedAt: new Date().toISOString() });
    await refreshAllStatuses(new Date(), checker, fetcher, (done, total) => {
      void progress({ done, total });
    });
    await deliverAlerts(await raiseAlerts(new Date()));
  }, options);
}
