import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startCrlServer, type CrlServer } from "@/test/harness/crl-server";
import { closedPortUrl, startForwardProxy, type ForwardProxy } from "@/test/harness/forward-proxy";
import { createNetFetcher } from "./fetcher";

let dir: string;
let server: CrlServer;
let proxy: ForwardProxy;
let authProxy: ForwardProxy;
let tlsServer: https.Server;
let tlsPort: number;
let tlsCa: string;
const crlBytes = Buffer.from("30820100", "hex"); // content is irrelevant to the transport

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "certconsole-http-"));
  writeFileSync(path.join(dir, "ca.crl"), Buffer.concat([crlBytes, Buffer.alloc(5000, 7)]));
  server = await startCrlServer({ dir });
  proxy = await startForwardProxy();
  authProxy = await startForwardProxy({ credentials: { user: "alice", pass: "s3cret" } });
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", path.join(dir, "tls.key"), "-out", path.join(dir, "tls.crt"), "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"], { stdio: "ignore" });
  tlsCa = readFileSync(path.join(dir, "tls.crt"), "utf8");
  tlsServer = https.createServer({ key: readFileSync(path.join(dir, "tls.key")), cert: tlsCa }, (_req, res) => res.writeHead(200, { "content-type": "application/pkix-crl" }).end("tls-crl"));
  await new Promise<void>((resolve) => tlsServer.listen(0, "127.0.0.1", () => resolve()));
  tlsPort = (tlsServer.address() as { port: number }).port;
});

afterAll(async () => {
  tlsServer?.closeAllConnections();
  await Promise.all([server?.stop(), proxy?.stop(), authProxy?.stop(), new Promise((r) => (tlsServer ? tlsServer.close(r) : r(null)))]);
  rmSync(dir, { recursive: true, force: true });
});

const lab = (extra: Parameters<typeof createNetFetcher>[0] = {}) => createNetFetcher({ allowPrivate: true, timeoutMs: 2_000, ...extra });

describe("direct retrieval", () => {
  test("a static CRL with validators, content type and byte count", async () => {
    const outcome = await lab()({ url: `${server.url}/ca.crl` });
    expect(outcome).toMatchObject({ ok: true, httpStatus: 200, contentType: "application/pkix-crl", bytes: 5004, route: { via: "direct", reason: "no proxy configured" } });
    expect(outcome.body?.byteLength).toBe(5004);
    expect(outcome.etag).toMatch(/^"[0-9a-f]+"$/);
    expect(outcome.lastModified).toBeTruthy();
  });

  test("conditional request → 304 notModified, and the server saw the validators", async () => {
    const fetcher = lab();
    const first = await fetcher({ url: `${server.url}/ca.crl` });
    const again = await fetcher({ url: `${server.url}/ca.crl`, ifNoneMatch: first.etag, ifModifiedSince: first.lastModified });
    expect(again).toMatchObject({ ok: true, httpStatus: 304, notModified: true, bytes: 0 });
    expect(again.body).toBeUndefined();
    const logged = server.requests.filter((r) => r.path === "/ca.crl").at(-1);
    expect(logged?.ifNoneMatch).toBe(first.etag);
    expect(logged?.ifModifiedSince).toBe(first.lastModified);
  });

  test("POST sends the body (OCSP style)", async () => {
    const outcome = await lab()({ url: `${server.url}/status/500`, method: "POST", body: new Uint8Array(77), headers: { "content-type": "application/ocsp-request" } });
    expect(outcome.errorCode).toBe("ERR_FETCH_HTTP_STATUS");
    expect(server.requests.at(-1)).toMatchObject({ method: "POST", bodyBytes: 77 });
  });
});

describe("bounds and failures", () => {
  test.each([
    ["/status/404", "ERR_FETCH_HTTP_STATUS", /HTTP 404 Not Found/, 404],
    ["/status/500", "ERR_FETCH_HTTP_STATUS", /HTTP 500 Internal Server Error/, 500],
    ["/reset", "ERR_FETCH_RESET", /connection reset by 127\.0\.0\.1:\d+/, undefined],
    ["/loop", "ERR_FETCH_REDIRECT", /redirect loop: .*\/loop → .*\/loop2 → .*\/loop$/, 302],
    ["/redirect-metadata", "ERR_FETCH_BLOCKED_ADDRESS", /169\.254\.169\.254 is a link-local address.*after redirect/, undefined],
  ])("%s → %s", async (p, code, message, status) => {
    const fetcher = p === "/redirect-metadata" ? createNetFetcher({ allowList: ["127.0.0.1"], timeoutMs: 2_000 }) : lab();
    const outcome = await fetcher({ url: `${server.url}${p}` });
    expect(outcome.ok).toBe(false);
    expect(outcome.errorCode).toBe(code);
    expect(outcome.error).toMatch(message);
    expect(outcome.httpStatus).toBe(status);
  });

  test("hang → ERR_FETCH_TIMEOUT within the deadline", async () => {
    const outcome = await lab({ timeoutMs: 300 })({ url: `${server.url}/hang` });
    expect(outcome).toMatchObject({ ok: false, errorCode: "ERR_FETCH_TIMEOUT", error: "timed out after 0.3 s" });
  });

  test("total deadline caps a chain of hops", async () => {
    const outcome = await lab({ timeoutMs: 5_000, deadlineMs: 400 })({ url: `${server.url}/redirect/hang` });
    expect(outcome.errorCode).toBe("ERR_FETCH_TIMEOUT");
    expect(outcome.error).toMatch(/after redirect to .*\/hang/);
  });

  test("too many redirects", async () => {
    const outcome = await lab({ maxRedirects: 0 })({ url: `${server.url}/redirect/ca.crl` });
    expect(outcome).toMatchObject({ errorCode: "ERR_FETCH_REDIRECT", error: "too many redirects (more than 0)" });
    expect((await lab({ maxRedirects: 1 })({ url: `${server.url}/redirect/ca.crl` })).ok).toBe(true);
  });

  test("endless body → ERR_FETCH_TOO_LARGE, reading stops at the cap", async () => {
    const maxBytes = 1024 * 1024;
    const outcome = await lab({ maxBytes })({ url: `${server.url}/endless` });
    expect(outcome.errorCode).toBe("ERR_FETCH_TOO_LARGE");
    expect(outcome.error).toMatch(/exceeded the 1 MB size cap/);
    expect(outcome.bytes).toBeGreaterThan(maxBytes);
    expect(outcome.bytes).toBeLessThan(maxBytes + 256 * 1024);
    expect(outcome.body).toBeUndefined();
    await new Promise((r) => setTimeout(r, 100));
    // the server could only push what socket buffers hold beyond what we read: nowhere near "endless"
    expect(server.endlessBytesSent()).toBeLessThan(maxBytes + 16 * 1024 * 1024);
  });

  test("declared Content-Length above the cap is refused before reading", async () => {
    const outcome = await lab({ maxBytes: 1000 })({ url: `${server.url}/ca.crl` });
    expect(outcome).toMatchObject({ errorCode: "ERR_FETCH_TOO_LARGE", bytes: 0 });
    expect(outcome.error).toMatch(/response of 4\.9 KB exceeds the 1,000 bytes size cap/);
  });

  test("connection refused", async () => {
    const closed = await closedPortUrl();
    expect(await lab()({ url: `${closed}/x.crl` })).toMatchObject({ errorCode: "ERR_FETCH_REFUSED" });
  });

  test.each(["ftp://ftp.example/x.crl", "file:///etc/passwd", "not a url"])("unsupported: %s", async (url) => {
    expect((await lab()({ url })).errorCode).toBe("ERR_FETCH_UNSUPPORTED_SCHEME");
  });

  test("DNS failure", async () => {
    const outcome = await lab()({ url: "http://crl.does-not-exist.invalid/x.crl" });
    expect(outcome.errorCode).toBe("ERR_FETCH_DNS");
    expect(outcome.error).toMatch(/could not resolve host crl\.does-not-exist\.invalid/);
  });
});

describe("SSRF guard", () => {
  test.each([
    ["http://169.254.169.254/latest/meta-data/"],
    ["http://127.0.0.1:1/x.crl"],
    ["http://10.1.2.3/x.crl"],
    ["http://[::1]/x.crl"],
    ["http://localhost/x.crl"],
  ])("%s refused by default", async (url) => {
    const outcome = await createNetFetcher({ timeoutMs: 1_000 })({ url });
    expect(outcome).toMatchObject({ ok: false, errorCode: "ERR_FETCH_BLOCKED_ADDRESS", bytes: 0 });
  });

  test("a name resolving to loopback is refused, then allowed by the allow-list", async () => {
    const resolver = async () => [{ address: "127.0.0.1", family: 4 as const }];
    const url = `http://crl.lab.contoso.test:${server.port}/ca.crl`;
    expect((await createNetFetcher({ resolver })({ url })).errorCode).toBe("ERR_FETCH_BLOCKED_ADDRESS");
    const allowed = await createNetFetcher({ resolver, allowList: ["*.lab.contoso.test"] })({ url });
    expect(allowed.ok).toBe(true);
    // connected to the vetted address, but sent the original Host header
    expect(server.requests.at(-1)?.host).toBe(`crl.lab.contoso.test:${server.port}`);
  });

  test("allowPrivate lets loopback through", async () => {
    expect((await createNetFetcher({ allowPrivate: true })({ url: `${server.url}/ca.crl` })).ok).toBe(true);
  });
});

describe("through the forward proxy", () => {
  test("a host outside the bypass list goes through the proxy, one inside goes direct", async () => {
    const fetcher = lab({ proxy: proxy.url, bypass: "*.contoso.com;<local>" });
    const before = proxy.carried.length;
    const proxied = await fetcher({ url: `${server.url}/ca.crl` });
    expect(proxied).toMatchObject({ ok: true, bytes: 5004, route: { via: proxy.url, reason: `proxy ${proxy.url}` } });
    expect(proxy.carried.slice(before).map((c) => c.target)).toEqual([`127.0.0.1:${server.port}`]);

    const direct = await fetcher({ url: `http://localhost:${server.port}/ca.crl` });
    expect(direct).toMatchObject({ ok: true, route: { via: "direct", reason: "host matches bypass entry <local>" } });
    expect(proxy.carried.length).toBe(before + 1);
  });

  test("the SSRF guard still checks the target when a proxy is used", async () => {
    const outcome = await createNetFetcher({ proxy: proxy.url })({ url: "http://169.254.169.254/latest/meta-data/" });
    expect(outcome).toMatchObject({ errorCode: "ERR_FETCH_BLOCKED_ADDRESS", route: { via: proxy.url } });
    expect(proxy.carriedHost("169.254.169.254")).toBe(false);
  });

  test("a host that does not resolve here is left to the proxy to resolve (not so when direct)", async () => {
    const resolver = () => Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" }));
    const url = `http://localhost:${server.port}/ca.crl`;
    expect(await lab({ resolver })({ url })).toMatchObject({ ok: false, errorCode: "ERR_FETCH_DNS" });
    const before = proxy.carried.length;
    const outcome = await lab({ resolver, proxy: proxy.url })({ url });
    expect(outcome).toMatchObject({ ok: true, route: { via: proxy.url, reason: `proxy ${proxy.url}; localhost does not resolve here, left to the proxy` } });
    expect(proxy.carried.slice(before).map((c) => c.target)).toEqual([`localhost:${server.port}`]);
  });

  test("wrong proxy → ERR_FETCH_PROXY naming the proxy", async () => {
    const wrong = await closedPortUrl();
    const outcome = await lab({ proxy: wrong })({ url: `${server.url}/ca.crl` });
    expect(outcome).toMatchObject({ ok: false, errorCode: "ERR_FETCH_PROXY", route: { via: wrong } });
    expect(outcome.error).toBe(`could not connect to proxy ${wrong} (connection refused)`);
  });

  test("proxy demanding credentials → 407 as ERR_FETCH_PROXY; with user:pass@ it works and the route hides them", async () => {
    const denied = await lab({ proxy: authProxy.url })({ url: `${server.url}/ca.crl` });
    expect(denied).toMatchObject({ errorCode: "ERR_FETCH_PROXY", httpStatus: 407 });
    expect(denied.error).toContain(authProxy.url);
    const withCreds = authProxy.url.replace("http://", "http://alice:s3cret@");
    const ok = await lab({ proxy: withCreds })({ url: `${server.url}/ca.crl` });
    expect(ok).toMatchObject({ ok: true, route: { via: authProxy.url } });
    expect(JSON.stringify(ok.route)).not.toContain("s3cret");
  });

  test("https through a proxy demanding credentials: the CONNECT gets 407 → ERR_FETCH_PROXY", async () => {
    const outcome = await lab({ proxy: authProxy.url, ca: [tlsCa] })({ url: `https://localhost:${tlsPort}/x.crl` });
    expect(outcome).toMatchObject({ ok: false, errorCode: "ERR_FETCH_PROXY", httpStatus: 407, error: `proxy ${authProxy.url} requires authentication (HTTP 407 Proxy Authentication Required)` });
    const withCreds = authProxy.url.replace("http://", "http://alice:s3cret@");
    expect((await lab({ proxy: withCreds, ca: [tlsCa] })({ url: `https://localhost:${tlsPort}/x.crl` })).ok).toBe(true);
  });

  test("an unreachable server behind the proxy: the proxy's error status, named as coming through it", async () => {
    const closed = await closedPortUrl();
    const outcome = await lab({ proxy: proxy.url })({ url: `${closed}/x.crl` });
    expect(outcome).toMatchObject({ ok: false, errorCode: "ERR_FETCH_HTTP_STATUS", httpStatus: 500 });
    expect(outcome.error).toBe(`HTTP 500 Internal Server Error received through proxy ${proxy.url} (the proxy's own error or the server's answer)`);
    const tunnel = await lab({ proxy: proxy.url })({ url: `${closed.replace("http:", "https:")}/x.crl` });
    expect(tunnel).toMatchObject({ ok: false, errorCode: "ERR_FETCH_PROXY" });
    expect(tunnel.error).toMatch(new RegExp(`^proxy ${proxy.url} refused the tunnel to 127\\.0\\.0\\.1:\\d+ \\(HTTP 500`));
  });

  test("a hang through the proxy times out and says so", async () => {
    const outcome = await lab({ proxy: proxy.url, timeoutMs: 300 })({ url: `${server.url}/hang` });
    expect(outcome).toMatchObject({ errorCode: "ERR_FETCH_TIMEOUT", error: `timed out after 0.3 s through proxy ${proxy.url}` });
  });

  test("https through a CONNECT tunnel", async () => {
    const before = proxy.carried.length;
    const outcome = await lab({ proxy: proxy.url, ca: [tlsCa] })({ url: `https://localhost:${tlsPort}/x.crl` });
    expect(outcome.error).toBeUndefined();
    expect(outcome).toMatchObject({ ok: true, httpStatus: 200, route: { via: proxy.url } });
    expect(Buffer.from(outcome.body ?? []).toString()).toBe("tls-crl");
    expect(proxy.carried.slice(before)).toEqual([{ method: "CONNECT", target: `localhost:${tlsPort}`, url: `localhost:${tlsPort}` }]);
  });

  test("https direct with an untrusted certificate → ERR_FETCH_TLS", async () => {
    const outcome = await lab()({ url: `https://localhost:${tlsPort}/x.crl` });
    expect(outcome.errorCode).toBe("ERR_FETCH_TLS");
    expect(outcome.error).toMatch(/TLS handshake with 127\.0\.0\.1:\d+ failed: self.signed certificate/);
    expect((await lab({ ca: [tlsCa] })({ url: `https://localhost:${tlsPort}/x.crl` })).ok).toBe(true);
  });

  test("environment proxy only when chosen, with NO_PROXY honoured", async () => {
    const environment = { HTTP_PROXY: proxy.url, NO_PROXY: "localhost" };
    const before = proxy.carried.length;
    expect((await lab({ environment })({ url: `${server.url}/ca.crl` })).route.via).toBe("direct");
    const viaEnv = await lab({ useEnvironmentProxy: true, environment })({ url: `${server.url}/ca.crl` });
    expect(viaEnv.route).toEqual({ via: proxy.url, reason: `proxy ${proxy.url} (from HTTP_PROXY)` });
    const bypassed = await lab({ useEnvironmentProxy: true, environment })({ url: `http://localhost:${server.port}/ca.crl` });
    expect(bypassed.route.reason).toBe("host matches NO_PROXY entry localhost");
    expect(proxy.carried.length).toBe(before + 1);
  });
});
