import { apiRoute } from "@/lib/api/route-handler";
import { getJobState, startJob } from "@/lib/server/jobs/start-job";

/** GET /api/v1/jobs/{name} — running, progress, lastRunAt. */
export const GET = apiRoute<{ name: string }>(async ({ actor, params }) => getJobState(actor, params.name));

/** POST /api/v1/jobs/{name} — start it now (e.g. refresh-statuses). */
export const POST = apiRoute<{ name: string }>(async ({ actor, params }) => startJob(actor, params.name));
