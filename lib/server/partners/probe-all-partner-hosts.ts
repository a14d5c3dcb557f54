import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import type { ProbeDependencies } from "../endpoints/run-probe";
import { probePartnerHostNow, type PartnerProbeOutcome } from "./probe-partner-host";

const CONCURRENCY = 4;

/** Probes every partner host, a few at a time, reporting progress after each; one failing does not stop the others. */
export async function probeAllPartnerHosts(
  actor: Actor | null,
  options: { onProgress?: (done: number, total: number) => void } = {},
  deps: ProbeDependencies = {},
) {
  requirePermission(actor, "diagnostics");
  const partners = await db.partnerHost.findMany({
    select: { id: true },
    orderBy: [{ domain: "asc" }, { host: "asc" }],
  });
  const results: (PartnerProbeOutcome | { partnerId: string; error: string })[] = new Array(partners.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < partners.length) {
      const index = next++;
      const id = partners[index]!.id;
      try {
        results[index] = await probePartnerHostNow(actor, id, deps);
      } catch (error) {
        results[index] = { partnerId: id, error: (error as Error).message };
      }
      options.onProgress?.(++done, partners.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, partners.length) }, worker));
  return { total: partners.length, results };
}
