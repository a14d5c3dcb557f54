import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { makeTestPki, openssl } from "@/lib/pki/formats/__fixtures__/openssl";
import { main } from "../certctl";

async function certctl(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("certctl pfx", () => {
  const pki = makeTestPki();
  const dir = pki.dir;
  test.each([
    ["AES-256 default", [] as string[], []],
    ["--legacy (3DES/SHA-1)", ["--legacy"], ["-legacy"]],
  ])("%s opens with openssl pkcs12 with the chain and the friendly name", async (label, extra, opensslExtra) => {
    const out = path.join(dir, `${label.replace(/\W+/g, "_")}.pfx`);
    const r = await certctl("pfx", "--cert", pki.leafCert, "--chain", pki.chainPem, "--key", pki.leafKey, "--password", "Secr3t!", "--name", "Exchange SAN", "--out", out, ...extra);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ChainCertificates\s+: 2/);
    const info = spawnSync("openssl", ["pkcs12", "-info", "-nodes", "-in", out, "-passin", "pass:Secr3t!", ...opensslExtra], { encoding: "latin1" });
    expect(info.status).toBe(0);
    expect(info.stderr).toMatch(extra.length ? /MAC: sha1[\s\S]*TripleDES/ : /MAC: sha256[\s\S]*AES-256-CBC/);
    expect(info.stdout.match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
    expect(info.stdout).toContain("friendlyName: Exchange SAN");
    const inspected = await certctl("inspect", out, "--password", "Secr3t!", "--json");
    expect(JSON.parse(inspected.out).certificates[0].HasPrivateKey).toBe(true);
  });

  test("a key that does not match the certificate gives exit 2 with ERR_KEY_MISMATCH", async () => {
    const r = await certctl("pfx", "--cert", pki.leafCert, "--key", path.join(dir, "inter.key"), "--password", "x", "--out", path.join(dir, "bad.pfx"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("ERR_KEY_MISMATCH");
  });

  test("missing --password is a usage error", async () => {
    const r = await certctl("pfx", "--cert", pki.leafCert, "--key", pki.leafKey, "--out", path.join(dir, "x.pfx"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("--password is required");
  });

  test("the exported key matches the certificate in openssl's view", async () => {
    const out = path.join(dir, "match.pfx");
    await certctl("pfx", "--cert", pki.leafCert, "--key", pki.leafKey, "--password", "", "--out", out);
    openssl(["pkcs12", "-in", out, "-passin", "pass:", "-nodes", "-nocerts", "-out", "k.pem"], dir);
    expect(openssl(["pkey", "-in", "k.pem", "-pubout"], dir)).toBe(openssl(["x509", "-in", pki.leafCert, "-noout", "-pubkey"], dir));
  });
});
