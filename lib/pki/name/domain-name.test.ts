import { describe, expect, test } from "vitest";
import { findDomainNameProblem, validateDomainName } from "./domain-name";

describe("Exchange domain-name validation", () => {
  test.each(["mail.contoso.com", "*.contoso.com", "EXCH01", "autodiscover.sub-1.contoso.co.uk", `${"a".repeat(63)}.com`, `${"a.".repeat(127)}b`])("accepts %s", (name) => {
    expect(findDomainNameProblem(name)).toBeNull();
  });
  test.each([
    ["", /empty/],
    ["mail .contoso.com", /space/],
    ["mail_1.contoso.com", /character "_"/],
    ["mail.*.contoso.com", /wildcard in the wrong place/],
    ["*contoso.com", /wildcard in the wrong place/],
    ["*.", /needs a domain/],
    ["*.com", /at least two labels/],
    [".contoso.com", /starts with a dot/],
    ["contoso.com.", /ends with a dot/],
    ["mail..contoso.com", /two dots/],
    ["-mail.contoso.com", /hyphen/],
    [`${"a".repeat(64)}.com`, /64 characters long; the maximum is 63/],
    [`${"a.".repeat(128)}b`, /257 characters long; the maximum is 255/],
    ["münchen.de", /character "ü"/],
  ])("refuses %j", (name, re) => {
    expect(findDomainNameProblem(name)).toMatch(re);
  });
  test("validateDomainName trims and throws ERR_DOMAIN_INVALID", () => {
    expect(validateDomainName("  mail.contoso.com ")).toBe("mail.contoso.com");
    expect(() => validateDomainName("bad name")).toThrowError(expect.objectContaining({ code: "ERR_DOMAIN_INVALID" }));
  });
});
