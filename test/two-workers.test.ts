// Two real worker processes (scripts/worker.ts, as `npm run worker` starts them) on one database, with a 3-second
// schedule tick: every job runs exactly once per tick across both. Runs on SQLite (npm run test:unit) and on
// PostgreSQL (npm run test:postgresql), where the advisory lock decides.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, expect, test } from "vitest";
import { useTestDatabase } from "./test-database";

const TICK_MS = 3000;
const workers: ChildProcess[] = [];
const logs: string[] = ["", ""];
/** Resolves when worker i exits, whenever that happens (an exit before the test listens must not be missed). */
const exited: Promise<number | null>[] = [];

beforeAll(async () => {
  await useTestDatabase();
  const { ensureSettings } = await import("@/lib/server/bootstrap/ensure-users");
  await ensureSettings();
});

afterAll(() => {
  for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
});

function startWorker(i: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, CERTCONSOLE_SKIP_MIGRATE: "1", CERTCONSOLE_SHUTDOWN_GRACE_MS: "5000", CERTCONSOLE_JOB_INTERVAL_MS: String(TICK_MS), CERTCONSOLE_JOB_POLL_MS: "250", CERTCONSOLE_JOB_FIRST_DELAY_MS: "100" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  workers.push(child);
  exited[i] = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      logs[i] += d.toString();
      if (logs[i]!.includes("running jobs on")) resolve(child);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`worker ${i} exited ${code}: ${logs[i]}`)));
    setTimeout(() => reject(new Error(`worker ${i} did not start within 120 s: ${logs[i]}`)), 120_000).unref();
  });
}

test("two workers on one database: the status refresh and the probes run exactly once per tick", { timeout: 330_000 }, async () => {
  const { db } = await import("@/lib/server/db");
  const [a, b] = await Promise.all([startWorker(0), startWorker(1)]);
  const since = Date.now();
  // Let at least three ticks' status refreshes finish (counted, not timed: a loaded machine makes ticks run late).
  const ticksDone = async () => {
    const rows = await db.auditEvent.findMany({ where: { action: "job.run", targetId: "refresh-statuses", at: { gte: new Date(since - TICK_MS) } }, select: { details: true } });
    return new Set(rows.map((r) => String((r.details as { tickStart?: string }).tickStart))).size;
  };
  for (let waited = 0; (await ticksDone()) < 3 && waited < 150_000; waited += 500) await new Promise((r) => setTimeout(r, 500));
  // Neither worker may have died while the ticks ran.
  expect([a.exitCode, b.exitCode], `a worker exited early:\n${logs.join("\n---\n")}`).toEqual([null, null]);
  a.kill("SIGTERM");
  b.kill("SIGTERM");
  // A graceful stop takes at most the shutdown grace (5 s) plus the disconnect; a worker still running after 30 s
  // is a hung shutdown, reported with its output instead of a test time-out.
  const deadline = new Promise<"hung">((r) => setTimeout(() => r("hung"), 30_000).unref());
  const codes = await Promise.race([Promise.all(exited), deadline]);
  expect(codes, `a worker did not stop within 30 s of SIGTERM:\n${logs.join("\n---\n")}`).toEqual([0, 0]);

  // Each run's summary audit row names the tick it ran for.
  const runs = await db.auditEvent.findMany({ where: { action: "job.run", targetId: "refresh-statuses", at: { gte: new Date(since - TICK_MS) } }, select: { details: true } });
  const perTick = new Map<string, number>();
  for (const r of runs) {
    const tick = String((r.details as { tickStart?: string }).tickStart);
    perTick.set(tick, (perTick.get(tick) ?? 0) + 1);
  }
  expect(perTick.has("null")).toBe(false);
  expect(perTick.size).toBeGreaterThanOrEqual(3);
  expect(Math.max(...perTick.values())).toBe(1);
  // Both jobs finished their last tick and nobody holds them after a graceful stop.
  const locks = await db.jobLock.findMany({ orderBy: { name: "asc" } });
  expect(locks.map((l) => l.name)).toEqual(expect.arrayContaining(["probe-endpoints", "refresh-statuses"]));
  expect(locks.filter((l) => l.holder !== null)).toEqual([]);
  // Both workers were really there: each logged its start.
  expect(logs.every((l) => l.includes("running jobs on"))).toBe(true);
});
