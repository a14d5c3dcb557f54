import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
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

describe("certctl inspect", () => {
  const pki = makeTestPki();
  const dir = pki.dir;
  openssl(["pkcs12", "-export", "-legacy", "-in", "leaf.pem", "-inkey", "leaf.key", "-certfile", "chain.pem", "-name", "Exchange SAN", "-passout", "pass:Secr3t!", "-out", "leaf.pfx"], dir);
  openssl(["crl2pkcs7", "-nocrl", "-certfile", "leaf.pem", "-certfile", "chain.pem", "-outform", "DER", "-out", "chain.p7b"], dir);
  const leafFp = openssl(["x509", "-in", "leaf.pem", "-noout", "-fingerprint", "-sha1"], dir).trim().split("=")[1]!.replace(/:/g, "");
  writeFileSync(path.join(dir, "garbage.bin"), "this is not a certificate at all");

  test("prints the Exchange list view with aligned colons", async () => {
    const r = await certctl("inspect", pki.leafCert);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Thumbprint           : ${leafFp}`);
    expect(r.out).toContain("CertificateDomains   : {mail.contoso.com, autodiscover.contoso.com, owa.contoso.com}");
    expect(r.out).toContain("Subject              : CN=mail.contoso.com, OU=IT, O=Contoso, L=Redmond, S=WA, C=US");
    expect(r.out).toContain("HasPrivateKey        : False");
    const colons = r.out.split("\n").filter((l) => / : /.test(l) && !l.startsWith("Format")).map((l) => l.indexOf(" : "));
    expect(new Set(colons).size).toBe(1);
  });

  test("a PFX shows the chain, the key, its algorithm and the friendly name", async () => {
    const r = await certctl("inspect", path.join(dir, "leaf.pfx"), "--password", "Secr3t!");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Certificate 3 of 3");
    expect(r.out).toContain("FriendlyName         : Exchange SAN");
    expect(r.out).toContain("HasPrivateKey        : True");
    expect(r.out).toMatch(/Algorithm\s+: RSA\nKeySize\s+: 2048/);
    expect(r.out).toContain("pbeWithSHA1And40BitRC2-CBC");
  });

  test("--json carries every field, the key and friendly names", async () => {
    const r = await certctl("inspect", path.join(dir, "leaf.pfx"), "--password", "Secr3t!", "--json");
    const doc = JSON.parse(r.out);
    expect(doc.format).toBe("pkcs12");
    expect(doc.certificates[0]).toMatchObject({ Thumbprint: leafFp, HasPrivateKey: true, FriendlyName: "Exchange SAN", SignatureAlgorithm: "sha256RSA", PublicKeySize: 2048, IsCa: false });
    expect(doc.certificates[0].CrlDistributionPoints[1].urls[0]).toMatch(/^ldap:\/\//);
    expect(doc.certificates[0].AuthorityInformationAccess.ocsp).toEqual(["http://ocsp.contoso.com"]);
    expect(doc.privateKeys[0]).toMatchObject({ algorithm: "RSA", size: 2048, friendlyName: "Exchange SAN", certificateThumbprint: leafFp });
  });

  test.each([
    ["a request", "leaf.csr", /Status\s+: PendingRequest/],
    ["a PKCS#7 chain", "chain.p7b", /Format : pkcs7 \(der\)[\s\S]*Certificate 3 of 3/],
  ])("shows %s", async (_l, file, re) => {
    const r = await certctl("inspect", path.join(dir, file));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(re);
  });

  test.each([
    ["wrong password", ["leaf.pfx", "--password", "nope"], /ERR_PFX_BAD_PASSWORD/],
    ["unreadable input", ["garbage.bin"], /ERR_FORMAT_UNRECOGNIZED/],
    ["missing file", ["nope.pem"], /ERR_INPUT_UNREADABLE/],
  ])("exit 2 on %s with the ERR_ code", async (_l, args, re) => {
    const [file, ...rest] = args as [string, ...string[]];
    const r = await certctl("inspect", path.join(dir, file), ...rest);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(re);
  });

  test("exit 2 on bad usage", async () => {
    expect((await certctl("inspect")).code).toBe(2);
    expect((await certctl("inspect", "a", "b")).code).toBe(2);
    expect((await certctl("inspect", "--bogus", "x")).code).toBe(2);
  });

  test("runs as a process through bin/certctl.mjs", () => {
    const r = spawnSync(process.execPath, [path.resolve("bin/certctl.mjs"), "inspect", path.join(dir, "leaf.pfx"), "--password", "Secr3t!", "--json"], { encoding: "utf8", cwd: dir });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).certificates).toHaveLength(3);
    const bad = spawnSync(process.execPath, [path.resolve("bin/certctl.mjs"), "inspect", path.join(dir, "leaf.pfx"), "--password", "x"], { encoding: "utf8", cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("ERR_PFX_BAD_PASSWORD");
  });
});
