import { randomUUID } from "node:crypto";
import { db, databaseProvider } from "../db";
import { tryAdvisoryLock, type AdvisoryLock } from "./postgres-advisory-lock";

/** This process's identity as a job holder. */
export const HOLDER = `${process.pid}-${randomUUID().slice(0, 8)}`;

/** How a run was asked for: by the schedule (once per tick across instances) or now (Check now, startJob). */
export interface RunOptions {
  /** Start of the schedule tick this run belongs to: the run is skipped when that tick's run already finished. */
  tickStart?: Date;
}

/** A job running in this process, so that shutdown can wait for it or release it. */
type Running = { name: string; done: Promise<void>; release: () => Promise<void> };
const running = new Set<Running>();

/**
 * Runs `work` only if this process can take job `name`, so that across several console instances one runs a given
 * job at a time.
 * - On SQLite, the JobLock row is the lease: it expires by itself after `leaseMs` (renewed while the job runs), so a
 *   crashed holder blocks the job for at most one lease period.
 * - On PostgreSQL, a session advisory lock ({@link tryAdvisoryLock}) is taken first as well (released by the server the
 *   moment its holder dies), so two instances can never both pass the lease check even with skewed clocks.
 * With `tickStart`, the run is skipped when that tick's run already finished elsewhere (each job once per tick).
 * Returns false when the job was not run.
 */
export async function runExclusive(
  name: string,
  leaseMs: number,
  work: (progress: (p: object) => Promise<void>) => Promise<void>,
  options: RunOptions = {},
): Promise<boolean> {
  let lock: AdvisoryLock | null = null;
  if (databaseProvider === "postgresql") {
    lock = await tryAdvisoryLock(process.env.DATABASE_URL as string, `certconsole-job:${name}`);
    if (!lock) return false;
  }
  try {
    const now = new Date();
    await db.jobLock.upsert({ where: { name }, create: { name }, update: {} });
    const free = { OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] };
    const tick = options.tickStart ? { OR: [{ tickDoneAt: null }, { tickDoneAt: { lt: options.tickStart } }] } : {};
    const taken = await db.jobLock.updateMany({
      where: { name, AND: [free, tick] },
      data: { holder: HOLDER, leaseUntil: new Date(now.getTime() + leaseMs) },
    });
    if (taken.count !== 1) {
      await lock?.release();
      return false;
    }
  } catch (error) {
    await lock?.release();
    throw error;
  }

  const renew = () => db.jobLock.updateMany({ where: { name, holder: HOLDER }, data: { leaseUntil: new Date(Date.now() + leaseMs) } });
  const heartbeat = setInterval(() => void renew().catch(() => undefined), Math.max(1000, Math.floor(leaseMs / 3)));
  heartbeat.unref();
  const progress = async (p: object) => {
    await db.jobLock.updateMany({ where: { name, holder: HOLDER }, data: { progress: p, leaseUntil: new Date(Date.now() + leaseMs) } });
  };
  let released = false;
  const release = async (finished: boolean) => {
    if (released) return;
    released = true;
    clearInterval(heartbeat);
    const finishedTick = finished && options.tickStart ? { tickDoneAt: options.tickStart } : {};
    await db.jobLock
      .updateMany({ where: { name, holder: HOLDER }, data: { holder: null, leaseUntil: null, ...(finished ? { lastRunAt: new Date() } : {}), ...finishedTick } })
      .finally(() => lock?.release());
  };
  let finish: () => void = () => undefined;
  const entry: Running = { name, done: new Promise<void>((r) => (finish = r)), release: () => release(false) };
  running.add(entry);
  let ok = false;
  try {
    await work(progress);
    ok = true;
  } finally {
    await release(ok);
    running.delete(entry);
    finish();
  }
  return true;
}

/**
 * Graceful shutdown: waits up to `graceMs` for this process's running jobs to finish, then releases the ones still
 * running (their tick is not marked done, so another instance runs it again). Returns the names of released jobs.
 */
export async function drainJobs(graceMs: number): Promise<string[]> {
  const pending = [...running];
  const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), graceMs).unref());
  await Promise.race([Promise.all(pending.map((j) => j.done)), timeout]);
  const left = [...running];
  await Promise.all(left.map((j) => j.release()));
  return left.map((j) => j.name);
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
