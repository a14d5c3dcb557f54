import { db } from "../db";
import { runExclusive, type RunOptions } from "../jobs/job-lease";
import { recordPartnerProbe } from "../partners/probe-partner-host";
import { recordEndpointProbe } from "./probe-endpoint";
import type { ProbeDependencies } from "./run-probe";

/** Name of the job that probes every endpoint and partner host. */
export const PROBE_ENDPOINTS_JOB = "probe-endpoints";

const SYSTEM = { username: "system", role: "system" } as const;

/**
 * Probes every endpoint and partner host once, one instance at a time across console instances (job lease), with
 * progress recorded for the UI; raises "wrong certificate in use" and partner alerts as the on-demand probes do.
 * Meant to be registered with the scheduler next to the status refresh. Returns false when another holder runs it.
 */
export async function runProbeEndpointsJob(deps: ProbeDependencies = {}, options: RunOptions = {}): Promise<boolean> {
  return runExclusive(PROBE_ENDPOINTS_JOB, 5 * 60 * 1000, async (progress) => {
    const endpoints = await db.endpoint.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } });
    const partners = await db.partnerHost.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } });
    const total = endpoints.length + partners.length;
    let done = 0;
    const failures: string[] = [];
    await progress({ done, total, startedAt: new Date().toISOString() });
    const step = async (work: () => Promise<unknown>, id: string) => {
      try {
        await work();
      } catch (error) {
        // Removed meanwhile, or the database refused: the others still run; the reason is kept with the progress.
        failures.push(`${id}: ${(error as Error).message}`);
      }
      await progress({ done: ++done, total, failures: failures.slice(-10) });
    };
    for (const e of endpoints) await step(() => recordEndpointProbe(SYSTEM, e.id, deps), e.id);
    for (const p of partners) await step(() => recordPartnerProbe(SYSTEM, p.id, deps), p.id);
  }, options);
}
