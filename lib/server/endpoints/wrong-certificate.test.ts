import { describe, expect, test } from "vitest";
import type { CertificateRef } from "./stored-report";
import { findWrongCertificate } from "./wrong-certificate";

const NOW = new Date("2026-06-01T00:00:00Z");
const cert = (thumbprint: string, notAfter: string, known: CertificateRef["known"]): CertificateRef => ({
  thumbprint,
  subject: `CN=${thumbprint.slice(0, 4).toLowerCase()}.contoso.com`,
  issuer: "CN=Contoso Issuing CA",
  notAfter,
  known,
});
const NEW = cert("A".repeat(40), "2027-05-01T00:00:00.000Z", {
  id: "new",
  friendlyName: "Mail 2027",
  status: "Valid",
});
const OLD = cert("B".repeat(40), "2026-05-01T00:00:00.000Z", {
  id: "old",
  friendlyName: "Mail 2026",
  status: "DateInvalid",
});
const SELF = cert("C".repeat(40), "2030-01-01T00:00:00.000Z", {
  id: "self",
  friendlyName: "Microsoft Exchange",
  status: "Valid",
});
const STRANGER = cert("D".repeat(40), "2026-12-01T00:00:00.000Z", null);
const place = (service: string) => ({ server: "EX01", service, target: "mail.contoso.com:25" });

describe("findWrongCertificate", () => {
  test.each([
    ["the bound certificate", NEW, [NEW]],
    ["one of several bound certificates (SMTP: public + self-signed)", SELF, [NEW, SELF]],
    ["anything, when nothing is bound", OLD, []],
    ["nothing (no TLS)", null, [NEW]],
  ])("no finding when the endpoint presents %s", (_what, presented, bound) => {
    expect(findWrongCertificate(place("SMTP"), presented, bound, NOW)).toBeNull();
  });

  test.each([
    [
      "SMTP",
      OLD,
      `known to the console as "Mail 2026", DateInvalid, expired 2026-05-01`,
      "then Restart-Service MSExchangeTransport",
    ],
    ["IIS", STRANGER, "unknown to the console — not imported on any server it manages", "then iisreset"],
    [
      "IMAP",
      SELF,
      `known to the console as "Microsoft Exchange", Valid, valid until 2030-01-01`,
      "then Restart-Service MSExchangeIMAP4",
    ],
    [
      "Federation",
      OLD,
      `known to the console as "Mail 2026", DateInvalid, expired 2026-05-01`,
      "-Services Federation.",
    ],
  ])(
    "%s presenting %j is flagged with both thumbprints and the fix",
    (service, presented, describes, advice) => {
      const finding = findWrongCertificate(place(service), presented, [NEW], NOW)!;
      expect(finding.presented).toBe(presented);
      expect(finding.bound).toEqual([NEW]);
      expect(finding.message).toContain(
        `EX01 ${service} at mail.contoso.com:25 presents ${presented.subject} (thumbprint ${presented.thumbprint}; ${describes}`,
      );
      expect(finding.message).toContain(
        `not the certificate bound to ${service} on EX01: ${NEW.subject} ("Mail 2027", thumbprint ${NEW.thumbprint}, valid until 2027-05-01)`,
      );
      expect(finding.message).toContain(
        "Renewed but the old certificate is still in use — re-run the service assignment (Enable-ExchangeCertificate) / restart the service",
      );
      expect(finding.message).toContain(
        `Enable-ExchangeCertificate -Server EX01 -Thumbprint ${NEW.thumbprint} -Services ${service}`,
      );
      expect(finding.message).toContain(advice);
    },
  );

  test("several bound certificates are all named; the advice assigns the first (newest binding)", () => {
    const finding = findWrongCertificate(place("SMTP"), OLD, [NEW, SELF], NOW)!;
    expect(finding.message).toContain(
      `thumbprint ${NEW.thumbprint}, valid until 2027-05-01) or ${SELF.subject}`,
    );
    expect(finding.message).toContain(`-Thumbprint ${NEW.thumbprint} -Services SMTP`);
  });
});
