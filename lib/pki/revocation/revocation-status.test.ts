import { describe, expect, test } from "vitest";
import type { CertificateRevocationResult } from "./types";
import { revocationStatus } from "./revocation-status";

function r(depth: number, status: CertificateRevocationResult["status"], message: string, via = "direct", errorCode?: string): CertificateRevocationResult {
  return {
    depth, thumbprint: "AB".repeat(20), subject: depth === 0 ? "CN=mail.contoso.com" : "CN=Contoso Issuing CA", status, message,
    attempts: status === "unknown" ? [{ method: "CRL", url: "http://crl.contoso.com/ca.crl", route: { via, reason: "test" }, outcome: "failed", errorCode: errorCode ?? "ERR_FETCH_TIMEOUT", message, durationMs: 15000, bytes: 0 }] : [],
  };
}

describe("revocationStatus", () => {
  test.each([
    { name: "all good", results: [r(0, "good", "not revoked according to CRL A"), r(1, "good", "not revoked according to CRL B")], status: "Valid" },
    { name: "leaf revoked", results: [r(0, "revoked", "revoked (keyCompromise) on 2026-01-02 according to CRL A"), r(1, "good", "ok")], status: "Revoked" },
    { name: "CA revoked beats leaf unknown", results: [r(0, "unknown", "timeout"), r(1, "revoked", "revoked (cACompromise)")], status: "Revoked" },
    { name: "leaf unknown", results: [r(0, "unknown", "revocation status unknown: CRL http://crl.contoso.com/ca.crl: timed out after 15 s"), r(1, "good", "ok")], status: "RevocationCheckFailure" },
    { name: "intermediate unknown", results: [r(0, "good", "ok"), r(1, "unknown", "stale CRL")], status: "RevocationCheckFailure" },
    { name: "nothing to check", results: [], status: "Valid" },
  ])("$name → $status", ({ results, status }) => {
    const s = revocationStatus(results);
    expect(s.status).toBe(status);
    expect(s.diagnosis.length).toBeGreaterThan(20);
    if (status !== "Valid") expect(s.decidedBy?.status).toBe(status === "Revoked" ? "revoked" : "unknown");
  });

  test("the diagnosis names the failing URL and the proxy used, and says it is not a revocation", () => {
    const s = revocationStatus([r(0, "unknown", "revocation status unknown: CRL http://crl.contoso.com/ca.crl: timed out after 15 s (through proxy http://proxy:8080)", "http://proxy:8080")]);
    expect(s.diagnosis).toContain("http://crl.contoso.com/ca.crl");
    expect(s.diagnosis).toContain("proxy setting (http://proxy:8080)");
    expect(s.diagnosis).toContain("does not mean the certificate is revoked");
  });

  test("a direct timeout points at the console's proxy setting (KB 979694)", () => {
    const s = revocationStatus([r(0, "unknown", "CRL http://crl.contoso.com/ca.crl: timed out after 15 s (direct)")]);
    expect(s.diagnosis).toContain("KB 979694");
  });
});
