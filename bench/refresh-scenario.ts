// One database's part of bench/refresh.bench.ts, in its own process (the Prisma client is chosen at start-up).
// argv: <mode> where mode is `scale` (refresh 10,000 certificates sharing 3 cached CRLs, then the list's p95 while a
// refresh runs in another process), `refresh-once` (that other process) or `growth` (30 simulated days, 1,000
// certificates). DATABASE_URL=postgresql://… selects PostgreSQL; else CERTCONSOLE_DB names the SQLite file.
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
const { listCertificates } = await import("../lib/server/certificates/list-certificates");
const { parseCertificateFilters } = await import("../lib/validations/certificate-filters");
const { crlFleet } = await import("../lib/server/certificates/__fixtures__/crl-fleet");

async function refreshOnce(now = new Date()) {
  const { checker, fetcher } = await revocationCheckerFromSettings();
  const t0 = performance.now();
  const summary = await refreshStatusesBatched({ now, revocation: checker, fetcher });
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

if (mode === "refresh-once") {
  await refreshOnce();
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

  const admin = { userId: (await db.user.findUniqueOrThrow({ where: { username: "admin" } })).id, username: "admin", role: "admin" as const };
  const filters = parseCertificateFilters({});
  if (!filters.success) throw new Error("filters");
  const refresher = spawn(process.execPath, ["--import", "tsx", "bench/refresh-scenario.ts", "refresh-once"], { env: process.env, stdio: "inherit" });
  const exited = new Promise((r) => refresher.once("exit", r));
  await new Promise((r) => setTimeout(r, 3000)); // let the other process start refreshing
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const s = performance.now();
    await listCertificates(admin, filters.data);
    times.push(performance.now() - s);
  }
  const running = refresher.exitCode === null;
  await exited;
  times.sort((a, b) => a - b);
  line(`certificate list (listCertificates, page 1) p95`, `${times[Math.floor(times.length * 0.95)]!.toFixed(1)} ms over 200 (median ${times[100]!.toFixed(1)} ms)${running ? " while a refresh ran in another process" : " (the refresh had finished: figure is without load)"}`);
  line("(the HTTP route adds only the session lookup)", "");
}

if (mode === "growth") {
  // 30 days of 15-minute ticks. A tick whose outcome is unchanged within revocationCheckRewriteHours (24 h) writes no
  // RevocationCheck row and updates the certificate rows in place, so one refresh per simulated 6 hours stands for
  // the four ticks in it: the rows written are the same.
  const start = new Date();
  for (let quarter = 0; quarter < 30 * 4; quarter++) {
    const now = new Date(start.getTime() + quarter * 6 * 3_600_000);
    await refreshOnce(now);
    if (quarter % 4 === 3) await pruneRevocationChecks(now);
  }
  const rows = await db.revocationCheck.count();
  line("after 30 simulated days (1,000 certificates)", `${(await databaseBytes() / 1024 / 1024).toFixed(1)} MB, ${rows} RevocationCheck rows`);
  line("(before issue 15: one row per certificate per tick)", `${(certs * 96 * 30).toLocaleString("en")} rows`);
}
await fleet.stop();
await db.$disconnect();
