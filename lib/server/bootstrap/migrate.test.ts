import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { migrateDatabase } from "./migrate";

describe("migrateDatabase", () => {
  const saved = process.env.CERTCONSOLE_DB;
  afterEach(() => {
    process.env.CERTCONSOLE_DB = saved;
  });

  test("creates a missing database file and applies every migration", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mig-"));
    process.env.CERTCONSOLE_DB = path.join(dir, "sub", "fresh.db");
    expect(migrateDatabase()).toEqual({ ok: true });
    expect(fs.readFileSync(process.env.CERTCONSOLE_DB).subarray(0, 15).toString()).toBe("SQLite format 3");
    expect(migrateDatabase()).toEqual({ ok: true }); // idempotent
  });

  test("a corrupt database file is reported clearly and left untouched", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mig-"));
    const file = path.join(dir, "corrupt.db");
    const garbage = Buffer.from("this is not a database, just some bytes".repeat(50));
    fs.writeFileSync(file, garbage);
    process.env.CERTCONSOLE_DB = file;
    const result = migrateDatabase();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain("is not a SQLite database");
    expect(Buffer.compare(fs.readFileSync(file), garbage)).toBe(0);
  });
});
