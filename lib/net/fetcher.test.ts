import { describe, expect, test } from "vitest";
import { createNetFetcher, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from "./fetcher";
import { ProxySettingError } from "./proxy-settings";

describe("createNetFetcher", () => {
  test("defaults: 15 s timeout, 100 MB cap (large CRLs of 50 MB+ exist)", () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(15_000);
    expect(DEFAULT_MAX_BYTES).toBe(100 * 1024 * 1024);
  });

  test("a malformed proxy setting is refused when the fetcher is built, without echoing the password", () => {
    expect(() => createNetFetcher({ proxy: "https://u:hunter2@p:3128" })).toThrow(ProxySettingError);
    expect(() => createNetFetcher({ proxy: "https://u:hunter2@p:3128" })).toThrow(/^(?!.*hunter2)/);
  });

  test.each([
    ["http://169.254.169.254/latest/meta-data/", "ERR_FETCH_BLOCKED_ADDRESS"],
    ["ldap://169.254.169.254/cn=x?certificateRevocationList;binary", "ERR_FETCH_BLOCKED_ADDRESS"],
    ["gopher://example.com/", "ERR_FETCH_UNSUPPORTED_SCHEME"],
    ["ldap:///cn=x", "ERR_FETCH_UNSUPPORTED_SCHEME"],
    ["", "ERR_FETCH_UNSUPPORTED_SCHEME"],
  ])("%s → %s, never a throw", async (url, code) => {
    const outcome = await createNetFetcher()({ url });
    expect(outcome).toMatchObject({ url, ok: false, errorCode: code, bytes: 0 });
    expect(typeof outcome.error).toBe("string");
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
  });

  test("a resolver that throws something odd still ends in an outcome", async () => {
    const outcome = await createNetFetcher({ resolver: () => Promise.reject(new Error("resolver exploded")) })({ url: "http://crl.example.test/x.crl" });
    expect(outcome).toMatchObject({ ok: false, errorCode: "ERR_FETCH_DNS", error: "could not resolve host crl.example.test (error)" });
  });

  test("the route is reported even when the request is refused before connecting", async () => {
    const outcome = await createNetFetcher({ proxy: "http://proxy.contoso.com:8080", bypass: "*.contoso.com" })({ url: "http://10.0.0.1/x.crl" });
    expect(outcome.route).toEqual({ via: "http://proxy.contoso.com:8080", reason: "proxy http://proxy.contoso.com:8080" });
    expect(outcome.errorCode).toBe("ERR_FETCH_BLOCKED_ADDRESS");
  });
});
