import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { probeEndpointNow, type EndpointProbeOutcome } from "./probe-endpoint";
import type { ProbeDependencies } from "./run-probe";

/** How many endpoints are probed at once: enough to keep a slow partner from holding up the rest, few enough for a console. */
const CONCURRENCY = 4;

/**
 * Probes every endpoint (optionally those of one server), a few at a time, reporting progress after each.
 * Each probe is its own audited unit ({@link probeEndpointNow}); one failing does not stop the others.
 */
export async function probeAllEndpoints(
  actor: Actor | null,
  options: { serverId?: string; onProgress?: (done: number, total: number) => void } = {},
  deps: ProbeDependencies = {},
) {
  requirePermission(actor, "diagnostics");
  const endpoints = await db.endpoint.findMany({
    where: options.serverId ? { serverId: options.serverId } : {},
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  const results: (EndpointProbeOutcome | { endpointId: string; error: string })[] = new Array(
    endpoints.length,
  );
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < endpoints.length) {
      const index = next++;
      const id = endpoints[index]!.id;
      try {
        results[index] = await probeEndpointNow(actor, id, deps);
      } catch (error) {
        results[index] = { endpointId: id, error: (error as Error).message };
      }
      options.onProgress?.(++done, endpoints.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, endpoints.length) }, worker));
  return { total: endpoints.length, results };
}
