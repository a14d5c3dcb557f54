// certctl verify's policy and profile flags: parsing and the usage errors of bad values.
import { describe, expect, test } from "vitest";
import { main } from "@/cli/certctl";
import { policyInputsOf, profileOf } from "./verify-options";

describe("certctl verify policy and profile flags", () => {
  test("the defaults are the PKITS default settings and the rfc5280 profile", () => {
    expect(policyInputsOf({})).toEqual({ explicitPolicy: false, inhibitPolicyMapping: false, inhibitAnyPolicy: false });
    expect(profileOf({})).toBe("rfc5280");
  });

  test("every flag maps to its RFC 5280 §6.1.1 input", () => {
    const inputs = policyInputsOf({ policy: ["2.16.840.1.101.3.2.1.48.1", "2.5.29.32.0"], "explicit-policy": true, "inhibit-policy-mapping": true, "inhibit-any-policy": true });
    expect(inputs).toEqual({ initialPolicySet: ["2.16.840.1.101.3.2.1.48.1", "2.5.29.32.0"], explicitPolicy: true, inhibitPolicyMapping: true, inhibitAnyPolicy: true });
    expect(profileOf({ profile: "webpki" })).toBe("webpki");
  });

  test.each([
    [["--policy", "NIST-test-policy-1"], /is not a dotted OID/],
    [["--policy", "1.2.840.01"], /is not a dotted OID/],
    [["--profile", "cabf"], /--profile must be one of rfc5280, webpki/],
  ])("certctl verify %j is a usage error (exit 2) and reads no file", async (flags, message) => {
    const err: string[] = [];
    const code = await main(["verify", "/nonexistent/leaf.pem", ...flags], { out: () => undefined, err: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(err.join("\n")).toMatch(message);
    expect(err.join("\n")).not.toMatch(/ENOENT|nonexistent/);
  });
});
