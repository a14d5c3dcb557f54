import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ariCertificateId, chooseRenewalTime, parseRenewalInfo } from "./renewal-window";

/** RFC 9773 §4.1's example: AKI keyIdentifier 69:88:5B:…:C8:D4 and serial 00:87:65:43:21 give "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE". */
function rfcExampleCertificate(): Uint8Array {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "certconsole-ari-"));
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  try {
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=ARI example CA", "-days", "30", "-addext", "subjectKeyIdentifier=69:88:5B:6B:87:46:40:41:E1:B3:7B:84:7B:A0:AE:2C:DE:01:C8:D4", "-addext", "basicConstraints=critical,CA:TRUE");
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=mail.contoso.com");
    fs.writeFileSync(path.join(dir, "ext"), "authorityKeyIdentifier=keyid\nsubjectAltName=DNS:mail.contoso.com\n");
    openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "0x87654321", "-days", "10", "-extfile", "ext", "-outform", "DER", "-out", "leaf.der");
    return new Uint8Array(fs.readFileSync(path.join(dir, "leaf.der")));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("ACME Renewal Information (RFC 9773)", () => {
  test("the certificate identifier matches the RFC's example", () => {
    expect(ariCertificateId(rfcExampleCertificate())).toBe("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");
  });

  test.each([
    ["no window", {}],
    ["an unparsable start", { suggestedWindow: { start: "soon", end: "2025-01-03T04:00:00Z" } }],
    ["an end before the start", { suggestedWindow: { start: "2025-01-03T04:00:00Z", end: "2025-01-02T04:00:00Z" } }],
    ["null", null],
  ])("a response with %s is refused as ERR_ARI_MALFORMED", (_name, body) => {
    expect(() => parseRenewalInfo(body)).toThrow(expect.objectContaining({ code: "ERR_ARI_MALFORMED" }));
  });

  const validity = { notBefore: new Date("2026-12-01T00:00:00Z"), notAfter: new Date("2027-03-01T00:00:00Z") };
  const info = parseRenewalInfo({ suggestedWindow: { start: "2027-01-10T00:00:00Z", end: "2027-01-12T00:00:00Z" }, explanationURL: "https://acme.example.com/docs/ari" });

  test.each([
    [0, "2027-01-10T00:00:00.000Z"],
    [0.5, "2027-01-11T00:00:00.000Z"],
    [0.9999999, "2027-01-11T23:59:59.827Z"],
  ])("with ARI the renewal time is drawn inside the window (draw %s → %s)", (random, expected) => {
    const decision = chooseRenewalTime(validity, info, random);
    expect(decision).toMatchObject({ source: "ari", reason: expect.stringContaining("RFC 9773") });
    expect(decision.renewAt.toISOString()).toBe(expected);
  });

  test("without ARI the certificate renews after two thirds of its lifetime", () => {
    const decision = chooseRenewalTime(validity, null, 0.3);
    expect(decision.source).toBe("lifetime");
    expect(decision.renewAt.toISOString()).toBe("2027-01-30T00:00:00.000Z");
    expect(decision.reason).toContain("90-day lifetime");
  });
});
