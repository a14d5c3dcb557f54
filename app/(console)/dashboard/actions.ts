"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { safeAction } from "@/lib/actions/safe-action";
import { getJobState, startJob } from "@/lib/server/jobs/start-job";
import { acknowledgeAlert } from "@/lib/server/alerts/acknowledge-alert";
import { setAlertsMuted } from "@/lib/server/alerts/set-alerts-muted";

const jobName = z.object({ name: z.enum(["refresh-statuses"]) });

export const startJobAction = safeAction("job.start", jobName, async ({ name }, actor) => startJob(actor, name));
export const jobStateAction = safeAction("job.state", jobName, async ({ name }, actor) => getJobState(actor, name));
export const acknowledgeAlertAction = safeAction("alert.acknowledge", z.object({ alertId: z.string().min(1).max(64) }), async ({ alertId }, actor) => {
  await acknowledgeAlert(actor, alertId);
  revalidatePath("/dashboard");
  return { ok: true };
});
export const setAlertsMutedAction = safeAction("alert.mute", z.object({ certificateId: z.string().min(1).max(64), muted: z.boolean() }), async (input, actor) => {
  const r = await setAlertsMuted(actor, input);
  revalidatePath("/dashboard");
  return r;
});
