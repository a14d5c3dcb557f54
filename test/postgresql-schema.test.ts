import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { derivePostgresqlSchema, DERIVED, SOURCE } from "../scripts/derive-postgresql-schema.mjs";

// prisma/schema.prisma (SQLite) is the source of truth; prisma/postgresql/schema.prisma is derived from it.
const POSTGRESQL_BASELINE = "20261201120000_init"; // the PostgreSQL history starts with the whole schema at issue 15

const folders = (dir: string) =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

describe("PostgreSQL schema drift", () => {
  test("prisma/postgresql/schema.prisma is up to date with prisma/schema.prisma (run `npm run db:schemas`)", () => {
    expect(fs.readFileSync(DERIVED, "utf8")).toBe(derivePostgresqlSchema(fs.readFileSync(SOURCE, "utf8")));
  });

  test("the derived schema differs only in provider, url and client output", () => {
    const source = fs.readFileSync(SOURCE, "utf8").split("\n");
    const derived = fs.readFileSync(DERIVED, "utf8").split("\n").slice(1);
    const changed = derived.filter((line, i) => line !== source[i]);
    expect(derived).toHaveLength(source.length);
    expect(changed.map((l) => l.trim().split(/\s*=\s*/)[0])).toEqual(["output", "provider", "url"]);
  });

  test("every SQLite migration after the PostgreSQL baseline has a PostgreSQL migration of the same name, and back", () => {
    const sqlite = folders(path.join("prisma", "migrations")).filter((n) => n > POSTGRESQL_BASELINE.slice(0, 14) && n !== "20261201120000_production_operations");
    const postgresql = folders(path.join("prisma", "postgresql", "migrations")).filter((n) => n !== POSTGRESQL_BASELINE);
    expect(postgresql).toEqual(sqlite);
    expect(fs.readFileSync(path.join("prisma", "postgresql", "migrations", "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
  });

  test("a source without the expected datasource is refused with a clear message", () => {
    expect(() => derivePostgresqlSchema('datasource db {\n  provider = "mysql"\n}')).toThrow(/cannot find provider = "sqlite"/);
  });
});
