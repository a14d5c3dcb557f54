import { runRefreshStatusesJob } from "./refresh-statuses-job";
import { runProbeEndpointsJob } from "../endpoints/probe-endpoints-job";
import { drainJobs, type RunOptions } from "./job-lease";
import { runRenewAcmeCertificatesJob } from "./renew-acme-certificates-job";
import { log } from "../log";

/** The scheduled jobs, in the order a tick runs them. */
const JOBS: readonly (readonly [string, (options: RunOptions) => Promise<boolean>])[] = [
  ["status refresh", (options) => runRefreshStatusesJob(options)],
  ["endpoint probes", (options) => runProbeEndpointsJob({}, options)],
  ["ACME renewals", () => runRenewAcmeCertificatesJob()],
];

const numberFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/** Length of a schedule tick: each job runs once per tick across all instances (CERTCONSOLE_JOB_INTERVAL_MS, default 15 min). */
export const intervalMs = () => numberFromEnv("CERTCONSOLE_JOB_INTERVAL_MS", 15 * 60 * 1000);
/** How often a worker looks for a job of the current tick that nobody ran or finished (CERTCONSOLE_JOB_POLL_MS, default 30 s). */
const pollMs = () => numberFromEnv("CERTCONSOLE_JOB_POLL_MS", 30 * 1000);

/** Start of the tick `now` falls in. */
export function tickStart(now: Date, interval = intervalMs()): Date {
  return new Date(Math.floor(now.getTime() / interval) * interval);
}

let timer: NodeJS.Timeout | null = null;
let ticking: Promise<void> | null = null;
let stopping = false;

async function tick() {
  for (const [name, job] of JOBS) {
    if (stopping) return;
    const started = Date.now();
    try {
      const ran = await job({ tickStart: tickStart(new Date()) });
      if (ran) log.info({ job: name, durationMs: Date.now() - started }, "job finished");
    } catch (error) {
      log.error({ job: name, err: (error as Error).message, durationMs: Date.now() - started }, "job failed");
    }
  }
}

function poll() {
  if (stopping || ticking) return;
  ticking = tick().finally(() => (ticking = null));
}

/**
 * Starts the background jobs of this process (status refresh + alerts, then endpoint and partner probes): it looks
 * for work shortly after start and then every poll period; each job runs once per tick across all instances, and a
 * tick whose holder died is taken over by the next poll after its lease is gone.
 */
export function startScheduler(): void {
  if (timer || process.env.CERTCONSOLE_DISABLE_JOBS === "1") return;
  stopping = false;
  setTimeout(poll, numberFromEnv("CERTCONSOLE_JOB_FIRST_DELAY_MS", 3_000)).unref();
  timer = setInterval(poll, pollMs());
  timer.unref();
}

/** What a stop left behind: the jobs it released, and whether the tick loop had ended by the time it returned. */
export interface SchedulerStop {
  released: string[];
  /** False when a released job is still working: its database calls may still be in flight. */
  settled: boolean;
}

/**
 * Stops scheduling and waits up to `graceMs` for the running tick to end: it stops at its next job boundary, so a
 * job that was starting (taking its lock, not yet registered as running) is waited for too. A job still running at
 * the end of the grace period is released, so another instance runs its tick again.
 */
export async function stopScheduler(graceMs: number): Promise<SchedulerStop> {
  stopping = true;
  if (timer) clearInterval(timer);
  timer = null;
  const deadline = Date.now() + graceMs;
  const current = ticking;
  if (!current) return { released: await drainJobs(0), settled: true };
  const ended = await Promise.race([
    current.then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), graceMs).unref()),
  ]);
  if (ended) return { released: [], settled: true };
  return { released: await drainJobs(Math.max(0, deadline - Date.now())), settled: false };
}
