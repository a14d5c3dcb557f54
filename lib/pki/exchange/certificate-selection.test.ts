import { describe, expect, test } from "vitest";
import { nameMatch, selectCertificateForHost, type SelectionCandidate } from "./certificate-selection";

const NOW = new Date("2026-06-01T00:00:00Z");
const cert = (thumbprint: string, over: Partial<SelectionCandidate> = {}): SelectionCandidate => ({
  thumbprint,
  domains: ["mail.contoso.com"],
  notBefore: new Date("2026-01-01T00:00:00Z"),
  notAfter: new Date("2027-01-01T00:00:00Z"),
  isSelfSigned: false,
  hasPrivateKey: true,
  status: "Valid",
  ...over,
});

describe("nameMatch", () => {
  test.each([
    ["mail.contoso.com", "MAIL.contoso.com.", "exact"],
    ["*.contoso.com", "mail.contoso.com", "wildcard"],
    ["*.contoso.com", "a.mail.contoso.com", null],
    ["*.contoso.com", "contoso.com", null],
    ["owa.contoso.com", "mail.contoso.com", null],
  ] as const)("%s covers %s: %s", (pattern, host, want) => {
    expect(nameMatch(pattern, host)).toBe(want);
  });
});

describe("selectCertificateForHost", () => {
  test("an exact name wins over a wildcard, a CA certificate over a self-signed one, then the latest NotBefore", () => {
    const wildcard = cert("W", { domains: ["*.contoso.com"], notBefore: new Date("2026-05-01T00:00:00Z") });
    const selfSigned = cert("S", { isSelfSigned: true, notBefore: new Date("2026-05-02T00:00:00Z") });
    const older = cert("O");
    const newer = cert("N", { notBefore: new Date("2026-03-01T00:00:00Z") });
    expect(selectCertificateForHost([wildcard, selfSigned, older, newer], "mail.contoso.com", NOW)?.thumbprint).toBe("N");
    expect(selectCertificateForHost([wildcard, selfSigned], "mail.contoso.com", NOW)?.thumbprint).toBe("S");
    expect(selectCertificateForHost([wildcard], "mail.contoso.com", NOW)?.thumbprint).toBe("W");
  });

  test("expired, not yet valid, revoked or keyless certificates are never picked", () => {
    const list = [
      cert("E", { notAfter: new Date("2026-05-01T00:00:00Z") }),
      cert("F", { notBefore: new Date("2026-07-01T00:00:00Z") }),
      cert("R", { status: "Revoked" }),
      cert("K", { hasPrivateKey: false }),
    ];
    expect(selectCertificateForHost(list, "mail.contoso.com", NOW)).toBeNull();
    expect(selectCertificateForHost([cert("A")], "other.contoso.com", NOW)).toBeNull();
  });
});
