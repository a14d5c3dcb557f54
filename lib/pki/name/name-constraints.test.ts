import { describe, expect, test } from "vitest";
import { dnsNameMatches, formatIp, ipAddressMatches, NameConstraintState, rfc822NameMatches, uriMatches } from "./name-constraints";

describe("name constraint matching (RFC 5280 §4.2.1.10)", () => {
  test.each([
    ["mail.contoso.com", "contoso.com", true],
    ["contoso.com", "contoso.com", true],
    ["MAIL.Contoso.COM", "contoso.com", true],
    ["evilcontoso.com", "contoso.com", false],
    ["contoso.com", ".contoso.com", false],
    ["a.contoso.com", ".contoso.com", true],
    ["contoso.com.evil.net", "contoso.com", false],
  ])("dNSName %s under %s → %s", (name, constraint, expected) => expect(dnsNameMatches(name, constraint)).toBe(expected));

  test.each([
    ["user@contoso.com", "contoso.com", true],
    ["user@mail.contoso.com", "contoso.com", false],
    ["user@mail.contoso.com", ".contoso.com", true],
    ["user@contoso.com", ".contoso.com", false],
    ["user@contoso.com", "user@contoso.com", true],
    ["other@contoso.com", "user@contoso.com", false],
    ["not-a-mailbox", "contoso.com", false],
  ])("rfc822Name %s under %s → %s", (name, constraint, expected) => expect(rfc822NameMatches(name, constraint)).toBe(expected));

  test.each([
    ["http://host.contoso.com/path", "host.contoso.com", true],
    ["http://host.contoso.com:8080/", ".contoso.com", true],
    ["ldap://user@host.contoso.com/", "contoso.com", false],
    ["urn:isbn:123", "contoso.com", false],
  ])("URI %s under %s → %s", (name, constraint, expected) => expect(uriMatches(name, constraint)).toBe(expected));

  test.each([
    [[192, 0, 2, 10], [192, 0, 2, 0, 255, 255, 255, 0], true],
    [[192, 0, 3, 10], [192, 0, 2, 0, 255, 255, 255, 0], false],
    [[10, 1, 2, 3], [10, 0, 0, 0, 255, 0, 0, 0], true],
    [[10, 1, 2, 3], [10, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], false],
  ])("iPAddress %j in %j → %s", (address, constraint, expected) => expect(ipAddressMatches(Uint8Array.from(address), Uint8Array.from(constraint))).toBe(expected));

  test("formats addresses and ranges", () => {
    expect(formatIp(Uint8Array.from([192, 0, 2, 0, 255, 255, 255, 0]))).toBe("192.0.2.0/255.255.255.0");
    expect(formatIp(Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, ...Array<number>(12).fill(0)]))).toBe("2001:db8:0:0:0:0:0:0");
  });
});

describe("NameConstraintState accumulates CAs' constraints", () => {
  const state = new NameConstraintState();
  state.add({ permitted: [{ type: "dNSName", value: "contoso.com" }], excluded: [{ type: "dNSName", value: "secret.contoso.com" }] });
  state.add({ permitted: [{ type: "dNSName", value: "mail.contoso.com" }, { type: "rfc822Name", value: "contoso.com" }], excluded: [] });

  test.each([
    ["dNSName", "mail.contoso.com", null],
    ["dNSName", "www.contoso.com", "outside the permitted subtrees"],
    ["dNSName", "x.secret.contoso.com", "excluded subtree"],
    ["rfc822Name", "admin@contoso.com", null],
    ["rfc822Name", "admin@fabrikam.com", "outside the permitted subtrees"],
    ["uri", "http://anything.example/", null],
  ] as const)("%s %s → %s", (type, value, violation) => {
    const found = state.findViolation({ type, value });
    if (violation === null) expect(found).toBeNull();
    else expect(found).toContain(violation);
  });
});
