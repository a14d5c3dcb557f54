import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { certctl as run, consoleOrg } from "./__fixtures__/console-org";

// certctl backup / restore / rotate-master-key against a real database: SQLite here; on PostgreSQL (npm run
// test:postgresql) backup and restore refuse and name pg_dump.
const onPostgresql = Boolean(process.env.CERTCONSOLE_TEST_POSTGRES_URL);
let dir = "";
const db = async () => (await import("@/lib/server/db")).db;

/** What a refused restore must leave exactly as it was. */
async function liveState() {
  const client = await db();
  const { readSealedValues } = await import("@/lib/server/security/sealed-secrets");
  const { masterKeyFile } = await import("@/lib/server/security/master-key");
  return {
    servers: (await client.server.findMany({ select: { name: true }, orderBy: { name: "asc" } })).map((s) => s.name),
    certificates: await client.certificate.count(),
    sealed: (await client.$transaction((tx) => readSealedValues(tx))).map((v) => Buffer.from(v.sealed).toString("base64")),
    key: fs.readFileSync(masterKeyFile(), "utf8"),
  };
}

beforeAll(async () => {
  await consoleOrg();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "certctl-backup-"));
});

describe.runIf(onPostgresql)("certctl backup on PostgreSQL", () => {
  test("backup and restore refuse with ERR_BACKUP_POSTGRESQL and point to pg_dump", async () => {
    const backup = await run("backup", path.join(dir, "pg.db"));
    expect(backup.code).toBe(1);
    expect(backup.out).toContain("ERR_BACKUP_POSTGRESQL");
    expect(backup.out).toContain("pg_dump --format=custom");
    expect(fs.existsSync(path.join(dir, "pg.db"))).toBe(false);
    const restore = await run("restore", path.join(dir, "pg.db"));
    expect(restore.out).toContain("ERR_BACKUP_POSTGRESQL");
    const refusals = await (await db()).auditEvent.findMany({ where: { action: "database.backup", outcome: "refused" } });
    expect(refusals.map((r) => (r.details as { code: string }).code)).toEqual(["ERR_BACKUP_POSTGRESQL"]);
  });
});

describe.skipIf(onPostgresql)("certctl backup / restore on SQLite", () => {
  test("round trip: backup (0600, key apart, warning), then a master-key rotation and new data, then restore brings the data and the key back", async () => {
    const file = path.join(dir, "console.db");
    const before = await liveState();
    const backup = await run("backup", file);
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toContain(`WARNING: store ${file}.key apart from ${file}`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(`${file}.key`).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(`${file}.key`, "utf8")).toBe(before.key);
    expect((await run("backup", file)).out).toContain("ERR_FILE_EXISTS");

    // After the backup: a new master key (every sealed value re-sealed) and a new server.
    const rotated = await run("rotate-master-key");
    expect(rotated.code, rotated.out).toBe(0);
    await (await db()).server.create({ data: { name: "AFTERBACKUP", fqdn: "afterbackup.contoso.com", role: "Mailbox" } });
    const changed = await liveState();
    expect(changed.key).not.toBe(before.key);
    expect(changed.servers).toContain("AFTERBACKUP");

    const restored = await run("restore", file);
    expect(restored.code, restored.out).toBe(0);
    const after = await liveState();
    expect(after).toEqual(before);
    // Every sealed key opens with the console's (restored) master key.
    const { loadMasterKey } = await import("@/lib/server/security/master-key");
    const { openPrivateKey } = await import("@/lib/server/security/key-vault");
    const { readSealedValues } = await import("@/lib/server/security/sealed-secrets");
    const sealed = await (await db()).$transaction((tx) => readSealedValues(tx));
    expect(sealed.length).toBeGreaterThan(0);
    for (const v of sealed) expect(openPrivateKey(v.sealed, loadMasterKey()).length).toBeGreaterThan(0);
    expect(await (await db()).auditEvent.count({ where: { action: "database.restore", outcome: "success" } })).toBe(1);
  });

  test("hostile or damaged files are refused with a stable code, and nothing changes", async () => {
    const good = path.join(dir, "good.db");
    expect((await run("backup", good)).code).toBe(0);
    const write = (name: string, data: Buffer | string, key: Buffer | string = fs.readFileSync(`${good}.key`)) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, data);
      fs.writeFileSync(`${f}.key`, key);
      return f;
    };
    const { databaseFile } = await import("@/lib/server/database-file");
    const Database = (await import("better-sqlite3")).default;
    // A backup whose one private key was tampered with: the right key no longer opens it.
    const tampered = path.join(dir, "tampered.db");
    fs.copyFileSync(good, tampered);
    fs.copyFileSync(`${good}.key`, `${tampered}.key`);
    const t = new Database(tampered);
    t.prepare(`UPDATE "PrivateKey" SET encrypted = ? WHERE id = (SELECT id FROM "PrivateKey" LIMIT 1)`).run(randomBytes(80));
    t.close();
    const cases: [string, string, string[]][] = [
      ["random bytes", write("random.db", randomBytes(4096)), []],
      ["a shell script", write("script.db", "#!/bin/sh\nrm -rf /\n".repeat(100)), []],
      ["a truncated backup", write("truncated.db", fs.readFileSync(good).subarray(0, 8192)), []],
      ["the live database itself (not a backup)", databaseFile(), ["--key", `${good}.key`]],
      ["a good backup with another key", write("otherkey.db", fs.readFileSync(good), randomBytes(32).toString("base64")), []],
      ["a good backup with a malformed key", write("badkey.db", fs.readFileSync(good), "not a key"), []],
      ["a backup whose private key was tampered with", tampered, []],
      ["a file that does not exist", path.join(dir, "missing.db"), []],
    ];
    const codes: string[] = [];
    for (const [label, file, extra] of cases) {
      const before = await liveState();
      const refused = await run("restore", file, ...extra);
      expect(refused.code, label).toBe(1);
      const code = /ERR_[A-Z_]+/.exec(refused.out)?.[0] ?? `none: ${refused.out}`;
      codes.push(code);
      expect(refused.out, label).not.toMatch(/\n\s+at /); // no stack trace
      expect(await liveState(), label).toEqual(before);
    }
    expect(codes).toEqual([
      "ERR_BACKUP_INVALID",
      "ERR_BACKUP_INVALID",
      "ERR_BACKUP_INVALID",
      "ERR_BACKUP_INVALID",
      "ERR_BACKUP_KEY_MISMATCH",
      "ERR_BACKUP_KEY_MISSING",
      "ERR_BACKUP_KEY_MISMATCH",
      "ERR_BACKUP_INVALID",
    ]);
    expect(await (await db()).auditEvent.count({ where: { action: "database.restore", outcome: "refused" } })).toBe(cases.length);
  });

  test("helpdesk may neither back up (key material) nor restore", async () => {
    const backup = await run("backup", path.join(dir, "helpdesk.db"), "--as", "helpdesk");
    expect(backup.out).toContain("ERR_FORBIDDEN");
    expect(fs.existsSync(path.join(dir, "helpdesk.db"))).toBe(false);
    expect((await run("restore", path.join(dir, "good.db"), "--as", "helpdesk")).out).toContain("ERR_FORBIDDEN");
    expect(await (await db()).auditEvent.count({ where: { actorName: "helpdesk", outcome: "refused", action: { in: ["cli.backup", "cli.restore"] } } })).toBe(2);
  });
});
