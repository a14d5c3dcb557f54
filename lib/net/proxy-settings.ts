/**
 * The console's outbound proxy setting, in the form WinHTTP (`netsh winhttp set proxy`) uses:
 * a proxy server (`http://host:port`, `host:port`, or per scheme `http=p1:3128;https=p2:3128`,
 * optional `user:pass@`) and a bypass list (`*.contoso.com;10.*;<local>`).
 * The environment's HTTPS_PROXY/HTTP_PROXY/NO_PROXY are used only when the admin explicitly asks,
 * and their values are passed in — this module never reads `process.env` (see seed article kb979694).
 * @packageDocumentation
 */

/** One proxy server. `display` never contains credentials. */
export interface ProxyServer {
  host: string;
  port: number;
  /** `http://host:port`, safe for logs and routes. */
  display: string;
  /** `Basic …` value for Proxy-Authorization when credentials were given. */
  authorization?: string;
}

/** One parsed bypass entry. */
export interface BypassEntry {
  /** The entry as the admin wrote it, e.g. `*.contoso.com`. */
  raw: string;
  /** `<local>`: host names without a dot. */
  local?: boolean;
  scheme?: string;
  port?: number;
  pattern?: RegExp;
  /** NO_PROXY semantics: the host equals the suffix or ends with `.suffix`. */
  suffix?: string;
}

/** Everything needed to choose a route for a URL. */
export interface ProxySettings {
  /** Proxy per URL scheme (`http`, `https`). */
  proxies: Partial<Record<"http" | "https", ProxyServer>>;
  bypass: BypassEntry[];
  /** Where the setting came from, for diagnostics. */
  source: "console" | "environment" | "none";
}

/** The decision for one URL. `via` is `direct` or the proxy's display URL. */
export interface RouteDecision {
  via: string;
  reason: string;
  proxy?: ProxyServer;
}

/** Thrown for a malformed proxy setting (bad input from the admin, not a network failure). */
export class ProxySettingError extends Error {
  readonly code = "ERR_PROXY_SETTING";
}

/** Parses one proxy server (`http://user:pass@host:port`, `host:port`, `host`). Port defaults to 80. */
export function parseProxyServer(text: string): ProxyServer {
  const trimmed = text.trim();
  if (!trimmed) throw new ProxySettingError("The proxy server is empty.");
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ProxySettingError(`The proxy server '${trimmed}' is not a valid host:port or http:// URL.`);
  }
  if (url.protocol !== "http:") {
    throw new ProxySettingError(`The proxy server '${redact(trimmed)}' uses ${url.protocol}; only http:// proxies are supported.`);
  }
  if (!url.hostname) throw new ProxySettingError(`The proxy server '${redact(trimmed)}' has no host name.`);
  const port = url.port ? Number(url.port) : 80;
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const display = `http://${url.hostname}:${port}`;
  const server: ProxyServer = { host, port, display };
  if (url.username) {
    const user = decodeURIComponent(url.username);
    const pass = decodeURIComponent(url.password);
    server.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
  }
  return server;
}

/** Parses the proxy-server field: one server for all schemes, or `http=a:3128;https=b:3128`. */
export function parseProxySetting(text: string): ProxySettings["proxies"] {
  const parts = text.split(/[;\s]+/).filter(Boolean);
  if (parts.length === 0) return {};
  if (parts.every((p) => !/^[a-z]+=/i.test(p))) {
    if (parts.length > 1) throw new ProxySettingError(`Give one proxy server, or one per scheme as http=host:port;https=host:port (got '${redact(text)}').`);
    const server = parseProxyServer(parts[0] ?? "");
    return { http: server, https: server };
  }
  const proxies: ProxySettings["proxies"] = {};
  for (const part of parts) {
    const match = /^([a-z]+)=(.+)$/i.exec(part);
    if (!match) throw new ProxySettingError(`Cannot mix a plain proxy with per-scheme proxies in '${redact(text)}'.`);
    const scheme = (match[1] ?? "").toLowerCase();
    if (scheme !== "http" && scheme !== "https") throw new ProxySettingError(`Unsupported proxy scheme '${scheme}=' (use http= or https=).`);
    proxies[scheme] = parseProxyServer(match[2] ?? "");
  }
  return proxies;
}

/** Parses a WinHTTP bypass list: `;` or whitespace separated, `*` wildcards anywhere, `<local>`, optional `scheme://` and `:port`. */
export function parseBypassList(text: string): BypassEntry[] {
  return text
    .split(/[;\s]+/)
    .filter(Boolean)
    .map((raw) => {
      if (raw.toLowerCase() === "<local>") return { raw, local: true };
      let rest = raw;
      const entry: BypassEntry = { raw };
      const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest);
      if (scheme) {
        entry.scheme = (scheme[1] ?? "").toLowerCase();
        rest = rest.slice(scheme[0].length);
      }
      const bracketed = /^\[([^\]]+)\](?::(\d+|\*))?$/.exec(rest);
      let hostPart = rest;
      let portPart: string | undefined;
      if (bracketed) {
        hostPart = bracketed[1] ?? "";
        portPart = bracketed[2];
      } else {
        const hostPort = /^([^:]+):(\d+|\*)$/.exec(rest);
        if (hostPort) {
          hostPart = hostPort[1] ?? "";
          portPart = hostPort[2];
        }
      }
      if (portPart && portPart !== "*") entry.port = Number(portPart);
      entry.pattern = wildcardToRegExp(hostPart);
      return entry;
    });
}

/** Parses NO_PROXY (comma or space separated; `.example.com`, `example.com`, `*`, optional `:port`). */
export function parseNoProxy(text: string): BypassEntry[] {
  return text
    .split(/[,\s]+/)
    .filter(Boolean)
    .map((raw) => {
      if (raw === "*") return { raw, pattern: /^.*$/ };
      const hostPort = /^(.+?)(?::(\d+))?$/.exec(raw.replace(/^\*?\./, ""));
      const entry: BypassEntry = { raw, suffix: (hostPort?.[1] ?? raw).toLowerCase().replace(/^\[(.*)\]$/, "$1") };
      if (hostPort?.[2]) entry.port = Number(hostPort[2]);
      return entry;
    });
}

function wildcardToRegExp(pattern: string): RegExp {
  const escaped = pattern.toLowerCase().replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`, "i");
}

function redact(text: string): string {
  return text.replace(/\/\/[^@/]*@/, "//***@");
}

/** Options from which the effective settings are built; `environment` holds the env values when the admin chose to use them. */
export interface ProxyOptions {
  proxy?: string;
  bypass?: string;
  useEnvironmentProxy?: boolean;
  environment?: Record<string, string | undefined>;
}

/** Builds the effective {@link ProxySettings}: the console's own setting, or — only when asked — the environment's. */
export function resolveProxySettings(options: ProxyOptions): ProxySettings {
  if (options.useEnvironmentProxy) {
    const env = options.environment ?? {};
    const pick = (name: string) => env[name] ?? env[name.toLowerCase()];
    const proxies: ProxySettings["proxies"] = {};
    const https = pick("HTTPS_PROXY");
    const http = pick("HTTP_PROXY");
    if (https) proxies.https = parseProxyServer(https);
    if (http) proxies.http = parseProxyServer(http);
    return { proxies, bypass: parseNoProxy(pick("NO_PROXY") ?? ""), source: proxies.http || proxies.https ? "environment" : "none" };
  }
  if (!options.proxy?.trim()) return { proxies: {}, bypass: [], source: "none" };
  return { proxies: parseProxySetting(options.proxy), bypass: parseBypassList(options.bypass ?? ""), source: "console" };
}

/** Finds the bypass entry that matches `url`, or null. */
export function findBypassEntry(url: URL, entries: readonly BypassEntry[]): BypassEntry | null {
  const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  const scheme = url.protocol.replace(/:$/, "");
  const port = url.port ? Number(url.port) : scheme === "https" ? 443 : 80;
  for (const entry of entries) {
    if (entry.local) {
      if (!host.includes(".") && !host.includes(":")) return entry;
      continue;
    }
    if (entry.scheme && entry.scheme !== scheme) continue;
    if (entry.port !== undefined && entry.port !== port) continue;
    if (entry.suffix !== undefined) {
      if (host === entry.suffix || host.endsWith(`.${entry.suffix}`)) return entry;
      continue;
    }
    if (entry.pattern?.test(host)) return entry;
  }
  return null;
}

/** Chooses the route for `url`: through the proxy for its scheme, or direct with the reason. */
export function routeFor(url: URL | string, settings: ProxySettings): RouteDecision {
  const target = typeof url === "string" ? new URL(url) : url;
  const scheme = target.protocol.replace(/:$/, "");
  if (scheme === "ldap" || scheme === "ldaps") return { via: "direct", reason: "LDAP is not sent through an HTTP proxy" };
  if (settings.source === "none") return { via: "direct", reason: "no proxy configured" };
  const proxy = scheme === "http" || scheme === "https" ? settings.proxies[scheme] : undefined;
  if (!proxy) return { via: "direct", reason: `no proxy configured for ${scheme}:` };
  const entry = findBypassEntry(target, settings.bypass);
  const from = settings.source === "environment" ? (scheme === "https" ? " (from HTTPS_PROXY)" : " (from HTTP_PROXY)") : "";
  if (entry) {
    const list = settings.source === "environment" ? "NO_PROXY entry" : "bypass entry";
    return { via: "direct", reason: `host matches ${list} ${entry.raw}` };
  }
  return { via: proxy.display, reason: `proxy ${proxy.display}${from}`, proxy };
}
