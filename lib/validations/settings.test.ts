// The settings' URL allow-list accepts what the SSRF guard supports (issue 12, finding 1): host names with
// wildcards, IP addresses in any spelling, and CIDRs; a malformed CIDR gets a message naming it.
import { describe, expect, test } from "vitest";
import { settingsSchema } from "./settings";

const base = { revocationPolicy: "strict", revocationOrder: "crlFirst", proxyServer: "", proxyBypass: "", useEnvironmentProxy: false, fetchTimeoutMs: 10_000, expiryWarningDays: "30,7" };

describe("settings urlAllowList", () => {
  test.each(["10.0.0.0/8", "fd00::/8", "127.0.0.1;10.0.0.0/8;pki.contoso.local", "*.lab.contoso.com", "[::1]", "192.168.1.0/24 172.16.0.0/12", "::ffff:7f00:1/128"])("'%s' is accepted", (urlAllowList) => {
    expect(settingsSchema.safeParse({ ...base, urlAllowList }).success).toBe(true);
  });

  test.each([
    ["10.0.0.0/33", /'10\.0\.0\.0\/33' is not a valid CIDR/],
    ["fd00::/129", /'fd00::\/129' is not a valid CIDR/],
    ["10.0.0/x", /not a valid CIDR/],
    ["pki.contoso.local/8", /is not a host name, IP address or CIDR/],
    ["http://pki.contoso.local", /is not a host name, IP address or CIDR/],
  ])("'%s' is refused with a clear message", (urlAllowList, message) => {
    const parsed = settingsSchema.safeParse({ ...base, urlAllowList });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(message);
    expect(parsed.error?.issues[0]?.path).toEqual(["urlAllowList"]);
  });
});
