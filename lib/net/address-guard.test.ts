import { describe, expect, test } from "vitest";
import { classifyAddress, embeddedIPv4, vetHost, type Resolver } from "./address-guard";

const table: Record<string, string[]> = {
  "metadata.evil.test": ["169.254.169.254"],
  "loopback.evil.test": ["127.0.0.1"],
  "mixed.evil.test": ["93.184.216.34", "10.0.0.5"],
  "public.example": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
  "lab.contoso.test": ["10.20.30.40"],
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
    ["255.255.255.255", /reserved/],
    ["::1", /loopback/],
    ["[::1]", /loopback/],
    ["::", /unspecified/],
    ["fe80::1", /link-local/],
    ["fe80::1%eth0", /link-local/],
    ["fd12:3456::1", /private/],
    ["ff02::1", /multicast/],
    ["::ffff:127.0.0.1", /loopback.*inside IPv6/],
    ["::ffff:a9fe:a9fe", /link-local.*169\.254\.169\.254/],
    ["64:ff9b::10.0.0.1", /private/],
  ])("%s is refused as %s", (address, why) => {
    expect(classifyAddress(address)).toMatch(why);
  });

  test.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"])("%s is public", (address) => {
    expect(classifyAddress(address)).toBeNull();
  });

  test("embedded IPv4 forms", () => {
    expect(embeddedIPv4("::ffff:7f00:1")).toBe("127.0.0.1");
    expect(embeddedIPv4("2001:db8::1")).toBeNull();
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
  ])("%s allowed by %j", async (host, policy) => {
    expect((await vetHost(host, policy, resolver)).ok).toBe(true);
  });

  test.each([
    ["169.254.169.254", { allowList: ["127.0.0.0/8"] }],
    ["lab.contoso.test", { allowList: ["*.fabrikam.test", "10.21.0.0/16"] }],
    ["mixed.evil.test", { allowList: ["93.184.216.34"] }],
  ])("%s still refused with %j", async (host, policy) => {
    expect(await vetHost(host, policy, resolver)).toMatchObject({ ok: false, errorCode: "ERR_FETCH_BLOCKED_ADDRESS" });
  });

  test("the real system resolver sees localhost as loopback", async () => {
    expect(await vetHost("localhost", {})).toMatchObject({ ok: false, errorCode: "ERR_FETCH_BLOCKED_ADDRESS" });
  });
});
