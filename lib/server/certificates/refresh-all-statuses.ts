import { db } from "../db";
import type { RevocationChecker } from "@/lib/pki/revocation/types";
import type { PkiFetcher } from "@/lib/pki/ports";
import { refreshCertificateStatus } from "./refresh-certificate-status";

/** Recomputes the status of every certificate; returns how many were refreshed. */
export async function refreshAllStatuses(now = new Date(), revocation?: RevocationChecker, fetcher?: PkiFetcher, onProgress?: (done: number, total: number) => void) {
  const ids = await db.certificate.findMany({ select: { id: true }, orderBy: { notAfter: "asc" } });
  let done = 0;
  for (const { id } of ids) {
    await refreshCertificateStatus(id, now, revocation, fetcher);
    done += 1;
    onProgress?.(done, ids.length);
  }
  return done;
}
