import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
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

  // Regression (issue 15): with SQLite's default rollback journal, every read in the web server waited while the
  // worker process wrote a refresh batch (the list stalled for seconds during a 10,000-certificate refresh).
  test("regression: the web server's reads waited for the worker's writes — the database is put in write-ahead-log mode", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mig-"));
    process.env.CERTCONSOLE_DB = path.join(dir, "wal.db");
    expect(migrateDatabase()).toEqual({ ok: true });
    const worker = new Database(process.env.CERTCONSOLE_DB);
    const web = new Database(process.env.CERTCONSOLE_DB, { timeout: 0 }); // a waiting read fails at once
    try {
      expect(worker.pragma("journal_mode", { simple: true })).toBe("wal");
      worker.exec("BEGIN EXCLUSIVE");
      worker.prepare(`INSERT INTO "Server" ("id", "name", "fqdn", "role", "updatedAt") VALUES ('s1', 'EXWAL1', 'exwal1.contoso.local', 'Mailbox', 0)`).run();
      expect(web.prepare(`SELECT count(*) AS n FROM "Server"`).get()).toEqual({ n: 0 }); // reads while the write is open
      worker.exec("COMMIT");
      expect(web.prepare(`SELECT count(*) AS n FROM "Server"`).get()).toEqual({ n: 1 });
    } finally {
      worker.close();
      web.close();
    }
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
