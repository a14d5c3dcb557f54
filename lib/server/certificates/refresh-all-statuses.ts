import { db } from "../db";
import type { RevocationChecker } from "@/lib/pki/revocation/types";
import type { PkiFetcher } from "@/lib/pki/ports";
import { refreshCertificateStatus, type StatusAudit } from "./refresh-certificate-status";

/** A status that changed during a refresh of all certificates. */
export interface StatusChange {
  thumbprint: string;
  from: string;
  to: string;
}

/**
 * Recomputes the status of every certificate; returns how many were refreshed and which statuses changed. With
 * `audit`, each certificate's status write is audited in its own transaction (see {@link StatusAudit}).
 */
export async function refreshAllStatuses(now = new Date(), revocation?: RevocationChecker, fetcher?: PkiFetcher, onProgress?: (done: number, total: number) => void, audit?: StatusAudit) {
  const ids = await db.certificate.findMany({ select: { id: true }, orderBy: { notAfter: "asc" } });
  let done = 0;
  const changes: StatusChange[] = [];
  for (const { id } of ids) {
    const outcome = await refreshCertificateStatus(id, now, revocation, fetcher, audit);
    if (outcome.previousStatus !== outcome.status) changes.push({ thumbprint: outcome.thumbprint, from: outcome.previousStatus, to: outcome.status });
    done += 1;
    onProgress?.(done, ids.length);
  }
  return { done, changes };
}
