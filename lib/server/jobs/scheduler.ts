import { runRefreshStatusesJob } from "./refresh-statuses-job";

const INTERVAL_MS = 15 * 60 * 1000;
let started = false;

async function tick() {
  try {
    await runRefreshStatusesJob();
  } catch (error) {
    console.error("[certconsole] background status refresh failed:", (error as Error).message);
  }
}

/** Starts the background jobs of this console instance: a first run shortly after start, then every 15 minutes. */
export function startScheduler(): void {
  if (started || process.env.CERTCONSOLE_DISABLE_JOBS === "1") return;
  started = true;
  setTimeout(() => void tick(), 3_000).unref();
  setInterval(() => void tick(), INTERVAL_MS).unref();
}
