// Regression (issue 12, finding 10): the SQLite database and its -wal/-shm files were created with the process
// umask (0644 here), readable by every local user, while master.key was 0600. From an empty directory, through the
// project's own code paths (migrateDatabase, the Prisma client, the key vault), every file must come out 0600.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";

let dir = "";
const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "certconsole-modes-"));
  process.env.CERTCONSOLE_DB = path.join(dir, "data", "certconsole.db");
  process.env.CERTCONSOLE_MASTER_KEY_FILE = path.join(dir, "data", "master.key");
  delete process.env.CERTCONSOLE_MASTER_KEY;
});

describe("database file modes", () => {
  test("the database, its -wal/-shm and master.key are created 0600 (under a umask of 0022)", async () => {
    const previous = process.umask(0o022);
    try {
      const { migrateDatabase } = await import("./bootstrap/migrate");
      expect(migrateDatabase()).toEqual({ ok: true });
      const file = process.env.CERTCONSOLE_DB!;
      expect(mode(file)).toBe("600");

      const { db } = await import("./db");
      // Write-ahead logging makes SQLite create -wal and -shm beside the database while a connection is open.
      await db.$queryRawUnsafe("PRAGMA journal_mode=WAL");
      const { ensureSettings, ensureUsers } = await import("./bootstrap/ensure-users");
      await ensureSettings();
      await ensureUsers({});
      const { loadMasterKey } = await import("./security/master-key");
      expect(loadMasterKey()).toHaveLength(32);
      await db.server.create({ data: { name: "EXMODE1", fqdn: "exmode1.contoso.local", role: "Mailbox" } });

      expect(fs.existsSync(`${file}-wal`)).toBe(true);
      expect(fs.existsSync(`${file}-shm`)).toBe(true);
      expect({ db: mode(file), wal: mode(`${file}-wal`), shm: mode(`${file}-shm`), masterKey: mode(process.env.CERTCONSOLE_MASTER_KEY_FILE!) }).toEqual({ db: "600", wal: "600", shm: "600", masterKey: "600" });
      expect(mode(path.dirname(file))).toBe("700");
      await db.$queryRawUnsafe("PRAGMA journal_mode=DELETE");
      await db.$disconnect();
    } finally {
      process.umask(previous);
    }
  });

  test("an existing database left readable by others (0644) is narrowed to 0600 when it is prepared", async () => {
    const { prepareDatabaseFile } = await import("./database-file");
    const file = path.join(dir, "old", "certconsole.db");
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, "");
    fs.writeFileSync(`${file}-wal`, "");
    fs.chmodSync(file, 0o644);
    fs.chmodSync(`${file}-wal`, 0o644);
    prepareDatabaseFile(file);
    expect([mode(file), mode(`${file}-wal`)]).toEqual(["600", "600"]);
  });
});
