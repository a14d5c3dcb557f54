import { beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "@/test/test-database";

beforeAll(async () => {
  await useTestDatabase();
});

describe("GET /api/health and /api/ready", () => {
  test("healthy and ready once the database is prepared; not ready while shutting down", async () => {
    const health = await import("@/app/api/health/route");
    const ready = await import("@/app/api/ready/route");
    const { ensureSettings } = await import("@/lib/server/bootstrap/ensure-users");
    const { databaseProvider } = await import("@/lib/server/db");

    const live = await health.GET();
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: "ok", database: { provider: databaseProvider, reachable: true } });

    // Migrated but not prepared yet (no settings row): alive, not ready.
    const { db } = await import("@/lib/server/db");
    await db.setting.deleteMany();
    const notYet = await ready.GET();
    expect(notYet.status).toBe(503);
    expect(await notYet.json()).toMatchObject({ status: "unavailable", prepared: false });

    await ensureSettings();
    expect((await ready.GET()).status).toBe(200);

    const { markShuttingDown } = await import("./check-health");
    markShuttingDown();
    expect((await ready.GET()).status).toBe(503);
    expect((await health.GET()).status).toBe(200);
  });

  // The database vanishing under a running process is a PostgreSQL case (the server's database is dropped here).
  test.runIf(process.env.CERTCONSOLE_TEST_POSTGRES_URL)("the database unreachable: health is 503 with a stable shape and no stack trace", async () => {
    const health = await import("@/app/api/health/route");
    const pg = (await import("pg")).default;
    const url = new URL(process.env.DATABASE_URL as string);
    const admin = new pg.Client({ connectionString: process.env.CERTCONSOLE_TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE ${url.pathname.slice(1)} WITH (FORCE)`);
    await admin.end();
    const res = await health.GET();
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toMatchObject({ status: "unavailable", database: { provider: "postgresql", reachable: false } });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|postgresql:\/\//);
  });
});
