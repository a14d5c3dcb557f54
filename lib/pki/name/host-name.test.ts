import { describe, expect, test } from "vitest";
import { dnsNameMatchesPattern, parseIpAddress } from "./host-name";

describe("host names", () => {
  test.each([
    ["mail.contoso.com", "mail.contoso.com", true],
    ["MAIL.contoso.com.", "mail.CONTOSO.com", true],
    ["owa.contoso.com", "*.contoso.com", true],
    ["contoso.com", "*.contoso.com", false],
    ["a.b.contoso.com", "*.contoso.com", false],
    ["anything.com", "*.com", false],
    ["mail.contoso.com", "m*.contoso.com", false],
  ])("%s against %s → %s", (host, pattern, expected) => expect(dnsNameMatchesPattern(host, pattern)).toBe(expected));

  test.each([
    ["192.0.2.10", [192, 0, 2, 10]],
    ["::1", [...Array<number>(15).fill(0), 1]],
    ["2001:db8::10", [0x20, 0x01, 0x0d, 0xb8, ...Array<number>(10).fill(0), 0, 0x10]],
    ["::ffff:192.0.2.1", [...Array<number>(10).fill(0), 0xff, 0xff, 192, 0, 2, 1]],
  ])("parses %s", (text, bytes) => expect([...(parseIpAddress(text) ?? [])]).toEqual(bytes));

  test.each(["mail.contoso.com", "256.1.1.1", "1.2.3", "1::2::3", "12345::", ""])("%s is not an IP address", (text) => expect(parseIpAddress(text)).toBeNull());
});
