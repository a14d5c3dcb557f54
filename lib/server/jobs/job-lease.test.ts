import { spawn } from "node:child_process";
import { beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "@/test/test-database";

// Runs on SQLite (npm run test:unit) and on PostgreSQL (npm run test:postgresql): on PostgreSQL the advisory lock decides.
beforeAll(async () => {
  await useTestDatabase();
});

const tick = (n: number) => new Date(Date.UTC(2026, 11, 1, 12, 15 * n));

/** Starts a child process that takes `name` for `tickStart` and holds it; resolves once it holds it. */
async function holdInChild(name: string, tickStart: Date, leaseMs: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "test/harness/hold-job.ts", name, String(tickStart.getTime()), String(leaseMs)], {
    env: process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("holding")) resolve();
      if (out.includes("not taken")) reject(new Error("the child did not get the job"));
    });
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => reject(new Error(`child exited ${code}: ${out}`)));
  });
  return child;
}

describe("job lease", () => {
  test("a scheduled job runs once per tick; the next tick runs it again", async () => {
    const { runExclusive } = await import("./job-lease");
    let runs = 0;
    const work = async () => void runs++;
    expect(await runExclusive("once-per-tick", 60_000, work, { tickStart: tick(0) })).toBe(true);
    expect(await runExclusive("once-per-tick", 60_000, work, { tickStart: tick(0) })).toBe(false);
    expect(await runExclusive("once-per-tick", 60_000, work, { tickStart: tick(1) })).toBe(true);
    expect(runs).toBe(2);
  });

  test("two concurrent runs of one job in one process: exactly one runs", async () => {
    const { runExclusive } = await import("./job-lease");
    let runs = 0;
    const work = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 300));
    };
    const results = await Promise.all([runExclusive("concurrent", 60_000, work), runExclusive("concurrent", 60_000, work)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(runs).toBe(1);
  });

  test("a holder killed mid-run: another takes the job over within one lease period, and the tick is done once", async () => {
    const { runExclusive } = await import("./job-lease");
    const { databaseProvider } = await import("@/lib/server/db");
    const leaseMs = 3000;
    const child = await holdInChild("takeover", tick(5), leaseMs);
    try {
      expect(await runExclusive("takeover", leaseMs, async () => undefined, { tickStart: tick(5) })).toBe(false);
    } finally {
      child.kill("SIGKILL");
    }
    const killedAt = Date.now();
    let ran = false;
    while (!ran && Date.now() - killedAt < leaseMs + 5000) {
      ran = await runExclusive("takeover", leaseMs, async () => undefined, { tickStart: tick(5) });
      if (!ran) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ran).toBe(true);
    // SQLite waits out the lease; PostgreSQL's advisory lock is gone with the holder's connection.
    expect(Date.now() - killedAt).toBeLessThan(leaseMs + 3000);
    if (databaseProvider === "sqlite") expect(Date.now() - killedAt).toBeGreaterThan(500);
    expect(await runExclusive("takeover", leaseMs, async () => undefined, { tickStart: tick(5) })).toBe(false);
  });

  test("graceful shutdown: a job that outlasts the grace period is released, its tick left for another instance", async () => {
    const { runExclusive, drainJobs, jobState } = await import("./job-lease");
    let stop: () => void = () => undefined;
    const long = runExclusive("drain", 60_000, () => new Promise<void>((r) => (stop = r)), { tickStart: tick(7) });
    await new Promise((r) => setTimeout(r, 300));
    expect((await jobState("drain")).running).toBe(true);
    expect(await drainJobs(200)).toEqual(["drain"]);
    expect((await jobState("drain")).running).toBe(false);
    stop();
    await long;
    let again = 0;
    expect(await runExclusive("drain", 60_000, async () => void again++, { tickStart: tick(7) })).toBe(true);
    expect(again).toBe(1);
  });

  test("graceful shutdown: a job that finishes within the grace period completes its tick", async () => {
    const { runExclusive, drainJobs } = await import("./job-lease");
    const short = runExclusive("drain-short", 60_000, () => new Promise<void>((r) => setTimeout(r, 300)), { tickStart: tick(8) });
    await new Promise((r) => setTimeout(r, 50));
    expect(await drainJobs(5000)).toEqual([]);
    expect(await short).toBe(true);
    expect(await runExclusive("drain-short", 60_000, async () => undefined, { tickStart: tick(8) })).toBe(false);
  });
});
