import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { openPrivateKey, sealPrivateKey } from "./key-vault";
import { loadMasterKey, resetMasterKeyCache } from "./master-key";

describe("key vault", () => {
  const key = randomBytes(32);
  const pkcs8 = randomBytes(1218);

  test("round trip returns the same bytes and never stores the plaintext", () => {
    const sealed = sealPrivateKey(pkcs8, key);
    expect(sealed.includes(pkcs8.subarray(0, 32))).toBe(false);
    expect(sealed.length).toBe(1 + 12 + pkcs8.length + 16);
    expect(Buffer.compare(openPrivateKey(sealed, key), pkcs8)).toBe(0);
  });

  test("two seals of the same key differ (fresh IV)", () => {
    expect(Buffer.compare(sealPrivateKey(pkcs8, key), sealPrivateKey(pkcs8, key))).not.toBe(0);
  });

  test.each([
    ["a wrong master key", (s: Buffer) => s, () => randomBytes(32)],
    ["a flipped ciphertext bit", (s: Buffer) => { const t = Buffer.from(s); t[20]! ^= 1; return t; }, () => key],
    ["a truncated record", (s: Buffer) => s.subarray(0, 20), () => key],
    ["an unknown version", (s: Buffer) => { const t = Buffer.from(s); t[0] = 9; return t; }, () => key],
  ])("%s fails cleanly with ERR_KEY_DECRYPT", (_name, mangle, masterKey) => {
    const sealed = mangle(sealPrivateKey(pkcs8, key));
    expect(() => openPrivateKey(sealed, masterKey())).toThrowError(expect.objectContaining({ code: "ERR_KEY_DECRYPT" }));
  });
});

describe("master key", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetMasterKeyCache();
  });

  test("is generated once into a 0600 file and then reused", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mk-"));
    delete process.env.CERTCONSOLE_MASTER_KEY;
    process.env.CERTCONSOLE_MASTER_KEY_FILE = path.join(dir, "master.key");
    const first = loadMasterKey();
    expect(first.length).toBe(32);
    expect(fs.statSync(path.join(dir, "master.key")).mode & 0o777).toBe(0o600);
    resetMasterKeyCache();
    expect(Buffer.compare(loadMasterKey(), first)).toBe(0);
  });

  test("comes from CERTCONSOLE_MASTER_KEY when set, and a malformed value is a clear error", () => {
    process.env.CERTCONSOLE_MASTER_KEY = "ab".repeat(32);
    expect(loadMasterKey().toString("hex")).toBe("ab".repeat(32));
    resetMasterKeyCache();
    process.env.CERTCONSOLE_MASTER_KEY = "too-short";
    expect(() => loadMasterKey()).toThrowError(expect.objectContaining({ code: "ERR_MASTER_KEY_INVALID" }));
  });
});
