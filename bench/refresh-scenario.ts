// One database's part of bench/refresh.bench.ts, in its own process (the Prisma client is chosen at start-up).
// argv: <mode> where mode is `scale` (refresh 10,000 certificates sharing 3 cached CRLs, then GET /api/v1/certificates'
// p95 over HTTP while refreshes run in another process), `refresh-loop` (that other process) or `growth` (30
// simulated days, 1,000 certificates). DATABASE_URL=postgresql://… selects PostgreSQL; else CERTCONSOLE_DB names the SQLite file.
import "reflect-metadata";
import { spawn } from "node:child_process";
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { migrateDatabase } from "../lib/server/bootstrap/migrate";

const mode = process.argv[2];
const certs = Number(process.env.BENCH_CERTS ?? (mode === "growth" ? 1000 : 10_000));
const migrated = migrateDatabase();
if (!migrated.ok) throw new Error(migrated.message);
const { db, databaseProvider } = await import("../lib/server/db");
const { ensureSettings, ensureUsers } = await import("../lib/server/bootstrap/ensure-users");
const { refreshStatusesBatched } = await import("../lib/server/certificates/refresh-statuses-batched");
const { revocationCheckerFromSettings } = await import("../lib/server/revocation/revocation-checker");
const { pruneRevocationChecks } = await import("../lib/server/revocation/prune-revocation-checks");
const { crlFleet } = await import("../lib/server/certificates/__fixtures__/crl-fleet");

async function refreshOnce(now = new Date(), signal?: AbortSignal) {
  const { checker, fetcher } = await revocationCheckerFromSettings();
  const t0 = performance.now();
  const summary = await refreshStatusesBatched({ now, revocation: checker, fetcher, ...(signal ? { signal } : {}) });
  return { summary, seconds: (performance.now() - t0) / 1000 };
}

async function databaseBytes(): Promise<number> {
  if (databaseProvider === "postgresql") {
    const rows = await db.$queryRawUnsafe<{ size: bigint }[]>("SELECT pg_database_size(current_database()) AS size");
    return Number(rows[0]?.size ?? 0);
  }
  const file = process.env.CERTCONSOLE_DB as string;
  return [file, `${file}-wal`].filter((f) => fs.existsSync(f)).reduce((n, f) => n + fs.statSync(f).size, 0);
}

const line = (label: string, value: string) => console.log(`  [${databaseProvider}] ${label.padEnd(46)} ${value}`);

if (mode === "refresh-loop") {
  // The background worker's part while the list is measured: refreshes one after another, at the worker's priority
  // (scripts/worker.ts), until told to stop.
  const { lowerWorkerPriority } = await import("../lib/server/jobs/worker-priority");
  lowerWorkerPriority();
  // SIGTERM stops the run between batches, as the worker's graceful shutdown does.
  const stop = new AbortController();
  process.on("SIGTERM", () => stop.abort());
  let runs = 0;
  console.log("refreshing");
  while (!stop.signal.aborted) {
    await refreshOnce(new Date(), stop.signal);
    runs++;
  }
  console.log(`refreshes ${runs}`);
  await db.$disconnect();
  process.exit(0);
}

await ensureSettings();
await ensureUsers({ CERTCONSOLE_ADMIN_PASSWORD: "bench-admin-password", CERTCONSOLE_HELPDESK_PASSWORD: "bench-helpdesk-password" });
const t0 = performance.now();
const fleet = await crlFleet(certs, 3, 10);
line(`fixture: ${certs} certificates, 3 CRLs`, `${((performance.now() - t0) / 1000).toFixed(1)} s to create`);

if (mode === "scale") {
  const cold = await refreshOnce();
  line("refresh, CRLs fetched (cold)", `${cold.seconds.toFixed(1)} s, ${(cold.summary.refreshed / cold.seconds).toFixed(0)} certificates/s`);
  const warm = await refreshOnce();
  line("refresh, 3 cached CRLs", `${warm.seconds.toFixed(1)} s, ${(warm.summary.refreshed / warm.seconds).toFixed(0)} certificates/s (target >= 500)`);

  // GET /api/v1/certificates over HTTP, served by the real route handler in a web process of its own
  // (test/harness/api-instance.ts), 200 times in a row while the refresh loops in a worker-like process.
  const { createSession } = await import("../lib/server/auth/session");
  const token = (await createSession((await db.user.findUniqueOrThrow({ where: { username: "admin" } })).id)).token;
  const children: ReturnType<typeof spawn>[] = [];
  process.once("exit", () => children.forEach((c) => c.kill("SIGKILL"))); // none outlives a failed measurement
  const started = (args: string[], ready: RegExp) => {
    const child = spawn(process.execPath, args, { env: process.env, stdio: ["ignore", "pipe", "inherit"] });
    children.push(child);
    const match = new Promise<RegExpExecArray>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const m = ready.exec(out);
        if (m) resolve(m);
      });
      child.once("exit", (code) => reject(new Error(`${args.at(-1)} exited (${code}) before it was ready: ${out}`)));
    });
    return { child, match };
  };
  const web = started(["--conditions=react-server", "--import", "tsx", "test/harness/api-instance.ts"], /listening (\d+)/);
  const port = Number((await web.match)[1]);
  const list = async () => {
    const s = performance.now();
    const r = await fetch(`http://127.0.0.1:${port}/api/v1/certificates`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await r.json()) as { total?: number };
    if (r.status !== 200 || (body.total ?? 0) < certs) throw new Error(`list answered ${r.status}: ${JSON.stringify(body).slice(0, 200)}`);
    return performance.now() - s;
  };
  for (let i = 0; i < 20; i++) await list(); // warm the route (module loading, the first queries)
  const refresher = started(["--import", "tsx", "bench/refresh-scenario.ts", "refresh-loop"], /refreshing/);
  await refresher.match;
  await new Promise((r) => setTimeout(r, 1500)); // into the first refresh's batches (past reading the CRLs)
  const times: number[] = [];
  for (let i = 0; i < 200; i++) times.push(await list());
  const refreshes = new Promise<string>((resolve) => refresher.child.stdout.on("data", (d: Buffer) => /refreshes (\d+)/.test(d.toString()) && resolve(/refreshes (\d+)/.exec(d.toString())![1]!)));
  refresher.child.kill("SIGTERM");
  const runs = await refreshes;
  web.child.kill("SIGTERM");
  times.sort((a, b) => a - b);
  line("GET /api/v1/certificates p95 (HTTP, page 1)", `${times[Math.floor(times.length * 0.95)]!.toFixed(1)} ms over 200 (median ${times[100]!.toFixed(1)} ms, max ${times[199]!.toFixed(1)} ms) while refreshes ran in a worker process (${runs} during the measurement) — target < 100 ms`);
}

if (mode === "growth") {
  // 30 days of 15-minute ticks. A tick whose outcome is unchanged within revocationCheckRewriteHours (24 h) writes no
  // RevocationCheck row and updates the certificate rows in place, so one refresh per simulated 6 hours stands for
  // the four ticks in it: the rows written are the same.
  const start = new Date();
  for (let quarter = 0; quarter < 30 * 4; quarter++) {
    const now = new Date(start.getTime() + quarter * 6 * 3_600_000);
    await refreshOnce(now);
    if (quarter % 4 === 3) {
      await pruneRevocationChecks(now);
      // 120 refreshes run here in minutes, too fast for autovacuum to reclaim the updated rows' old versions as it
      // does over 30 real days: a plain VACUUM (no lock, no rewrite) once a simulated day stands for it.
      if (databaseProvider === "postgresql") await db.$executeRawUnsafe("VACUUM");
    }
  }
  const rows = await db.revocationCheck.count();
  line("after 30 simulated days (1,000 certificates)", `${(await databaseBytes() / 1024 / 1024).toFixed(1)} MB, ${rows} RevocationCheck rows${databaseProvider === "postgresql" ? " (VACUUM once a simulated day)" : ""}`);
  line("(before issue 15: one row per certificate per tick)", `${(certs * 96 * 30).toLocaleString("en")} rows`);
}
await fleet.stop();
await db.$disconnect();
