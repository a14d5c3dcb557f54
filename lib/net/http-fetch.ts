/**
 * GET/POST over node:http / node:https, direct or through an HTTP proxy (absolute-form requests for
 * http:, a CONNECT tunnel for https:), with the SSRF guard on every hop, a per-request timeout and a
 * total deadline, a size cap enforced while streaming, bounded redirects and conditional requests.
 * Never throws: every failure becomes a {@link FetchOutcome} with a stable code and a plain-English message.
 * @packageDocumentation
 */
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import tls from "node:tls";
import type { FetchOutcome, FetchRequest, FetchRoute } from "@/lib/pki/ports";
import { vetHost, type AddressPolicy, type Resolver } from "./address-guard";
import { describeNetworkError, formatBytes, formatSeconds } from "./fetch-errors";
import { routeFor, type ProxySettings, type RouteDecision } from "./proxy-settings";

/** Configuration shared by every request of one fetcher. */
export interface HttpFetchConfig {
  settings: ProxySettings;
  policy: AddressPolicy;
  resolver?: Resolver;
  /** Per-request (per-hop) timeout in ms. */
  timeoutMs: number;
  /** Total deadline for the whole retrieval, redirects included, in ms. */
  deadlineMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Extra CA certificates (PEM) trusted for https: fetches, e.g. a lab root. */
  ca?: string[];
  userAgent?: string;
}

type Hop =
  | { kind: "done"; status: number; statusText: string; headers: http.IncomingHttpHeaders; body?: Buffer; bytes: number }
  | { kind: "redirect"; status: number; location: string }
  | { kind: "error"; errorCode: string; error: string; httpStatus?: number; bytes: number };

/** Fetches one http(s) URL following the configured route. */
export async function httpFetch(request: FetchRequest, config: HttpFetchConfig): Promise<FetchOutcome> {
  const started = performance.now();
  const deadlineAt = started + config.deadlineMs;
  const maxBytes = request.maxBytes ?? config.maxBytes;
  let route: FetchRoute = { via: "direct", reason: "not attempted" };
  const finish = (fields: Omit<FetchOutcome, "url" | "route" | "durationMs">): FetchOutcome => ({
    url: request.url,
    route,
    durationMs: Math.round(performance.now() - started),
    ...fields,
  });

  let current: URL;
  try {
    current = new URL(request.url);
  } catch {
    return finish({ ok: false, errorCode: "ERR_FETCH_UNSUPPORTED_SCHEME", error: `'${request.url}' is not a valid URL`, bytes: 0 });
  }
  let method = request.method ?? "GET";
  let body = request.body;
  const chain: string[] = [current.href];
  for (let redirects = 0; ; redirects++) {
    const after = redirects > 0 ? ` (after redirect to ${current.href})` : "";
    if (current.protocol !== "http:" && current.protocol !== "https:") {
      return finish({ ok: false, errorCode: "ERR_FETCH_UNSUPPORTED_SCHEME", error: `unsupported URL scheme ${current.protocol}${after}`, bytes: 0 });
    }
    const decision = routeFor(current, config.settings);
    route = { via: decision.via, reason: decision.reason };
    const remaining = deadlineAt - performance.now();
    const timeoutMs = Math.max(1, Math.min(request.timeoutMs ?? config.timeoutMs, remaining));
    const vet = await withTimeout(vetHost(current.hostname, config.policy, config.resolver), timeoutMs);
    if (!vet) return finish({ ok: false, errorCode: "ERR_FETCH_TIMEOUT", error: `timed out after ${formatSeconds(timeoutMs)} resolving ${current.hostname}${after}`, bytes: 0 });
    let address = "";
    if (vet.ok) address = vet.address;
    else if (vet.errorCode === "ERR_FETCH_DNS" && decision.proxy) {
      // Behind a proxy the console often cannot resolve outside names (the kb979694 setup): the proxy resolves
      // them. A name that does not resolve here cannot be shown to point into our own ranges, so let it through.
      route = { via: decision.via, reason: `${decision.reason}; ${current.hostname} does not resolve here, left to the proxy` };
    } else return finish({ ok: false, errorCode: vet.errorCode, error: `${vet.error}${after}`, bytes: 0 });

    const hop = await oneRequest(current, method, body, request, decision, address, timeoutMs, maxBytes, config);
    if (hop.kind === "error") {
      return finish({ ok: false, errorCode: hop.errorCode, error: `${hop.error}${after}`, httpStatus: hop.httpStatus, bytes: hop.bytes });
    }
    if (hop.kind === "redirect") {
      let next: URL;
      try {
        next = new URL(hop.location, current);
      } catch {
        return finish({ ok: false, errorCode: "ERR_FETCH_REDIRECT", error: `invalid redirect location '${hop.location}'`, httpStatus: hop.status, bytes: 0 });
      }
      if (chain.includes(next.href)) {
        return finish({ ok: false, errorCode: "ERR_FETCH_REDIRECT", error: `redirect loop: ${[...chain, next.href].join(" → ")}`, httpStatus: hop.status, bytes: 0 });
      }
      if (redirects >= config.maxRedirects) {
        return finish({ ok: false, errorCode: "ERR_FETCH_REDIRECT", error: `too many redirects (more than ${config.maxRedirects})`, httpStatus: hop.status, bytes: 0 });
      }
      chain.push(next.href);
      if (hop.status === 303) {
        method = "GET";
        body = undefined;
      }
      current = next;
      continue;
    }
    const headers = hop.headers;
    const validators = {
      ...(typeof headers.etag === "string" ? { etag: headers.etag } : {}),
      ...(typeof headers["last-modified"] === "string" ? { lastModified: headers["last-modified"] } : {}),
    };
    const all = request.acceptAnyStatus ? { headers: { ...headers } } : {};
    if (hop.status === 304) return finish({ ok: true, httpStatus: 304, notModified: true, bytes: 0, ...validators, ...all });
    return finish({ ok: true, httpStatus: hop.status, contentType: headers["content-type"], body: new Uint8Array(hop.body ?? Buffer.alloc(0)), bytes: hop.bytes, ...validators, ...all });
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function oneRequest(
  url: URL,
  method: string,
  body: Uint8Array | undefined,
  request: FetchRequest,
  decision: RouteDecision,
  address: string,
  timeoutMs: number,
  maxBytes: number,
  config: HttpFetchConfig,
): Promise<Hop> {
  const proxy = decision.proxy;
  const through = proxy ? ` through proxy ${proxy.display}` : "";
  const isHttps = url.protocol === "https:";
  const port = url.port ? Number(url.port) : isHttps ? 443 : 80;
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const headers: Record<string, string> = {
    "user-agent": config.userAgent ?? "certconsole/0.1",
    accept: "*/*",
    ...request.headers,
    host: url.host,
  };
  if (request.ifNoneMatch) headers["if-none-match"] = request.ifNoneMatch;
  if (request.ifModifiedSince) headers["if-modified-since"] = request.ifModifiedSince;
  if (body) headers["content-length"] = String(body.byteLength);

  return new Promise<Hop>((resolve) => {
    let settled = false;
    let proxyConnected = false;
    let bytes = 0;
    const cleanups: Array<() => void> = [];
    const settle = (hop: Hop): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const c of cleanups) c();
      resolve(hop);
    };
    const fail = (error: unknown, stage: "proxy-connect" | "request"): void => {
      const described = describeNetworkError(error, proxy ? `${hostname}:${port}` : `${address}:${port}`);
      if (proxy && stage === "proxy-connect" && !proxyConnected) {
        settle({ kind: "error", errorCode: "ERR_FETCH_PROXY", error: `could not connect to proxy ${proxy.display} (${described.short})`, bytes });
        return;
      }
      settle({ kind: "error", errorCode: described.errorCode, error: `${described.message}${through}`, bytes });
    };
    const timer = setTimeout(() => {
      if (proxy && !proxyConnected) {
        settle({ kind: "error", errorCode: "ERR_FETCH_PROXY", error: `timed out after ${formatSeconds(timeoutMs)} connecting to proxy ${proxy.display}`, bytes });
      } else {
        settle({ kind: "error", errorCode: "ERR_FETCH_TIMEOUT", error: `timed out after ${formatSeconds(timeoutMs)}${through}`, bytes });
      }
    }, timeoutMs);

    const onResponse = (res: http.IncomingMessage): void => {
      cleanups.push(() => res.destroy());
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if ([301, 302, 303, 307, 308].includes(status) && location) {
        res.resume();
        return settle({ kind: "redirect", status, location });
      }
      if (proxy && status === 407) {
        res.resume();
        return settle({ kind: "error", errorCode: "ERR_FETCH_PROXY", error: `proxy ${proxy.display} requires authentication (HTTP 407 Proxy Authentication Required)`, httpStatus: 407, bytes });
      }
      if (status === 304 || (status >= 200 && status < 300) || (request.acceptAnyStatus && !(proxy && status === 407))) {
        const declared = Number(res.headers["content-length"] ?? NaN);
        if (Number.isFinite(declared) && declared > maxBytes) {
          return settle({ kind: "error", errorCode: "ERR_FETCH_TOO_LARGE", error: `response of ${formatBytes(declared)} exceeds the ${formatBytes(maxBytes)} size cap${through}`, httpStatus: status, bytes });
        }
        // With a declared length the body goes straight into one buffer (peak memory ≈ body, not 2× for a 50 MB CRL).
        let preallocated = Number.isFinite(declared) && declared > 0 ? Buffer.allocUnsafe(declared) : null;
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => {
          if (bytes + chunk.length > maxBytes) {
            bytes += chunk.length;
            return settle({ kind: "error", errorCode: "ERR_FETCH_TOO_LARGE", error: `response exceeded the ${formatBytes(maxBytes)} size cap (stopped after ${formatBytes(bytes)})${through}`, httpStatus: status, bytes });
          }
          if (preallocated && bytes + chunk.length > preallocated.length) {
            chunks.push(preallocated.subarray(0, bytes)); // more than declared: fall back to collecting chunks
            preallocated = null;
          }
          if (preallocated) chunk.copy(preallocated, bytes);
          else chunks.push(chunk);
          bytes += chunk.length;
        });
        res.on("end", () => {
          const body = preallocated ? preallocated.subarray(0, bytes) : Buffer.concat(chunks);
          settle({ kind: "done", status, statusText: res.statusMessage ?? "", headers: res.headers, body, bytes });
        });
        res.on("error", (error) => fail(error, "request"));
        res.on("aborted", () => fail(Object.assign(new Error("aborted"), { code: "ECONNRESET" }), "request"));
        return;
      }
      res.resume();
      const statusText = `HTTP ${status} ${res.statusMessage ?? ""}`.trimEnd();
      const error = proxy ? `${statusText} received through proxy ${proxy.display} (the proxy's own error or the server's answer)` : `server answered ${statusText}`;
      settle({ kind: "error", errorCode: "ERR_FETCH_HTTP_STATUS", error, httpStatus: status, bytes });
    };

    const send = (req: http.ClientRequest): void => {
      cleanups.push(() => req.destroy());
      req.on("response", onResponse);
      req.on("error", (error) => fail(error, "request"));
      req.end(body ? Buffer.from(body) : undefined);
    };

    const tlsOptions = { servername: isIP(hostname) ? undefined : hostname, ...(config.ca ? { ca: [...tls.rootCertificates, ...config.ca] } : {}) };
    if (!proxy) {
      const options = { host: address, port, path: `${url.pathname}${url.search}`, method, headers, agent: false as const };
      send(isHttps ? https.request({ ...options, ...tlsOptions }) : http.request(options));
      return;
    }
    const proxyHeaders: Record<string, string> = proxy.authorization ? { "proxy-authorization": proxy.authorization } : {};
    if (!isHttps) {
      const req = http.request({ host: proxy.host, port: proxy.port, path: url.href, method, headers: { ...headers, ...proxyHeaders }, agent: false });
      req.on("socket", (socket) => socket.once("connect", () => (proxyConnected = true)));
      req.on("error", (error) => fail(error, "proxy-connect"));
      send(req);
      return;
    }
    const target = `${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`;
    const connect = http.request({ host: proxy.host, port: proxy.port, method: "CONNECT", path: target, headers: { host: target, ...proxyHeaders }, agent: false });
    cleanups.push(() => connect.destroy());
    connect.on("socket", (socket) => socket.once("connect", () => (proxyConnected = true)));
    connect.on("error", (error) => fail(error, "proxy-connect"));
    connect.on("connect", (res, socket) => {
      cleanups.push(() => socket.destroy());
      if (res.statusCode !== 200) {
        socket.destroy();
        const code = res.statusCode === 407 ? "requires authentication (HTTP 407 Proxy Authentication Required)" : `refused the tunnel to ${target} (HTTP ${res.statusCode} ${res.statusMessage ?? ""})`.trimEnd();
        return settle({ kind: "error", errorCode: "ERR_FETCH_PROXY", error: `proxy ${proxy.display} ${code}`, httpStatus: res.statusCode, bytes });
      }
      const secure = tls.connect({ socket, ...tlsOptions });
      cleanups.push(() => secure.destroy());
      secure.on("error", (error) => fail(error, "request"));
      secure.once("secureConnect", () => {
        // No `agent` here: with agent:false Node would ignore createConnection and open a plain TCP socket.
        send(http.request({ host: hostname, port, path: `${url.pathname}${url.search}`, method, headers, createConnection: () => secure }));
      });
    });
    connect.end();
  });
}
