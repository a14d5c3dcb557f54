import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { makeTestPki, openssl, tempDir, bytesOf } from "../formats/__fixtures__/openssl";
import { checkRequestOptions, generateCertificateRequest, renewalRequest, type CertificateRequestOptions } from "./csr";
import { describePrivateKey, publicKeyOfPrivateKey } from "../crypto/private-key";
import { readBundle } from "../formats/read-bundle";

const dir = tempDir();

describe("generateCertificateRequest", () => {
  const CASES: [string, CertificateRequestOptions, RegExp, string][] = [
    ["RSA 2048 (default)", { subject: "C=US,S=WA,L=Redmond,O=Contoso,OU=IT,CN=mail.contoso.com", domains: ["mail.contoso.com", "autodiscover.contoso.com", "*.contoso.com"] }, /Public-Key: \(2048 bit\)/, "sha256WithRSAEncryption"],
    ["RSA 4096", { subject: "C=US,O=Contoso,CN=mail.contoso.com", keySize: 4096 }, /Public-Key: \(4096 bit\)/, "sha256WithRSAEncryption"],
    ["RSA 1024", { subject: "C=US,O=Contoso,CN=legacy.contoso.com", keySize: 1024, domains: ["legacy.contoso.com"] }, /Public-Key: \(1024 bit\)/, "sha256WithRSAEncryption"],
    ["ECDSA P-256", { subject: "C=US,O=Contoso,CN=mail.contoso.com", curve: "P-256", domains: ["owa.contoso.com"] }, /NIST CURVE: P-256/, "ecdsa-with-SHA256"],
    ["ECDSA P-384", { subject: "CN=mail.contoso.com,O=Contoso,C=US", curve: "P-384" }, /NIST CURVE: P-384/, "ecdsa-with-SHA384"],
  ];
  test.each(CASES)("%s passes openssl req -verify with its subject and SANs", async (label, options, keyLine, sigAlg) => {
    const r = await generateCertificateRequest(options);
    const file = path.join(dir, `${label.replace(/\W+/g, "_")}.csr`);
    writeFileSync(file, r.csrPem);
    const text = openssl(["req", "-in", file, "-verify", "-noout", "-text", "-nameopt", "RFC2253"], dir);
    expect(text).toMatch(keyLine);
    expect(text).toContain(`Signature Algorithm: ${sigAlg}`);
    expect(text).toMatch(/Subject: CN=[^,]+\.contoso\.com,(OU=IT,)?O=Contoso,/);
    for (const d of r.domains) expect(text).toContain(`DNS:${d}`);
    expect(r.csrPem.startsWith("-----BEGIN NEW CERTIFICATE REQUEST-----\n")).toBe(true);
    expect(Buffer.from(publicKeyOfPrivateKey(r.privateKeyPkcs8)).equals(Buffer.from(r.publicKeySpki))).toBe(true);
    expect(r.warnings.length > 0).toBe(options.keySize === 1024);
    // Our own reader recognises the DER and the PEM.
    expect((await readBundle(r.csrDer)).format).toBe("pkcs10");
    expect((await readBundle(new TextEncoder().encode(r.csrPem))).requests).toHaveLength(1);
  });

  test("the subject is encoded C first even when written CN first", async () => {
    const r = await generateCertificateRequest({ subject: "CN=mail.contoso.com, O=Contoso, C=US", curve: "P-256" });
    const file = path.join(dir, "order.csr");
    writeFileSync(file, r.csrDer);
    expect(openssl(["req", "-inform", "DER", "-in", file, "-noout", "-subject", "-nameopt", "oneline"], dir).trim()).toBe("subject=C = US, O = Contoso, CN = mail.contoso.com");
  });

  test("the CN is added to the SANs when domains are given without it", async () => {
    expect(checkRequestOptions({ subject: "C=US,CN=mail.contoso.com", domains: ["autodiscover.contoso.com", "AutoDiscover.contoso.com"] }).domains).toEqual(["mail.contoso.com", "autodiscover.contoso.com"]);
  });

  test.each([
    [{ subject: "C=USA,CN=x.contoso.com" }, "ERR_SUBJECT_INVALID"],
    [{ subject: "X=1,CN=x.contoso.com" }, "ERR_SUBJECT_INVALID"],
    [{ subject: "O=Contoso" }, "ERR_SUBJECT_INVALID"],
    [{ subject: "CN=x.contoso.com", domains: ["bad_name.contoso.com"] }, "ERR_DOMAIN_INVALID"],
    [{ subject: "CN=x.contoso.com", keySize: 3072 as 2048 }, "ERR_KEY_SIZE_INVALID"],
    [{ subject: "CN=x.contoso.com", friendlyName: "x".repeat(64) }, "ERR_FRIENDLY_NAME_INVALID"],
  ] as [CertificateRequestOptions, string][])("refuses %j with %s", (options, code) => {
    expect(() => checkRequestOptions(options)).toThrowError(expect.objectContaining({ code }));
  });
});

describe("renewalRequest", () => {
  test("keeps the subject and SANs of the existing certificate with a new key of the same size", async () => {
    const pki = makeTestPki();
    const existing = (await readBundle(bytesOf(pki.leafCert))).certificates[0]!.der;
    const r = await renewalRequest(existing);
    const file = path.join(pki.dir, "renew.csr");
    writeFileSync(file, r.csrPem);
    const text = openssl(["req", "-in", file, "-verify", "-noout", "-text", "-nameopt", "RFC2253"], pki.dir);
    expect(text).toContain("Subject: CN=mail.contoso.com,OU=IT,O=Contoso,L=Redmond,ST=WA,C=US");
    expect(text).toContain("DNS:mail.contoso.com, DNS:autodiscover.contoso.com, DNS:owa.contoso.com");
    expect(describePrivateKey(r.privateKeyPkcs8)).toEqual({ algorithm: "RSA", size: 2048 });
    const oldKey = (await readBundle(bytesOf(pki.leafKey))).privateKeys[0]!;
    expect(Buffer.from(publicKeyOfPrivateKey(oldKey.pkcs8)).equals(Buffer.from(r.publicKeySpki))).toBe(false);
  });

  test("keeps an unusual subject encoding order (CN first) exactly", async () => {
    const d = tempDir();
    openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "k.pem", "-out", "c.pem", "-subj", "/CN=mail.contoso.com/O=Contoso/C=US", "-days", "2"], d);
    const r = await renewalRequest((await readBundle(bytesOf(path.join(d, "c.pem")))).certificates[0]!.der);
    writeFileSync(path.join(d, "r.csr"), r.csrPem);
    expect(openssl(["req", "-in", "r.csr", "-noout", "-subject", "-nameopt", "oneline"], d).trim()).toBe("subject=CN = mail.contoso.com, O = Contoso, C = US");
    expect(describePrivateKey(r.privateKeyPkcs8)).toEqual({ algorithm: "EC", size: 256, curve: "P-256" });
  });
});
