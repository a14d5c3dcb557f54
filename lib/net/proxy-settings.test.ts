import { describe, expect, test } from "vitest";
import { parseBypassList, parseProxyServer, parseProxySetting, ProxySettingError, resolveProxySettings, routeFor } from "./proxy-settings";

const console3128 = (bypass: string) => resolveProxySettings({ proxy: "http://p:3128", bypass });

describe("WinHTTP bypass list", () => {
  test.each([
    ["*.contoso.com", "http://crl.contoso.com/a.crl", true],
    ["*.contoso.com", "http://CRL.Contoso.COM/a.crl", true],
    ["*.contoso.com", "http://contoso.com/a.crl", false],
    ["*.contoso.com", "http://crl.contoso.com.evil.net/a.crl", false],
    ["10.*", "http://10.1.2.3/a.crl", true],
    ["10.*", "http://110.1.2.3/a.crl", false],
    ["<local>", "http://intranet/a.crl", true],
    ["<LOCAL>", "http://intranet:8080/a.crl", true],
    ["<local>", "http://intranet.contoso.com/a.crl", false],
    ["<local>", "http://[::1]/a.crl", false],
    ["crl.contoso.com", "http://crl.contoso.com/a.crl", true],
    ["crl.contoso.com", "http://www.crl.contoso.com/a.crl", false],
    ["crl.*.com", "http://crl.fabrikam.com/x", true],
    ["*contoso*", "http://www.contoso.net/x", true],
    ["crl.contoso.com:8080", "http://crl.contoso.com:8080/a.crl", true],
    ["crl.contoso.com:8080", "http://crl.contoso.com/a.crl", false],
    ["crl.contoso.com:80", "http://crl.contoso.com/a.crl", true],
    ["https://crl.contoso.com", "http://crl.contoso.com/a.crl", false],
    ["https://crl.contoso.com", "https://crl.contoso.com/a.crl", true],
    ["[::1]", "http://[::1]:8080/a.crl", true],
    ["*", "http://anything.example/x", true],
    ["a.example;b.example", "http://b.example/x", true],
    ["a.example b.example", "http://b.example/x", true],
    ["a.example ; ;b.example", "http://c.example/x", false],
  ])("bypass %s for %s → %s", (list, url, bypassed) => {
    const route = routeFor(url, console3128(list));
    expect(route.via).toBe(bypassed ? "direct" : "http://p:3128");
    expect(route.reason).toMatch(bypassed ? /^host matches bypass entry / : /^proxy http:\/\/p:3128$/);
  });

  test("the reason names the matching entry", () => {
    expect(routeFor("http://crl.contoso.com/x", console3128("<local>;*.contoso.com")).reason).toBe("host matches bypass entry *.contoso.com");
  });

  test("entries keep their raw text", () => {
    expect(parseBypassList("*.contoso.com;10.*;<local>").map((e) => e.raw)).toEqual(["*.contoso.com", "10.*", "<local>"]);
  });
});

describe("proxy server setting", () => {
  test.each([
    ["http://p:3128", "http://p:3128"],
    ["p:3128", "http://p:3128"],
    ["p", "http://p:80"],
    ["http://User:s3cret@p.contoso.com:8080", "http://p.contoso.com:8080"],
  ])("%s → %s (credentials never shown)", (text, display) => {
    const server = parseProxyServer(text);
    expect(server.display).toBe(display);
    expect(server.display).not.toContain("s3cret");
  });

  test("credentials become a Basic Proxy-Authorization header", () => {
    expect(parseProxyServer("http://alice:p%40ss@p:3128").authorization).toBe(`Basic ${Buffer.from("alice:p@ss").toString("base64")}`);
  });

  test("per-scheme form as in netsh winhttp set proxy proxy-server=\"http=myproxy\"", () => {
    const proxies = parseProxySetting("http=myproxy:8080;https=sproxy:3128");
    expect(proxies.http?.display).toBe("http://myproxy:8080");
    expect(proxies.https?.display).toBe("http://sproxy:3128");
    const settings = { proxies: parseProxySetting("http=myproxy"), bypass: [], source: "console" as const };
    expect(routeFor("https://x.example/", settings)).toEqual({ via: "direct", reason: "no proxy configured for https:" });
    expect(routeFor("http://x.example/", settings).via).toBe("http://myproxy:80");
  });

  test.each(["https://p:3128", "socks5://p:1080", "http://", "a b", "ftp=p:21"])("rejects %s", (text) => {
    expect(() => parseProxySetting(text)).toThrow(ProxySettingError);
  });

  test("the error message does not leak the password", () => {
    expect(() => parseProxyServer("https://u:topsecret@p:3128")).toThrow(/^(?!.*topsecret)/);
  });

  test("no proxy configured → direct", () => {
    expect(routeFor("http://crl.example/x", resolveProxySettings({}))).toEqual({ via: "direct", reason: "no proxy configured" });
  });

  test("LDAP is never proxied", () => {
    expect(routeFor("ldap://dc1.contoso.com/cn=x", console3128("")).via).toBe("direct");
  });
});

describe("environment proxy (only when chosen explicitly)", () => {
  const environment = { HTTPS_PROXY: "http://envproxy:8080", http_proxy: "http://plain:3128", NO_PROXY: ".contoso.com,intranet:8080" };

  test("environment values are ignored unless useEnvironmentProxy is set", () => {
    expect(routeFor("https://crl.example/x", resolveProxySettings({ environment })).via).toBe("direct");
  });

  test.each([
    ["https://crl.example/x", "http://envproxy:8080", /from HTTPS_PROXY/],
    ["http://crl.example/x", "http://plain:3128", /from HTTP_PROXY/],
    ["http://crl.contoso.com/x", "direct", /NO_PROXY entry \.contoso\.com/],
    ["http://contoso.com/x", "direct", /NO_PROXY entry/],
    ["http://intranet:8080/x", "direct", /NO_PROXY entry intranet:8080/],
    ["http://intranet/x", "http://plain:3128", /proxy/],
  ])("%s → %s", (url, via, reason) => {
    const route = routeFor(url, resolveProxySettings({ useEnvironmentProxy: true, environment }));
    expect(route.via).toBe(via);
    expect(route.reason).toMatch(reason);
  });
});
