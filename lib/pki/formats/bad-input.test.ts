// Bad-input corpus: truncated, bit-flipped, oversized and random inputs of every format go through
// readBundle (and describeCertificate for whatever still parses). The only acceptable outcomes are
// a result or a PkiError with an ERR_ code and a message — never another exception, never a hang.
import path from "node:path";
import { describe, expect, test } from "vitest";
import { bytesOf, makeTestPki, openssl } from "./__fixtures__/openssl";
import { describeCertificate } from "../certificate/description";
import { isPkiError } from "../errors";
import { readBundle } from "./read-bundle";
import { completeRequest } from "../csr/complete-request";

/** Deterministic PRNG (mulberry32) so failures reproduce. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Outcome = "ok" | string;
async function attempt(bytes: Uint8Array, password?: string): Promise<Outcome> {
  try {
    const bundle = (await readBundle(bytes, password === undefined ? {} : { password }));
    for (const c of bundle.certificates) describeCertificate(c.der);
    return "ok";
  } catch (error) {
    if (isPkiError(error) && /^ERR_[A-Z0-9_]+$/.test(error.code) && error.message.length > 10) return error.code;
    throw new Error(`not a PkiError: ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error)}`);
  }
}

describe("bad-input corpus through readBundle", () => {
  const pki = makeTestPki();
  const dir = pki.dir;
  const run = (...args: string[]) => openssl(args, dir);
  run("x509", "-in", "leaf.pem", "-outform", "DER", "-out", "leaf.cer");
  run("req", "-in", "leaf.csr", "-outform", "DER", "-out", "leaf.csr.der");
  run("crl2pkcs7", "-nocrl", "-certfile", "leaf.pem", "-certfile", "chain.pem", "-outform", "DER", "-out", "chain.p7b");
  run("crl2pkcs7", "-nocrl", "-certfile", "leaf.pem", "-certfile", "chain.pem", "-out", "chain-pem.p7b");
  run("pkcs12", "-export", "-in", "leaf.pem", "-inkey", "leaf.key", "-certfile", "chain.pem", "-passout", "pass:pw", "-out", "aes.pfx");
  run("pkcs12", "-export", "-legacy", "-in", "leaf.pem", "-inkey", "leaf.key", "-passout", "pass:pw", "-out", "legacy.pfx");
  run("pkcs12", "-export", "-nomac", "-in", "leaf.pem", "-inkey", "leaf.key", "-passout", "pass:pw", "-out", "nomac.pfx");
  run("pkcs8", "-topk8", "-in", "leaf.key", "-v2", "aes-256-cbc", "-passout", "pass:pw", "-out", "leaf.enc.pem");
  const SEEDS: [string, string | undefined][] = [
    ["leaf.pem", undefined],
    ["leaf.cer", undefined],
    ["leaf.csr", undefined],
    ["leaf.csr.der", undefined],
    ["chain.p7b", undefined],
    ["chain-pem.p7b", undefined],
    ["aes.pfx", "pw"],
    ["legacy.pfx", "pw"],
    ["nomac.pfx", "pw"],
    ["leaf.enc.pem", "pw"],
    ["leaf.key", undefined],
  ];

  test.each(SEEDS)("%s: the intact file reads", async (file, password) => {
    expect(await attempt(bytesOf(path.join(dir, file)), password)).toBe("ok");
  });

  test.each(SEEDS)("%s: every truncation gives a PkiError", async (file, password) => {
    const bytes = bytesOf(path.join(dir, file));
    const codes = new Map<string, number>();
    const step = Math.max(1, Math.floor(bytes.length / 150));
    for (let n = 0; n < bytes.length - 1; n += step) {
      const outcome = await attempt(bytes.subarray(0, n), password);
      codes.set(outcome, (codes.get(outcome) ?? 0) + 1);
    }
    // A cut PEM may still hold whole blocks before the cut; a cut DER never reads.
    if (!file.endsWith(".pem") && !file.endsWith("-pem.p7b") && file !== "leaf.csr" && file !== "leaf.key") expect(codes.get("ok") ?? 0).toBe(0);
    expect([...codes.keys()].some((k) => k !== "ok")).toBe(true);
  });

  test.each(SEEDS)("%s: 300 random bit flips never escape as foreign exceptions", async (file, password) => {
    const bytes = bytesOf(path.join(dir, file));
    const rnd = prng(bytes.length);
    for (let i = 0; i < 300; i++) {
      const copy = bytes.slice();
      const flips = 1 + Math.floor(rnd() * 3);
      for (let f = 0; f < flips; f++) copy[Math.floor(rnd() * copy.length)]! ^= 1 << Math.floor(rnd() * 8);
      await attempt(copy, password);
    }
  });

  test("PFX with a flipped MAC or content is refused as a wrong password or malformed, never accepted silently", async () => {
    const bytes = bytesOf(path.join(dir, "aes.pfx"));
    const copy = bytes.slice();
    copy[copy.length - 30]! ^= 0x01; // inside the MAC digest
    expect(await attempt(copy, "pw")).toBe("ERR_PFX_BAD_PASSWORD");
  });

  test.each([
    ["empty", new Uint8Array(0), "ERR_INPUT_EMPTY"],
    ["11 MB of zeros", new Uint8Array(11 * 1024 * 1024), "ERR_INPUT_TOO_LARGE"],
    ["deep nesting", Uint8Array.from({ length: 20000 }, (_, i) => (i % 2 === 0 ? 0x30 : 0x80)), "ERR_FORMAT_UNRECOGNIZED"],
    ["a SEQUENCE claiming 4 GB", Uint8Array.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x02, 0x01, 0x03]), "ERR_FORMAT_UNRECOGNIZED"],
    ["a PEM BEGIN without END", new TextEncoder().encode("-----BEGIN CERTIFICATE-----\nMIIB\n"), "ERR_PEM_MALFORMED"],
    ["a PEM block of non-Base64", new TextEncoder().encode("-----BEGIN CERTIFICATE-----\n%%%%\n-----END CERTIFICATE-----\n"), "ERR_PEM_MALFORMED"],
    ["a PEM block of random Base64", new TextEncoder().encode("-----BEGIN CERTIFICATE-----\nAAECAwQFBgcICQ==\n-----END CERTIFICATE-----\n"), "ERR_FORMAT_UNRECOGNIZED"],
    ["plain text", new TextEncoder().encode("hello, this is not a certificate\n"), "ERR_FORMAT_UNRECOGNIZED"],
  ])("%s → %s", async (_label, bytes, code) => {
    expect(await attempt(bytes)).toBe(code);
  });

  test("the size cap is configurable", async () => {
    const bytes = bytesOf(path.join(dir, "leaf.cer"));
    await expect(readBundle(bytes, { maxBytes: 100 })).rejects.toThrowError(expect.objectContaining({ code: "ERR_INPUT_TOO_LARGE" }));
  });

  test("500 random inputs of every size", async () => {
    const rnd = prng(42);
    for (let i = 0; i < 500; i++) {
      const n = Math.floor(rnd() * 4096);
      const bytes = Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
      if (i % 3 === 0 && n > 2) bytes[0] = 0x30; // look like DER
      await attempt(bytes, i % 2 ? "pw" : undefined);
    }
  });

  test("bad answers to completeRequest are PkiErrors too", async () => {
    const csr = bytesOf(path.join(dir, "leaf.csr.der"));
    const rnd = prng(7);
    const answer = bytesOf(path.join(dir, "chain.p7b"));
    for (let i = 0; i < 100; i++) {
      const copy = answer.slice(0, Math.floor(rnd() * answer.length));
      try {
        await completeRequest({ csrDer: csr, answerBytes: copy });
      } catch (error) {
        expect(isPkiError(error)).toBe(true);
      }
    }
  });
});
