// Next.js calls register() once per server process: start the background jobs there.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await import("reflect-metadata");
    const { startScheduler } = await import("./lib/server/jobs/scheduler");
    startScheduler();
  }
}
