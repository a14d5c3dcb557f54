import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { openssl, tempDir } from "@/lib/pki/formats/__fixtures__/openssl";
import { main } from "../certctl";

async function certctl(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("certctl new-request", () => {
  const dir = tempDir();
  test.each([
    ["RSA 2048 PEM", [], /Public-Key: \(2048 bit\)/, false],
    ["RSA 1024 (warned)", ["--key-size", "1024"], /Public-Key: \(1024 bit\)/, false],
    ["ECDSA P-256 DER", ["--curve", "P-256", "--der"], /NIST CURVE: P-256/, true],
  ])("%s verifies with openssl req and carries the SANs", async (label, extra, keyRe, der) => {
    const out = path.join(dir, `${label.replace(/\W+/g, "_")}.csr`);
    const keyOut = path.join(dir, `${label.replace(/\W+/g, "_")}.key`);
    const r = await certctl("new-request", "--subject", "C=US,S=WA,L=Redmond,O=Contoso,CN=mail.contoso.com", "--domain", "autodiscover.contoso.com", "--domain", "owa.contoso.com", "--friendly-name", "Exchange 2010", "--out", out, "--key-out", keyOut, ...extra);
    expect(r.code).toBe(0);
    expect(r.out).toContain("CertificateDomains : {mail.contoso.com, autodiscover.contoso.com, owa.contoso.com}");
    expect(r.err.includes("WARNING: A 1024-bit RSA key is weak")).toBe(extra.includes("1024"));
    const text = openssl(["req", "-in", out, "-inform", der ? "DER" : "PEM", "-verify", "-noout", "-text", "-nameopt", "RFC2253"], dir);
    expect(text).toMatch(keyRe);
    expect(text).toContain("DNS:mail.contoso.com, DNS:autodiscover.contoso.com, DNS:owa.contoso.com");
    expect(text).toContain("Subject: CN=mail.contoso.com,O=Contoso,L=Redmond,ST=WA,C=US");
    expect(readFileSync(out, "latin1").startsWith("-----BEGIN NEW CERTIFICATE REQUEST-----")).toBe(!der);
    expect(statSync(keyOut).mode & 0o077).toBe(0);
    // The key file belongs to the request.
    expect(openssl(["pkey", "-in", keyOut, "-pubout"], dir)).toBe(openssl(["req", "-in", out, "-inform", der ? "DER" : "PEM", "-noout", "-pubkey"], dir));
  });

  test.each([
    ["an invalid domain", ["--domain", "bad_name.contoso.com"], /ERR_DOMAIN_INVALID/],
    ["an invalid country", ["--subject", "C=USA,CN=x.contoso.com"], /ERR_SUBJECT_INVALID/],
    ["a bad key size", ["--key-size", "3072"], /--key-size must be/],
    ["both key size and curve", ["--key-size", "2048", "--curve", "P-256"], /either --key-size or --curve/],
  ])("exit 2 on %s", async (_l, extra, re) => {
    const args = ["new-request", "--subject", "C=US,CN=mail.contoso.com", "--out", path.join(dir, "x.csr"), "--key-out", path.join(dir, "x.key"), ...extra];
    const r = await certctl(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(re);
  });
});
