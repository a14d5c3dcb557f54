// `npm run worker`: a background worker process — it runs the scheduled jobs (status refresh + alerts, endpoint and
// partner probes) and serves no web page. Several workers may run against one database: each job runs once per tick
// across all of them (lib/server/jobs/job-lease.ts). SIGTERM/SIGINT: stop scheduling, let a running job finish for
// up to CERTCONSOLE_SHUTDOWN_GRACE_MS (default 20 s), then release it so another worker takes it over.
import "reflect-metadata";
import { migrateDatabase } from "../lib/server/bootstrap/migrate";

if (process.env.CERTCONSOLE_SKIP_MIGRATE !== "1") {
  const migrated = migrateDatabase();
  if (!migrated.ok) {
    console.error(`certconsole worker: ${migrated.message}`);
    process.exit(1);
  }
}
const { loadMasterKey } = await import("../lib/server/security/master-key");
const { startScheduler, stopScheduler } = await import("../lib/server/jobs/scheduler");
const { db, databaseProvider } = await import("../lib/server/db");
const { HOLDER } = await import("../lib/server/jobs/job-lease");
const { log } = await import("../lib/server/log");
const { lowerWorkerPriority } = await import("../lib/server/jobs/worker-priority");

loadMasterKey();
const nice = lowerWorkerPriority();
delete process.env.CERTCONSOLE_DISABLE_JOBS; // this process exists to run them
startScheduler();
const keepAlive = setInterval(() => undefined, 1 << 30);
log.info({ holder: HOLDER, database: databaseProvider, nice }, `worker ${HOLDER}: running jobs on ${databaseProvider}`);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const grace = Number(process.env.CERTCONSOLE_SHUTDOWN_GRACE_MS ?? 20_000);
    // The stop itself is bounded: a job that ignores the grace period or a database that does not answer the
    // disconnect must not keep the process alive (an orchestrator would SIGKILL it later, with the job still held).
    setTimeout(() => {
      log.error({ holder: HOLDER, graceMs: grace }, `worker ${HOLDER}: shutdown did not finish within ${grace + 10_000} ms; exiting`);
      process.exit(1);
    }, grace + 10_000).unref();
    void stopScheduler(grace)
      .then(async ({ released, settled }) => {
        if (released.length) log.warn({ holder: HOLDER, released }, "worker released unfinished jobs");
        clearInterval(keepAlive);
        // Disconnecting while a released job still has a query or a transaction starting would leave the pool
        // waiting for a connection nobody returns: exit instead, and the server closes the sessions.
        if (settled) await db.$disconnect();
        log.info({ holder: HOLDER }, `worker ${HOLDER}: stopped`);
        process.exit(0);
      })
      .catch((error: Error) => {
        log.error({ holder: HOLDER, err: error.message }, "worker shutdown failed");
        process.exit(1);
      });
  });
}
