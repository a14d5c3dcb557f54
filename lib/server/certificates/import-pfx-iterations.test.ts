// Regression (issue 12, finding 4): "PKCS#12 key derivation blocks the server". A 4 KB PFX asking for 1,000,000 KDF
// iterations took 13 s to open, on the event loop, and another request waited the whole time. Now: over 600,000
// iterations in one derivation (or 3,000,000 for the whole file) is refused with ERR_PFX_ITERATIONS before any
// derivation runs and nothing is written; allowed files derive off the event loop (PBKDF2 on node:crypto's thread
// pool, the PKCS#12 KDF in a worker thread). PFX files are made by openssl; imports go through the real use-case.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "@/test/test-database";
import { createLabPki, type LabCert, type LabPki } from "@/test/harness/lab-pki";
import { readBundle } from "@/lib/pki/formats/read-bundle";
import { importPkcs12 } from "@/lib/pki/pkcs12/import";
import { inProcessKdf, KdfBudget, MAX_PBE_ITERATIONS, MAX_PFX_WORK, type KdfPort } from "@/lib/pki/pkcs12/kdf";
import type { Actor } from "../auth/actor";
import { offThreadKdf } from "../security/kdf-worker";

const PASSWORD = "Secr3t!";
let lab: LabPki;
let leaf: LabCert;
let dir = "";
let admin: Actor;
let serverId = "";

/** `openssl pkcs12 -export` of the lab leaf with `-iter` (used for the encryption and the MAC alike). */
function pfx(name: string, iterations: number, extra: string[] = []): Uint8Array {
  const out = path.join(dir, `${name}.pfx`);
  execFileSync("openssl", ["pkcs12", "-export", "-in", leaf.certPath, "-inkey", leaf.keyPath, "-passout", `pass:${PASSWORD}`, "-iter", String(iterations), "-out", out, ...extra]);
  return new Uint8Array(readFileSync(out));
}

/** A {@link KdfPort} that counts the iterations it was asked to run. */
function counting(inner: KdfPort): KdfPort & { iterations: number } {
  const port = {
    iterations: 0,
    iteratedHash: (hash: string, input: Uint8Array, n: number) => ((port.iterations += n), inner.iteratedHash(hash, input, n)),
    pbkdf2: (pw: Uint8Array, salt: Uint8Array, n: number, len: number, digest: string) => ((port.iterations += n), inner.pbkdf2(pw, salt, n, len, digest)),
  };
  return port;
}

beforeAll(async () => {
  await useTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), "certconsole-pfx-iter-"));
  lab = createLabPki();
  leaf = lab.issueLeaf("pfx-iterations", {});
  const { ensureSettings, ensureUsers } = await import("../bootstrap/ensure-users");
  const { db } = await import("../db");
  await ensureSettings();
  await ensureUsers({});
  admin = { userId: (await db.user.findUniqueOrThrow({ where: { username: "admin" } })).id, username: "admin", role: "admin" };
  serverId = (await db.server.create({ data: { name: "EXPFX1", fqdn: "expfx1.contoso.local", role: "Mailbox" } })).id;
}, 60_000);

afterAll(() => {
  lab?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("PKCS#12 key derivation is capped and runs off the event loop", () => {
  test("the caps are documented figures: 600,000 per derivation, 3,000,000 per file", () => {
    expect(MAX_PBE_ITERATIONS).toBe(600_000);
    expect(MAX_PFX_WORK).toBe(3_000_000);
  });

  test.each([
    ["AES-256 (PBES2), MAC", []],
    ["legacy 3DES, MAC", ["-legacy"]],
  ])("1,000,000 iterations (%s) → ERR_PFX_ITERATIONS before any derivation, nothing written", async (_label, extra) => {
    const bytes = pfx(`million-${extra.length}`, 1_000_000, extra);
    const port = counting(inProcessKdf);
    await expect(importPkcs12(bytes, PASSWORD, port)).rejects.toMatchObject({ code: "ERR_PFX_ITERATIONS", message: expect.stringMatching(/1,000,000 key-derivation iterations .*at most 600,000/) });
    expect(port.iterations).toBe(0);

    const { db } = await import("../db");
    const { importCertificate } = await import("./import-certificate");
    const before = { certificates: await db.certificate.count(), keys: await db.privateKey.count() };
    await expect(importCertificate(admin, { bytes, password: PASSWORD, fileName: "million.pfx" }, { serverIds: [serverId] })).rejects.toMatchObject({ code: "ERR_PFX_ITERATIONS" });
    expect({ certificates: await db.certificate.count(), keys: await db.privateKey.count() }).toEqual(before);
  });

  test("the whole file's work is bounded: a budget already spent refuses the next derivation before it runs", async () => {
    // 300,000 each: the MAC and the certificates' PBKDF2 fit a 700,000 budget, the key's PBKDF2 does not.
    const bytes = pfx("three-derivations", 300_000);
    const port = counting(offThreadKdf);
    await expect(importPkcs12(bytes, PASSWORD, port, new KdfBudget(700_000))).rejects.toMatchObject({ code: "ERR_PFX_ITERATIONS", message: expect.stringMatching(/more than 700,000 key-derivation iterations in all/) });
    expect(port.iterations).toBe(600_000);
  });

  test("a PFX just at the cap (600,000 iterations, AES-256) imports through the use-case", async () => {
    const { importCertificate } = await import("./import-certificate");
    const result = await importCertificate(admin, { bytes: pfx("at-cap", 600_000), password: PASSWORD, fileName: "at-cap.pfx" }, { serverIds: [serverId] });
    expect(result).toMatchObject({ thumbprint: expect.stringMatching(/^[0-9A-F]{40}$/), hasPrivateKey: true });
  }, 60_000);

  test("while a heavy allowed PFX (500,000 iterations) is opened, the event loop keeps ticking", async () => {
    const bytes = pfx("heavy", 500_000);
    // No absolute times (the machine may be loaded): a derivation on the main thread would let no timer run until it
    // ended; off the thread, the timer keeps running and no gap between its runs spans half of the whole opening.
    const runs: number[] = [];
    const timer = setInterval(() => runs.push(performance.now()), 20);
    const started = performance.now();
    const bundle = await readBundle(bytes, { password: PASSWORD, kdf: offThreadKdf });
    const ended = performance.now();
    clearInterval(timer);
    expect(bundle.privateKeys).toHaveLength(1);
    expect(bundle.protection?.mac).toEqual({ hash: "sha256", iterations: 500_000 });
    const marks = [started, ...runs, ended];
    const longestGap = Math.max(...marks.slice(1).map((t, i) => t - marks[i]!));
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(longestGap).toBeLessThan((ended - started) / 2);
  }, 60_000);

  test("openssl-made PFX files still import off the event loop: AES-256 (PBES2) and legacy 3DES, through the use-case", async () => {
    const { importCertificate } = await import("./import-certificate");
    const { db } = await import("../db");
    for (const [name, extra] of [["aes", []], ["legacy", ["-legacy"]]] as const) {
      const bytes = pfx(`default-${name}`, 2048, [...extra]);
      const bundle = await readBundle(bytes, { password: PASSWORD, kdf: offThreadKdf });
      expect(bundle.protection?.encryption.join(" ")).toMatch(name === "aes" ? /PBES2\/PBKDF2 AES-256-CBC/ : /pbeWithSHA1And3-KeyTripleDES-CBC/);
      expect(bundle.privateKeys).toHaveLength(1);
    }
    // The same certificate as at-cap: imported again onto another server.
    const other = (await db.server.create({ data: { name: "EXPFX2", fqdn: "expfx2.contoso.local", role: "Mailbox" } })).id;
    const result = await importCertificate(admin, { bytes: pfx("legacy-usecase", 2048, ["-legacy"]), password: PASSWORD, fileName: "legacy.pfx" }, { serverIds: [other] });
    expect(result.hasPrivateKey).toBe(true);
  }, 60_000);
});
