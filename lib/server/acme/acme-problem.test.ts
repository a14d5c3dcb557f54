import { describe, expect, test } from "vitest";
import { acmeError, describeProblem } from "./acme-problem";
import { AppError } from "../errors";

describe("ACME problem documents in plain words", () => {
  test.each([
    ["externalAccountRequired", "ERR_ACME_EAB_REQUIRED", "External Account Binding"],
    ["unauthorized", "ERR_ACME_VALIDATION", "could not validate"],
    ["incorrectResponse", "ERR_ACME_VALIDATION", "wrong answer"],
    ["rejectedIdentifier", "ERR_ACME_REJECTED_IDENTIFIER", "will not issue"],
    ["rateLimited", "ERR_ACME_RATE_LIMITED", "rate limit"],
    ["alreadyRevoked", "ERR_ACME_ALREADY_REVOKED", "already revoked"],
    ["somethingNew", "ERR_ACME_PROBLEM", "refused the request"],
  ])("%s → %s", (type, code, words) => {
    const described = describeProblem({ type: `urn:ietf:params:acme:error:${type}`, detail: "the CA's own words" });
    expect(described.code).toBe(code);
    expect(described.message).toContain(words);
    expect(described.message).toContain('The CA said: "the CA\'s own words"');
  });

  test("subproblems name their identifiers", () => {
    const described = describeProblem({ type: "urn:ietf:params:acme:error:rejectedIdentifier", detail: "some names refused", subproblems: [{ type: "urn:ietf:params:acme:error:rejectedIdentifier", detail: "internal name", identifier: { value: "ex01.contoso.local" } }] });
    expect(described.message).toContain("ex01.contoso.local: internal name");
  });

  test("acmeError prefers the CA's last problem, keeps our own ERR_ACME_ errors, and names network failures", () => {
    expect(acmeError(new Error("x"), [{ type: "urn:ietf:params:acme:error:badCSR", detail: "bad key" }], "Finalizing")).toMatchObject({ code: "ERR_ACME_BAD_CSR", message: expect.stringMatching(/^Finalizing failed\./) });
    const own = new AppError("ERR_ACME_NO_DNS01", "no dns-01");
    expect(acmeError(own, [], "Ordering")).toBe(own);
    expect(acmeError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }), [], "Registering")).toMatchObject({ code: "ERR_ACME_UNREACHABLE", message: expect.stringContaining("(ECONNREFUSED)") });
  });
});
