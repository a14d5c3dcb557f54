import fs from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import { seedDemoConsole, useTestDatabase } from "@/test/test-database";

// Runs on SQLite (npm run test:unit) and on PostgreSQL (npm run test:postgresql).
let admin: { userId: string; username: string; role: "admin" };
let helpdesk: { userId: string; username: string; role: "helpdesk" };

async function sealedSnapshot() {
  const { db } = await import("@/lib/server/db");
  const { readSealedValues } = await import("./sealed-secrets");
  return db.$transaction((tx) => readSealedValues(tx));
}

beforeAll(async () => {
  await useTestDatabase();
  const { db } = await seedDemoConsole();
  const { loadMasterKey } = await import("./master-key");
  const { sealPrivateKey } = await import("./key-vault");
  const key = loadMasterKey();
  // An ACME account with every sealed secret, as create-acme-account stores it.
  await db.acmeAccount.create({
    data: {
      name: "Rotation CA",
      directoryUrl: "https://acme.invalid/directory",
      contactEmail: "pki@contoso.com",
      accountKeySealed: new Uint8Array(sealPrivateKey(Buffer.from("-----BEGIN PRIVATE KEY-----account"), key)),
      eabHmacKeySealed: new Uint8Array(sealPrivateKey(Buffer.from("eab-hmac"), key)),
      tsigSecretSealed: new Uint8Array(sealPrivateKey(Buffer.from("tsig-secret"), key)),
    },
  });
  // A local account's TOTP secret and the OIDC client secret, sealed the same way.
  await db.user.update({ where: { username: "helpdesk" }, data: { totpSecretSealed: new Uint8Array(sealPrivateKey(Buffer.from("JBSWY3DPEHPK3PXP"), key)) } });
  await db.signInSettings.upsert({
    where: { id: 1 },
    create: { id: 1, oidcClientSecretSealed: new Uint8Array(sealPrivateKey(Buffer.from("oidc-client-secret"), key)) },
    update: { oidcClientSecretSealed: new Uint8Array(sealPrivateKey(Buffer.from("oidc-client-secret"), key)) },
  });
  const user = async (username: "admin" | "helpdesk") => (await db.user.findUniqueOrThrow({ where: { username } })).id;
  admin = { userId: await user("admin"), username: "admin", role: "admin" };
  helpdesk = { userId: await user("helpdesk"), username: "helpdesk", role: "helpdesk" };
});

describe("rotateMasterKey", () => {
  test("helpdesk is refused and nothing changes", async () => {
    const { rotateMasterKey } = await import("./rotate-master-key");
    const { masterKeyFile } = await import("./master-key");
    const before = fs.readFileSync(masterKeyFile(), "utf8");
    await expect(rotateMasterKey(helpdesk)).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
    expect(fs.readFileSync(masterKeyFile(), "utf8")).toBe(before);
  });

  test("a value the old key cannot open aborts the rotation: old key file, every sealed value and the audit log unchanged", async () => {
    const { db } = await import("@/lib/server/db");
    const { rotateMasterKey } = await import("./rotate-master-key");
    const { masterKeyFile } = await import("./master-key");
    const broken = await db.privateKey.create({ data: { algorithm: "RSA-2048", encrypted: new Uint8Array(64).fill(1), spkiSha256: "ff".repeat(32), exportable: false } });
    const keyBefore = fs.readFileSync(masterKeyFile(), "utf8");
    const sealedBefore = await sealedSnapshot();
    const auditBefore = await db.auditEvent.count();
    await expect(rotateMasterKey(admin)).rejects.toMatchObject({ code: "ERR_KEY_DECRYPT" });
    expect(fs.readFileSync(masterKeyFile(), "utf8")).toBe(keyBefore);
    expect(fs.existsSync(`${masterKeyFile()}.rotating`)).toBe(false);
    expect(await sealedSnapshot()).toEqual(sealedBefore);
    expect(await db.auditEvent.count()).toBe(auditBefore);
    await db.privateKey.delete({ where: { id: broken.id } });
  });

  test("every private key, ACME secret, TOTP secret and OIDC client secret is re-sealed under the new key, read back, and the key file replaced (0600); audited", async () => {
    const { db } = await import("@/lib/server/db");
    const { rotateMasterKey } = await import("./rotate-master-key");
    const { masterKeyFile, loadMasterKey, decodeMasterKey, resetMasterKeyCache, masterKeyId } = await import("./master-key");
    const { openPrivateKey } = await import("./key-vault");
    resetMasterKeyCache();
    const oldKey = loadMasterKey();
    const before = await sealedSnapshot();
    expect(before.filter((v) => v.table === "PrivateKey").length).toBeGreaterThan(0);
    expect(before.filter((v) => v.table === "AcmeAccount")).toHaveLength(3);
    expect(before.filter((v) => v.table === "User" || v.table === "SignInSettings")).toHaveLength(2);
    const plain = before.map((v) => openPrivateKey(v.sealed, oldKey));

    const result = await rotateMasterKey(admin);
    expect(result.resealed).toBe(before.length);
    const newKey = decodeMasterKey(fs.readFileSync(masterKeyFile(), "utf8"), "test");
    expect(newKey.equals(oldKey)).toBe(false);
    expect(fs.statSync(masterKeyFile()).mode & 0o777).toBe(0o600);
    expect(loadMasterKey().equals(newKey)).toBe(true);
    const after = await sealedSnapshot();
    expect(after.map((v) => openPrivateKey(v.sealed, newKey))).toEqual(plain);
    for (const v of after) expect(() => openPrivateKey(v.sealed, oldKey)).toThrow(expect.objectContaining({ code: "ERR_KEY_DECRYPT" }));
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "master-key.rotate" } });
    expect(audit).toMatchObject({ actorName: "admin", outcome: "success", targetId: masterKeyId(newKey), details: { resealed: before.length, oldKeyId: masterKeyId(oldKey), newKeyId: masterKeyId(newKey) } });
    expect(JSON.stringify(audit)).not.toContain(newKey.toString("base64"));
  });
});
