// reportProbe on hand-made probe results: the cases no live server in the tests produces.
import { describe, expect, test } from "vitest";
import { issueCertificate } from "@/lib/pki/csr/issue-certificate";
import { reportProbe } from "./probe-report";
import type { ProbeResult } from "./tls-probe";

const NOW = new Date("2026-06-01T00:00:00Z");

function probe(fields: Partial<ProbeResult>): ProbeResult {
  return {
    host: "mx.fabrikam.com",
    port: 25,
    starttls: "smtp",
    servername: "mx.fabrikam.com",
    address: "192.0.2.25",
    route: { via: "direct", reason: "no proxy configured" },
    connected: true,
    starttlsOffered: true,
    tlsEstablished: true,
    protocol: "TLSv1.2",
    cipher: "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    presentedChain: [],
    banner: "220 mx.fabrikam.com ESMTP",
    capabilities: ["STARTTLS"],
    transcript: [],
    starttlsRefusal: null,
    errors: [],
    durationMs: 12,
    ...fields,
  };
}

describe("reportProbe", () => {
  test("a certificate that cannot be parsed → Invalid, ERR_CERT_MALFORMED", async () => {
    const report = await reportProbe(probe({ presentedChain: [new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00])] }), { trustAnchors: [], now: NOW });
    expect(report.status).toBe("Invalid");
    expect(report.problems.map((p) => p.code)).toEqual(["ERR_CERT_MALFORMED"]);
    expect(report.summary).toMatch(/^mx\.fabrikam\.com:25 \(STARTTLS SMTP\): the server presented a certificate that cannot be parsed: .*; TLS 1\.2 with TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\.$/);
  });

  test("no certificate → Invalid, ERR_NO_CERTIFICATE", async () => {
    const report = await reportProbe(probe({}), { trustAnchors: [], now: NOW });
    expect([report.status, report.problems[0]!.code]).toEqual(["Invalid", "ERR_NO_CERTIFICATE"]);
  });

  test("connected but the handshake failed → ConnectionFailed saying so", async () => {
    const report = await reportProbe(probe({ tlsEstablished: false, protocol: null, cipher: null, errors: [{ stage: "handshake", code: "ERR_PROBE_TLS", message: "TLS handshake with mx.fabrikam.com:25 failed: wrong version number" }] }), { trustAnchors: [], now: NOW });
    expect(report.status).toBe("ConnectionFailed");
    expect(report.summary).toBe("mx.fabrikam.com:25 (STARTTLS SMTP): the connection was made but TLS could not be established — TLS handshake with mx.fabrikam.com:25 failed: wrong version number.");
  });

  test("name mismatch and expiry together: Invalid, the mismatch named first, the expiry date in the summary", async () => {
    const root = await issueCertificate({ subject: "CN=Fabrikam Root", notBefore: new Date("2024-01-01"), notAfter: new Date("2030-01-01"), isCa: true, key: { kind: "EC", curve: "P-256" } }, null);
    const leaf = await issueCertificate({ subject: "CN=mail.fabrikam.com", dnsNames: ["mail.fabrikam.com"], notBefore: new Date("2024-01-01"), notAfter: new Date("2026-03-01T00:00:00Z"), key: { kind: "EC", curve: "P-256" } }, root);
    const report = await reportProbe(probe({ presentedChain: [new Uint8Array(leaf.certificate.rawData)] }), { trustAnchors: [new Uint8Array(root.certificate.rawData)], now: NOW });
    expect(report.status).toBe("Invalid");
    expect(report.problems.map((p) => p.code).sort()).toEqual(["ERR_EXPIRED", "ERR_NAME_MISMATCH"]);
    expect(report.summary).toMatch(/^mx\.fabrikam\.com:25 \(STARTTLS SMTP\) presented CN=mail\.fabrikam\.com issued by CN=Fabrikam Root, which expired on 2026-03-01 \(thumbprint [0-9A-F]{40}\); TLS 1\.2 with TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\. Status Invalid: \[depth 0\] .*mx\.fabrikam\.com.* \[depth 0\] /);
    // Issued directly by the trusted root: a leaf alone is the whole chain, so no "missing intermediates" advice.
    expect(report.hints).toEqual([]);
  });
});
