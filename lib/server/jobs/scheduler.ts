import { runRefreshStatusesJob } from "./refresh-statuses-job";
import { runProbeEndpointsJob } from "../endpoints/probe-endpoints-job";
import { runRenewAcmeCertificatesJob } from "./renew-acme-certificates-job";

const INTERVAL_MS = 15 * 60 * 1000;
let started = false;

async function tick() {
  for (const [name, job] of [["status refresh", runRefreshStatusesJob], ["endpoint probes", runProbeEndpointsJob], ["ACME renewals", runRenewAcmeCertificatesJob]] as const) {
    try {
      await job();
    } catch (error) {
      console.error(`[certconsole] background ${name} failed:`, (error as Error).message);
    }
  }
}

/** Starts the background jobs of this console instance (status refresh + alerts, then endpoint and partner probes): a first run shortly after start, then every 15 minutes. */
export function startScheduler(): void {
  if (started || process.env.CERTCONSOLE_DISABLE_JOBS === "1") return;
  started = true;
  setTimeout(() => void tick(), 3_000).unref();
  setInterval(() => void tick(), INTERVAL_MS).unref();
}
