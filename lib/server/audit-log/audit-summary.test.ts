import { expect, test } from "vitest";
import { auditCsv, summarizeAuditEvent } from "./audit-summary";

test.each([
  [
    { action: "service.enable", outcome: "success", targetName: "OWA", details: { services: ["IIS", "SMTP"], servers: ["EXCAS1"], status: "RevocationCheckFailure", acknowledged: true, replacedDefaultSmtp: ["EXCAS1"] } },
    "Assigned services to OWA — IIS, SMTP on EXCAS1; status RevocationCheckFailure; acknowledged RevocationCheckFailure warning; new default SMTP on EXCAS1",
  ],
  [{ action: "service.enable", outcome: "success", targetName: "Mail", details: { services: ["IIS"], servers: ["EX01"], status: "Valid", acknowledged: false } }, "Assigned services to Mail — IIS on EX01"],
  [{ action: "certificate.remove", outcome: "refused", targetName: "Mail", details: { code: "ERR_CERT_IN_USE", message: "in use" } }, "Removed Mail — refused: in use"],
  [{ action: "trustStore.add", outcome: "success", targetName: "Root", details: { server: "EX01", store: "ThirdPartyRoot" } }, "Added to a trust store Root — server EX01; store ThirdPartyRoot"],
  [{ action: "some.new.action", outcome: "success", targetName: "", details: null }, "some.new.action"],
])("summary of %o", (event, expected) => {
  expect(summarizeAuditEvent(event)).toBe(expected);
});

test("CSV quotes every field, doubles quotes, and defuses spreadsheet formulas", () => {
  const csv = auditCsv([
    { at: new Date("2026-12-01T00:00:00Z"), actorName: "admin", actorRole: "admin", action: "x", targetType: "certificate", targetName: '=HYPERLINK("evil")', thumbprint: null, outcome: "success", summary: 'say "hi"', details: { a: 1 } },
  ]);
  const [header, row] = csv.split("\r\n");
  expect(header).toBe("when_utc,user,role,action,target_type,target,thumbprint,outcome,summary,details_json");
  expect(row).toBe('"2026-12-01T00:00:00.000Z","admin","admin","x","certificate","\'=HYPERLINK(""evil"")","","success","say ""hi""","{""a"":1}"');
  expect(csv.endsWith("\r\n")).toBe(true);
});
