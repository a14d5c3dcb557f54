import { db, databaseProvider } from "../db";

/** What `GET /api/health` and `GET /api/ready` answer. Nothing secret: no URL, no version of anything. */
export interface HealthReport {
  status: "ok" | "unavailable";
  database: { provider: "postgresql" | "sqlite"; reachable: boolean; ms: number };
  uptimeSeconds: number;
  /** Readiness only: the schema is migrated and the first-start preparation (settings row) is done. */
  prepared?: boolean;
}

let shuttingDown = false;
/** Marks this process as shutting down: readiness fails from now on, so a load balancer drains it. */
export function markShuttingDown(): void {
  shuttingDown = true;
}

async function pingDatabase(timeoutMs: number): Promise<{ reachable: boolean; ms: number }> {
  const started = performance.now();
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  // A portable query through the model layer (no raw SQL): the settings row of the first start.
  const ping = db.setting.findFirst({ select: { id: true } }).then(
    () => true,
    () => false,
  );
  const reachable = await Promise.race([ping, timeout]);
  return { reachable, ms: Math.round(performance.now() - started) };
}

/** Liveness: the process answers and the database is reachable within 2 s. */
export async function checkHealth(): Promise<HealthReport> {
  const database = await pingDatabase(2000);
  return { status: database.reachable ? "ok" : "unavailable", database: { provider: databaseProvider, ...database }, uptimeSeconds: Math.round(process.uptime()) };
}

/** Readiness: healthy, the database prepared (migrated, settings row present), and the process not shutting down. */
export async function checkReadiness(): Promise<HealthReport> {
  const health = await checkHealth();
  const prepared = health.database.reachable ? await db.setting.count().then((n) => n > 0, () => false) : false;
  return { ...health, prepared, status: health.status === "ok" && prepared && !shuttingDown ? "ok" : "unavailable" };
}
