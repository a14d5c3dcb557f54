import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { bytesOf, makeTestPki, openssl } from "./__fixtures__/openssl";
import { detectFormat } from "./detect-format";
import { readBundle, type BundleFormat } from "./read-bundle";

const PKITS = "/usr/lib/python3/dist-packages/cryptography_vectors/x509/PKITS_data";

describe("readBundle: every format, detected from the bytes", () => {
  const pki = makeTestPki();
  const dir = pki.dir;
  const run = (...args: string[]) => openssl(args, dir);
  const fp = (file: string, form = "PEM") => run("x509", "-in", file, "-inform", form, "-noout", "-fingerprint", "-sha1").trim().split("=")[1]!.replace(/:/g, "");
  const leafFp = fp("leaf.pem");
  const interFp = fp("inter.pem");
  const rootFp = fp("root.pem");
  run("x509", "-in", "leaf.pem", "-outform", "DER", "-out", "leaf.cer");
  run("x509", "-req", "-in", "leaf.csr", "-CA", "inter.pem", "-CAkey", "inter.key", "-set_serial", "5", "-days", "3", "-outform", "DER", "-out", "v1.cer");
  writeFileSync(path.join(dir, "leaf.b64"), readFileSync(path.join(dir, "leaf.pem"), "latin1").replace(/-----[^-]+-----/g, "").trim());
  writeFileSync(path.join(dir, "leaf-crlf.pem"), readFileSync(path.join(dir, "leaf.pem"), "latin1").replace(/\n/g, "\r\n"));
  run("x509", "-in", "leaf.pem", "-text", "-out", "leaf-text.pem");
  run("x509", "-in", "leaf.pem", "-addtrust", "serverAuth", "-trustout", "-out", "leaf-trusted.pem");
  run("crl2pkcs7", "-nocrl", "-certfile", "leaf.pem", "-certfile", "chain.pem", "-outform", "DER", "-out", "chain.p7b");
  run("crl2pkcs7", "-nocrl", "-certfile", "leaf.pem", "-certfile", "chain.pem", "-out", "chain-pem.p7b");
  run("crl2pkcs7", "-in", path.join(PKITS, "crls/TrustAnchorRootCRL.crl"), "-inform", "DER", "-certfile", "root.pem", "-outform", "DER", "-out", "with-crl.p7c");
  run("crl", "-in", path.join(PKITS, "crls/TrustAnchorRootCRL.crl"), "-inform", "DER", "-out", "root.crl.pem");
  run("req", "-in", "leaf.csr", "-outform", "DER", "-out", "leaf.csr.der");
  run("pkcs12", "-export", "-in", "leaf.pem", "-inkey", "leaf.key", "-certfile", "chain.pem", "-name", "Exchange SAN", "-passout", "pass:Secr3t!", "-out", "leaf.pfx");
  run("rsa", "-in", "leaf.key", "-traditional", "-out", "leaf.pkcs1.pem");
  run("pkcs8", "-topk8", "-in", "leaf.key", "-v2", "aes-256-cbc", "-passout", "pass:Secr3t!", "-out", "leaf.enc.pem");
  run("pkcs8", "-topk8", "-in", "leaf.key", "-v2", "aes-256-cbc", "-passout", "pass:Secr3t!", "-outform", "DER", "-out", "leaf.enc.der");
  run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.sec1.pem");
  writeFileSync(path.join(dir, "everything.pem"), ["leaf.pem", "leaf.key", "chain.pem", "leaf.csr", "root.crl.pem"].map((f) => readFileSync(path.join(dir, f), "latin1")).join("\n"));

  type Want = { format: BundleFormat; encoding: string; certs: string[]; keys?: number; requests?: number; crls?: number; password?: string; keyPaired?: boolean };
  const CASES: [string, Want][] = [
    ["leaf.pem", { format: "x509", encoding: "pem", certs: [leafFp] }],
    ["leaf.cer", { format: "x509", encoding: "der", certs: [leafFp] }],
    ["v1.cer", { format: "x509", encoding: "der", certs: [fp("v1.cer", "DER")] }],
    ["leaf.b64", { format: "x509", encoding: "base64", certs: [leafFp] }],
    ["leaf-crlf.pem", { format: "x509", encoding: "pem", certs: [leafFp] }],
    ["leaf-text.pem", { format: "x509", encoding: "pem", certs: [leafFp] }],
    ["leaf-trusted.pem", { format: "x509", encoding: "pem", certs: [leafFp] }],
    ["chain.pem", { format: "pem", encoding: "pem", certs: [interFp, rootFp] }],
    ["chain.p7b", { format: "pkcs7", encoding: "der", certs: [leafFp, interFp, rootFp] }],
    ["chain-pem.p7b", { format: "pkcs7", encoding: "pem", certs: [leafFp, interFp, rootFp] }],
    ["with-crl.p7c", { format: "pkcs7", encoding: "der", certs: [rootFp], crls: 1 }],
    ["root.crl.pem", { format: "crl", encoding: "pem", certs: [], crls: 1 }],
    ["leaf.csr", { format: "pkcs10", encoding: "pem", certs: [], requests: 1 }],
    ["leaf.csr.der", { format: "pkcs10", encoding: "der", certs: [], requests: 1 }],
    ["leaf.pfx", { format: "pkcs12", encoding: "der", certs: [leafFp, interFp, rootFp], keys: 1, password: "Secr3t!", keyPaired: true }],
    ["leaf.key", { format: "private-key", encoding: "pem", certs: [], keys: 1 }],
    ["leaf.pkcs1.pem", { format: "private-key", encoding: "pem", certs: [], keys: 1 }],
    ["leaf.enc.pem", { format: "private-key", encoding: "pem", certs: [], keys: 1, password: "Secr3t!" }],
    ["leaf.enc.der", { format: "private-key", encoding: "der", certs: [], keys: 1, password: "Secr3t!" }],
    ["ec.sec1.pem", { format: "private-key", encoding: "pem", certs: [], keys: 1 }],
    ["everything.pem", { format: "pem", encoding: "pem", certs: [leafFp, interFp, rootFp], keys: 1, requests: 1, crls: 1, keyPaired: true }],
  ];
  test.each(CASES)("%s", async (file, want) => {
    const bundle = (await readBundle(bytesOf(path.join(dir, file)), want.password ? { password: want.password } : {}));
    expect(bundle.format).toBe(want.format);
    expect(bundle.encoding).toBe(want.encoding);
    expect(bundle.certificates.map((c) => c.thumbprint)).toEqual(want.certs);
    expect(bundle.privateKeys).toHaveLength(want.keys ?? 0);
    expect(bundle.requests).toHaveLength(want.requests ?? 0);
    expect(bundle.crls).toHaveLength(want.crls ?? 0);
    if (want.keyPaired) expect(bundle.privateKeys[0]!.certificateThumbprint).toBe(leafFp);
    if (file === "leaf.pfx") expect(bundle.certificates[0]!.friendlyName).toBe("Exchange SAN");
    // Each certificate is exactly its DER (no trailing aux data), so its SHA-1 is the thumbprint.
    for (const c of bundle.certificates) expect(createHash("sha1").update(c.der).digest("hex").toUpperCase()).toBe(c.thumbprint);
  });

  test("the file name does not matter: a .pfx renamed .cer is still PKCS#12", async () => {
    writeFileSync(path.join(dir, "renamed.cer"), readFileSync(path.join(dir, "leaf.pfx")));
    expect(detectFormat(bytesOf(path.join(dir, "renamed.cer")))).toEqual({ encoding: "der", kind: "pkcs12" });
  });

  test.each([
    ["leaf.pfx", "wrong", "ERR_PFX_BAD_PASSWORD"],
    ["leaf.pfx", undefined, "ERR_PFX_PASSWORD_MISSING"],
    ["leaf.enc.pem", "wrong", "ERR_KEY_BAD_PASSWORD"],
    ["leaf.enc.pem", undefined, "ERR_KEY_BAD_PASSWORD"],
  ])("%s with password %s → %s", async (file, password, code) => {
    await expect(readBundle(bytesOf(path.join(dir, file)), password === undefined ? {} : { password })).rejects.toThrowError(expect.objectContaining({ code }));
  });

  test("every PKITS certificate and CRL is read", async () => {
    for (const sub of ["certs", "crls"]) {
      const folder = path.join(PKITS, sub);
      for (const f of readdirSync(folder)) {
        const b = (await readBundle(bytesOf(path.join(folder, f))));
        expect(b.format).toBe(sub === "certs" ? "x509" : "crl");
      }
    }
  });
});
