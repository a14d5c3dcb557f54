import { randomUUID } from "node:crypto";
import { db } from "../db";

/** This process's identity as a job holder. */
export const HOLDER = `${process.pid}-${randomUUID().slice(0, 8)}`;

/**
 * Runs `work` only if this process can take the lease on job `name` — so across several console
 * instances (or a restart while a run was in flight) one runs a given job at a time. The lease expires by
 * itself after `leaseMs`, so a crashed holder does not block the job forever. Returns false when another
 * holder has it.
 */
export async function runExclusive(name: string, leaseMs: number, work: (progress: (p: object) => Promise<void>) => Promise<void>): Promise<boolean> {
  const now = new Date();
  await db.jobLock.upsert({ where: { name }, create: { name }, update: {} });
  const taken = await db.jobLock.updateMany({
    where: { name, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }, { holder: HOLDER }] },
    data: { holder: HOLDER, leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  if (taken.count !== 1) return false;
  const progress = async (p: object) => {
    await db.jobLock.updateMany({ where: { name, holder: HOLDER }, data: { progress: p, leaseUntil: new Date(Date.now() + leaseMs) } });
  };
  try {
    await work(progress);
  } finally {
    await db.jobLock.updateMany({ where: { name, holder: HOLDER }, data: { holder: null, leaseUntil: null, lastRunAt: new Date() } });
  }
  return true;
}

/** The state of a job for the UI: running or not, its progress, when it last finished. */
export async function jobState(name: string) {
  const row = await db.jobLock.findUnique({ where: { name } });
  return {
    running: Boolean(row?.leaseUntil && row.leaseUntil > new Date()),
    progress: (row?.progress as { done?: number; total?: number } | null) ?? null,
    lastRunAt: row?.lastRunAt ?? null,
  };
}
