import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import * as x509 from "@peculiar/x509";
import { issueCertificate, signCrl } from "./issue-certificate";

const T0 = new Date("2026-01-01T00:00:00Z");
const T1 = new Date("2028-01-01T00:00:00Z");

describe("issueCertificate", () => {
  test("a root → intermediate → leaf chain verifies with openssl", async () => {
    const root = await issueCertificate({ subject: "CN=Lab Root, O=Contoso", notBefore: T0, notAfter: T1, isCa: true }, null);
    const inter = await issueCertificate({ subject: "CN=Lab Issuing CA, O=Contoso", notBefore: T0, notAfter: T1, isCa: true, pathLength: 0 }, root);
    const leaf = await issueCertificate(
      { subject: "CN=mail.contoso.com", dnsNames: ["mail.contoso.com", "autodiscover.contoso.com"], notBefore: T0, notAfter: T1, crlUrls: ["http://pki.contoso.com/lab.crl"], ocspUrls: ["http://ocsp.contoso.com"] },
      inter,
    );
    const dir = mkdtempSync(path.join(tmpdir(), "issue-"));
    writeFileSync(path.join(dir, "root.pem"), root.certificate.toString("pem"));
    writeFileSync(path.join(dir, "inter.pem"), inter.certificate.toString("pem"));
    writeFileSync(path.join(dir, "leaf.pem"), leaf.certificate.toString("pem"));
    const out = execFileSync("openssl", ["verify", "-attime", String(Date.parse("2027-01-01") / 1000), "-CAfile", path.join(dir, "root.pem"), "-untrusted", path.join(dir, "inter.pem"), path.join(dir, "leaf.pem")], { encoding: "utf8" });
    expect(out).toContain("leaf.pem: OK");
    const text = execFileSync("openssl", ["x509", "-in", path.join(dir, "leaf.pem"), "-noout", "-text"], { encoding: "utf8" });
    expect(text).toContain("DNS:autodiscover.contoso.com");
    expect(text).toContain("URI:http://pki.contoso.com/lab.crl");
    expect(text).toContain("OCSP - URI:http://ocsp.contoso.com");
  });

  test("a signed CRL lists the revoked serial and verifies with openssl", async () => {
    const root = await issueCertificate({ subject: "CN=Lab Root", notBefore: T0, notAfter: T1, isCa: true, key: { kind: "EC", curve: "P-256" } }, null);
    const crl = await signCrl(root, [{ serialNumber: "0a1b2c", revocationDate: T0, reason: x509.X509CrlReason.keyCompromise }], T0, T1, 7);
    const dir = mkdtempSync(path.join(tmpdir(), "crl-"));
    writeFileSync(path.join(dir, "root.pem"), root.certificate.toString("pem"));
    writeFileSync(path.join(dir, "lab.crl"), Buffer.from(crl.rawData));
    const run = spawnSync("openssl", ["crl", "-inform", "DER", "-in", path.join(dir, "lab.crl"), "-CAfile", path.join(dir, "root.pem"), "-noout", "-text"], { encoding: "utf8" });
    expect(run.stderr).toContain("verify OK");
    const out = run.stdout;
    expect(out).toMatch(/Serial Number: 0A1B2C/i);
    expect(out).toContain("Key Compromise");
    expect(out).toMatch(/X509v3 CRL Number:\s*\n\s*7/);
  });
});
