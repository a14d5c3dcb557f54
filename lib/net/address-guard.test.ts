import { describe, expect, test } from "vitest";
import { classifyAddress, embeddedIPv4, vetHost, type Resolver } from "./address-guard";

const table: Record<string, string[]> = {
  "metadata.evil.test": ["169.254.169.254"],
  "loopback.evil.test": ["127.0.0.1"],
  "mixed.evil.test": ["93.184.216.34", "10.0.0.5"],
  "public.example": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
  "lab.contoso.test": ["10.20.30.40"],
  "long.evil.test": ["0:0:0:0:0:ffff:7f00:1"],
  "v6lab.contoso.test": ["fd00:1234::5"],
};
const resolver: Resolver = async (host) => {
  const list = table[host];
  if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

describe("classifyAddress", () => {
  test.each([
    ["169.254.169.254", /link-local/],
    ["127.0.0.1", /loopback/],
    ["127.8.9.10", /loopback/],
    ["10.1.2.3", /private/],
    ["172.16.0.1", /private/],
    ["172.31.255.255", /private/],
    ["192.168.1.1", /private/],
    ["100.64.0.1", /carrier-grade NAT/],
    ["0.0.0.0", /unspecified/],
    ["224.0.0.1", /multicast/],
    ["::1", /loopback/],
    ["[::1]", /loopback/],
    ["::", /unspecified/],
    ["fe80::1", /link-local/],
    ["fe80::1%eth0", /link-local/],
    ["fd12:3456::1", /private/],
    ["ff02::1", /multicast/],
    ["::ffff:127.0.0.1", /loopback.*inside IPv4-mapped IPv6/],
    ["::ffff:a9fe:a9fe", /link-local.*169\.254\.169\.254/],
    ["64:ff9b::10.0.0.1", /private/],
    ["255.255.255.255", /broadcast/],
    // Issue 12, finding 1: every spelling of an address, and IPv4 hidden in IPv6, is classified by its value.
    ["0:0:0:0:0:ffff:7f00:1", /loopback.*IPv4 127\.0\.0\.1 inside IPv4-mapped IPv6/],
    ["0:0:0:0:0:ffff:127.0.0.1", /loopback.*IPv4-mapped/],
    ["0000:0000:0000:0000:0000:ffff:7f00:0001", /loopback.*IPv4-mapped/],
    ["::0:ffff:7f00:1", /loopback.*IPv4-mapped/],
    ["[0:0:0:0:0:FFFF:7F00:1]", /loopback/],
    ["0:0:0:0:0:ffff:a9fe:a9fe", /link-local.*169\.254\.169\.254/],
    ["::ffff:0:7f00:1", /loopback.*SIIT/],
    ["64:ff9b::7f00:1", /loopback.*NAT64/],
    ["64:ff9b:0:0:0:0:a9fe:a9fe", /link-local.*NAT64/],
    ["64:ff9b:1::1", /local-use NAT64/],
    ["2002:7f00:1::1", /loopback.*IPv4 127\.0\.0\.1 inside 6to4/],
    ["2002:a9fe:a9fe::", /link-local.*6to4/],
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", /loopback.*IPv4 127\.0\.0\.1 inside Teredo/],
    ["2001:0:4136:e378:8000:63bf:5601:5601", /link-local.*169\.254\.169\.254 inside Teredo/],
    ["::127.0.0.1", /loopback.*IPv4-compatible/],
    ["::7f00:1", /loopback.*IPv4-compatible/],
    ["::a9fe:a9fe", /link-local.*IPv4-compatible/],
    ["0:0:0:0:0:0:0:0", /unspecified/],
    ["0:0:0:0:0:0:0:1", /loopback/],
    ["2130706433", /loopback/],
    ["0177.0.0.1", /loopback/],
    ["127.1", /loopback/],
    ["0x7f.0.0.1", /loopback/],
    ["0", /unspecified/],
    ["0xffffffff", /broadcast/],
    ["100::1", /discard-only/],
    ["example.com", /not an IP address/],
  ])("%s is refused as %s", (address, why) => {
    expect(classifyAddress(address)).toMatch(why);
  });

  test.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "0:0:0:0:0:ffff:808:808", "2002:808:808::1", "64:ff9b::8.8.8.8", "2001:db8::1"])("%s is public", (address) => {
    expect(classifyAddress(address)).toBeNull();
  });

  test("embedded IPv4 forms", () => {
    expect(embeddedIPv4("::ffff:7f00:1")).toBe("127.0.0.1");
    expect(embeddedIPv4("2001:db8::1")).toBeNull();
    expect(embeddedIPv4("0000:0000:0000:0000:0000:ffff:7f00:0001")).toBe("127.0.0.1");
    expect(embeddedIPv4("2002:c000:0201::")).toBe("192.0.2.1");
    expect(embeddedIPv4("2001:0:4136:e378:8000:63bf:3fff:fdd2")).toBe("192.0.2.45");
    expect(embeddedIPv4("::")).toBeNull();
    expect(embeddedIPv4("::1")).toBeNull();
  });
});

describe("vetHost", () => {
  test.each([
    ["169.254.169.254", /169\.254\.169\.254 is a link-local address/],
    ["127.0.0.1", /loopback/],
    ["10.9.8.7", /private/],
    ["[::1]", /::1 is a loopback/],
    ["metadata.evil.test", /metadata\.evil\.test resolves to 169\.254\.169\.254, which is a link-local/],
    ["loopback.evil.test", /resolves to 127\.0\.0\.1/],
    ["mixed.evil.test", /resolves to 10\.0\.0\.5/],
    ["0:0:0:0:0:ffff:7f00:1", /0:0:0:0:0:ffff:7f00:1 \(::ffff:7f00:1\) is a loopback address/],
    ["[0:0:0:0:0:ffff:a9fe:a9fe]", /link-local/],
    ["2130706433", /2130706433 \(127\.0\.0\.1\) is a loopback/],
    ["long.evil.test", /resolves to ::ffff:7f00:1, which is a loopback address/],
  ])("%s → ERR_FETCH_BLOCKED_ADDRESS", async (host, message) => {
    const result = await vetHost(host, {}, resolver);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errorCode).toBe("ERR_FETCH_BLOCKED_ADDRESS");
    expect(result.error).toMatch(message);
  });

  test("a public host is allowed and the first vetted address is returned", async () => {
    const result = await vetHost("public.example", {}, resolver);
    expect(result).toMatchObject({ ok: true, address: "93.184.216.34", family: 4 });
  });

  test("the vetted address is the canonical text of what was classified (what callers connect to)", async () => {
    expect(await vetHost("0177.0.0.1", { allowPrivate: true })).toMatchObject({ ok: true, address: "127.0.0.1", family: 4 });
    expect(await vetHost("[0000:0000:0000:0000:0000:ffff:7f00:0001]", { allowPrivate: true })).toMatchObject({ ok: true, address: "::ffff:7f00:1", family: 6 });
  });

  test("unresolvable host → ERR_FETCH_DNS", async () => {
    expect(await vetHost("nowhere.invalid", {}, resolver)).toEqual({ ok: false, errorCode: "ERR_FETCH_DNS", error: "could not resolve host nowhere.invalid (ENOTFOUND)" });
  });

  test.each([
    ["127.0.0.1", { allowPrivate: true }],
    ["loopback.evil.test", { allowPrivate: true }],
    ["127.0.0.1", { allowList: ["127.0.0.1"] }],
    ["127.0.0.1", { allowList: ["127.0.0.0/8"] }],
    ["[::1]", { allowList: ["::1"] }],
    ["lab.contoso.test", { allowList: ["*.contoso.test"] }],
    ["lab.contoso.test", { allowList: ["10.20.0.0/16"] }],
    ["lab.contoso.test", { allowList: ["LAB.contoso.test"] }],
    ["0:0:0:0:0:ffff:7f00:1", { allowList: ["127.0.0.1"] }],
    ["0:0:0:0:0:ffff:7f00:1", { allowList: ["127.0.0.0/8"] }],
    ["v6lab.contoso.test", { allowList: ["fd00::/8"] }],
    ["v6lab.contoso.test", { allowList: ["fd00:1234:0:0:0:0:0:5"] }],
  ])("%s allowed by %j", async (host, policy) => {
    expect((await vetHost(host, policy, resolver)).ok).toBe(true);
  });

  test.each([
    ["169.254.169.254", { allowList: ["127.0.0.0/8"] }],
    ["lab.contoso.test", { allowList: ["*.fabrikam.test", "10.21.0.0/16"] }],
    ["mixed.evil.test", { allowList: ["93.184.216.34"] }],
    ["v6lab.contoso.test", { allowList: ["fd01::/16"] }],
    ["0:0:0:0:0:ffff:a9fe:a9fe", { allowList: ["127.0.0.0/8"] }],
  ])("%s still refused with %j", async (host, policy) => {
    expect(await vetHost(host, policy, resolver)).toMatchObject({ ok: false, errorCode: "ERR_FETCH_BLOCKED_ADDRESS" });
  });

  test("the real system resolver sees localhost as loopback", async () => {
    expect(await vetHost("localhost", {})).toMatchObject({ ok: false, errorCode: "ERR_FETCH_BLOCKED_ADDRESS" });
  });
});
