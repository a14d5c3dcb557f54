import { describe, expect, test } from "vitest";
import { EXCHANGE_STATUSES, type ExchangeStatus } from "./status";
import { REVOCATION_CHECK_FAILED_MESSAGE, decideAssignment, type RevocationPolicy } from "./assignment-policy";

const expected: Record<ExchangeStatus, Record<RevocationPolicy, [string, string]>> = {
  // [decision without ack, decision with ack]
  Valid: { strict: ["allow", "allow"], warnButAllow: ["allow", "allow"] },
  RevocationCheckFailure: { strict: ["refuse", "refuse"], warnButAllow: ["warn", "allow"] },
  Revoked: { strict: ["refuse", "refuse"], warnButAllow: ["refuse", "refuse"] },
  DateInvalid: { strict: ["refuse", "refuse"], warnButAllow: ["refuse", "refuse"] },
  Untrusted: { strict: ["refuse", "refuse"], warnButAllow: ["refuse", "refuse"] },
  Invalid: { strict: ["refuse", "refuse"], warnButAllow: ["refuse", "refuse"] },
  PendingRequest: { strict: ["refuse", "refuse"], warnButAllow: ["refuse", "refuse"] },
  Unknown: { strict: ["refuse", "refuse"], warnButAllow: ["refuse", "refuse"] },
};

const table = EXCHANGE_STATUSES.flatMap((status) =>
  (["strict", "warnButAllow"] as const).flatMap((policy) => [false, true].map((acknowledged) => ({ status, policy, acknowledged, want: expected[status][policy][acknowledged ? 1 : 0] }))),
);

describe("decideAssignment", () => {
  test.each(table)("$status × $policy × ack=$acknowledged → $want", ({ status, policy, acknowledged, want }) => {
    const d = decideAssignment({ status, policy, acknowledged, revocationChecked: true, diagnosis: "CRL http://crl.contoso.com/ca.crl: timed out after 15 s (through proxy http://proxy:8080)." });
    expect(d.decision).toBe(want);
    if (d.decision === "refuse") expect(d.code).toMatch(/^ERR_[A-Z_]+$/);
  });

  test("strict refusal speaks the EMC's words and carries the diagnosis", () => {
    const d = decideAssignment({ status: "RevocationCheckFailure", policy: "strict", acknowledged: false, revocationChecked: true, diagnosis: "CRL http://x/ca.crl: timed out." });
    expect(d).toMatchObject({ decision: "refuse", code: "ERR_REVOCATION_CHECK_FAILED" });
    expect(d.decision === "refuse" && d.message.startsWith(REVOCATION_CHECK_FAILED_MESSAGE) && d.message.includes("http://x/ca.crl")).toBe(true);
  });

  test("warnButAllow: the warning asks for acknowledgement; the acknowledged allow returns the text to audit", () => {
    const warn = decideAssignment({ status: "RevocationCheckFailure", policy: "warnButAllow", acknowledged: false, revocationChecked: true, diagnosis: "DIAG" });
    const allow = decideAssignment({ status: "RevocationCheckFailure", policy: "warnButAllow", acknowledged: true, revocationChecked: true, diagnosis: "DIAG" });
    expect(warn.decision === "warn" && /Acknowledge/.test(warn.message) && warn.message.includes("DIAG")).toBe(true);
    expect(allow.decision === "allow" && allow.acknowledgedWarning?.includes("DIAG")).toBe(true);
    expect(decideAssignment({ status: "Valid", policy: "warnButAllow", acknowledged: true, revocationChecked: true })).toEqual({ decision: "allow" });
  });

  test("a revoked certificate has its own message, distinct from a failed check", () => {
    const d = decideAssignment({ status: "Revoked", policy: "warnButAllow", acknowledged: true, revocationChecked: true });
    expect(d).toMatchObject({ decision: "refuse", code: "ERR_CERT_REVOKED" });
    expect(d.decision === "refuse" && d.message.includes("revoked") && !d.message.includes(REVOCATION_CHECK_FAILED_MESSAGE)).toBe(true);
  });

  test.each(["strict", "warnButAllow"] as const)("strict policy bypass right after import: a Valid status never revocation-checked is refused under %s, even acknowledged", (policy) => {
    for (const acknowledged of [false, true]) {
      expect(decideAssignment({ status: "Valid", policy, acknowledged, revocationChecked: false })).toMatchObject({ decision: "refuse", code: "ERR_REVOCATION_NOT_CHECKED" });
    }
  });
});
