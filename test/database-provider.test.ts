import { beforeAll, expect, test } from "vitest";
import { useTestDatabase, TEST_POSTGRES_URL_ENV } from "./test-database";

beforeAll(async () => {
  await useTestDatabase();
});

// This file runs in both suites: `npm run test:unit` (SQLite) and `npm run test:postgresql` (vitest.postgresql.config.ts).
test("the database is the one the suite asked for, migrated, and reachable", async () => {
  const { db, databaseProvider } = await import("@/lib/server/db");
  const expected = process.env[TEST_POSTGRES_URL_ENV] ? "postgresql" : "sqlite";
  expect(databaseProvider).toBe(expected);
  const version = await db.$queryRawUnsafe<{ v: string }[]>(expected === "postgresql" ? "SELECT version() AS v" : "SELECT sqlite_version() AS v");
  expect(version[0]?.v).toMatch(expected === "postgresql" ? /^PostgreSQL 15\./ : /^3\./);
  expect(await db.setting.count()).toBeGreaterThanOrEqual(0);
});
