import { runExclusive } from "./job-lease";
import { renewAcmeCertificates } from "../acme/renew-acme-certificates";
import { deliverAlerts } from "../alerts/deliver-alerts";

/** Name of the job that renews certificates issued through ACME. */
export const RENEW_ACME_JOB = "renew-acme-certificates";

/** Renews the ACME-issued certificates that are due and delivers the alerts raised; one instance at a time. */
export async function runRenewAcmeCertificatesJob(): Promise<boolean> {
  return runExclusive(RENEW_ACME_JOB, 10 * 60 * 1000, async () => {
    const { alerts } = await renewAcmeCertificates(new Date());
    await deliverAlerts(alerts);
  });
}
