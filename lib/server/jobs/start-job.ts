import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { jobState } from "./job-lease";
import { REFRESH_STATUSES_JOB, runRefreshStatusesJob } from "./refresh-statuses-job";
import { PROBE_ENDPOINTS_JOB, runProbeEndpointsJob } from "../endpoints/probe-endpoints-job";
import { log } from "../log";

const JOBS: Record<string, () => Promise<unknown>> = { [REFRESH_STATUSES_JOB]: runRefreshStatusesJob, [PROBE_ENDPOINTS_JOB]: runProbeEndpointsJob };

/** Starts a background job now (it runs on; the caller polls {@link getJobState}). Refused if unknown. */
export async function startJob(actor: Actor | null, name: string) {
  requirePermission(actor, "diagnostics");
  const run = JOBS[name];
  if (!run) throw new AppError("ERR_NOT_FOUND", `There is no job named ${name}.`);
  const state = await jobState(name);
  if (!state.running) {
    await writeAudit(db, actor, { action: "job.start", targetType: "job", targetId: name });
    void run().catch((error: Error) => log.error({ job: name, err: error.message }, "job failed"));
  }
  return { started: !state.running, ...(await jobState(name)) };
}

/** Whether a job is running, its progress and when it last finished. */
export async function getJobState(actor: Actor | null, name: string) {
  requirePermission(actor, "read");
  if (!JOBS[name]) throw new AppError("ERR_NOT_FOUND", `There is no job named ${name}.`);
  return jobState(name);
}
