// Next.js calls register() once per server process: stamp each request's TCP peer (for throttling and the audit
// log) and start the background jobs there.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installPeerAddressHeader } = await import("./lib/server/http/peer-address");
    installPeerAddressHeader();
    await import("reflect-metadata");
    const { startScheduler } = await import("./lib/server/jobs/scheduler");
    startScheduler();
  }
}
