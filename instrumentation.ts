// Next.js calls register() once per server process: stamp each request's TCP peer (for throttling and the audit
// log) and start the background jobs there, unless a worker process runs them (`npm start` starts one and sets
// CERTCONSOLE_DISABLE_JOBS=1 here; see scripts/start.mjs).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installPeerAddressHeader } = await import("./lib/server/http/peer-address");
    installPeerAddressHeader();
    await import("reflect-metadata");
    const { markShuttingDown } = await import("./lib/server/operations/check-health");
    process.once("SIGTERM", markShuttingDown); // /api/ready answers 503 while the server drains
    const { startScheduler } = await import("./lib/server/jobs/scheduler");
    startScheduler();
  }
}
