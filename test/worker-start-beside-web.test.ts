// Regression (issue 15): with the SQLite database in write-ahead-log mode, a worker started (`npm run worker`) while
// the web server had the database open failed at start: `prisma migrate deploy` takes SQLite's exclusive locking
// mode, which another process's open connection refuses. A start with no migration to apply no longer runs it.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, expect, test } from "vitest";
import { useTestDatabase } from "./test-database";

let web: ChildProcess | undefined;
afterAll(() => {
  web?.kill("SIGTERM");
});

// SQLite only: PostgreSQL has no such lock (skipped in npm run test:postgresql).
test.skipIf(process.env.CERTCONSOLE_TEST_POSTGRES_URL)("regression: a worker starting beside the running web server (SQLite, write-ahead log) failed in migrate deploy", async () => {
  await useTestDatabase();
  const { ensureSettings, ensureUsers } = await import("@/lib/server/bootstrap/ensure-users");
  const { createSession } = await import("@/lib/server/auth/session");
  const { db } = await import("@/lib/server/db");
  await ensureSettings();
  await ensureUsers({});
  const token = (await createSession((await db.user.findUniqueOrThrow({ where: { username: "admin" } })).id)).token;

  // The web server: its own process, serving the real certificate list, its database connection open.
  web = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "test/harness/api-instance.ts"], { env: process.env, stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    web!.stdout!.on("data", (d: Buffer) => {
      const m = /listening (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    web!.once("exit", (code) => reject(new Error(`the web instance exited (${code})`)));
  });
  const list = await fetch(`http://127.0.0.1:${port}/api/v1/certificates`, { headers: { authorization: `Bearer ${token}` } });
  expect(list.status).toBe(200);

  // The worker's start, as scripts/worker.ts does it.
  const { migrateDatabase } = await import("@/lib/server/bootstrap/migrate");
  expect(migrateDatabase()).toEqual({ ok: true });
  expect((await fetch(`http://127.0.0.1:${port}/api/v1/certificates`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
});
