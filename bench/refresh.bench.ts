// Issue 15's figures, on SQLite and on a real PostgreSQL 15 (test/helpers/postgres.ts): the status refresh of 10,000
// certificates sharing 3 cached CRLs (target >= 500/s), the certificate list's p95 while a refresh runs in another
// process (target < 100 ms), and the database size after 30 simulated days for 1,000 certificates at the default
// retention. Printed, never asserted. BENCH_CERTS overrides the certificate count; BENCH_MODES (scale,growth) and
// BENCH_DATABASES (sqlite,postgresql) pick what to run.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startPostgres } from "../test/helpers/postgres";

function scenario(mode: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "bench/refresh-scenario.ts", mode], { env: { ...process.env, ...env }, stdio: "inherit" });
  if (r.status !== 0) console.log(`  (${mode} failed with exit ${r.status})`);
}

export async function run(): Promise<void> {
  const list = (name: string, all: string[]) => (process.env[name] ? process.env[name].split(",").filter((m) => all.includes(m)) : all);
  const modes = list("BENCH_MODES", ["scale", "growth"]);
  const databases = list("BENCH_DATABASES", ["sqlite", "postgresql"]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "certconsole-bench-"));
  const cluster = databases.includes("postgresql") ? await startPostgres() : null;
  try {
    for (const mode of modes) {
      if (databases.includes("sqlite")) scenario(mode, { DATABASE_URL: "", CERTCONSOLE_DB: path.join(dir, `${mode}.db`), CERTCONSOLE_MASTER_KEY_FILE: path.join(dir, "master.key") });
      if (cluster) scenario(mode, { DATABASE_URL: await cluster.createDatabase(`bench_${mode}`), CERTCONSOLE_MASTER_KEY_FILE: path.join(dir, "master.key") });
    }
  } finally {
    await cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
