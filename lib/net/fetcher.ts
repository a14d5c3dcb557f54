/**
 * `createNetFetcher`: the one outbound fetcher the rest of the console uses (the {@link PkiFetcher} port).
 * http:/https: go through {@link httpFetch} (proxy + bypass list, SSRF guard, timeouts, size cap,
 * redirects, conditional requests); ldap:/ldaps: through {@link ldapFetch}. Configuration comes in as
 * arguments; the environment's proxy variables are used only when `useEnvironmentProxy` is set and
 * their values are passed in `environment`.
 * @packageDocumentation
 */
import type { FetchOutcome, PkiFetcher } from "@/lib/pki/ports";
import type { Resolver } from "./address-guard";
import { httpFetch } from "./http-fetch";
import { ldapFetch } from "./ldap-fetch";
import { resolveProxySettings } from "./proxy-settings";

/** Options of {@link createNetFetcher}. */
export interface NetFetcherOptions {
  /** The console's proxy server (`http://host:port`, optional `user:pass@`, or `http=…;https=…`). */
  proxy?: string;
  /** WinHTTP-form bypass list, e.g. `*.contoso.com;10.*;<local>`. */
  bypass?: string;
  /** Use HTTPS_PROXY/HTTP_PROXY/NO_PROXY from `environment` instead of `proxy`/`bypass` (explicit admin choice). */
  useEnvironmentProxy?: boolean;
  environment?: Record<string, string | undefined>;
  /** Allow loopback, link-local and private destinations (lab setups, `--allow-private`). */
  allowPrivate?: boolean;
  /** Host names, IPs or CIDRs allowed although private. */
  allowList?: readonly string[];
  /** Per-request timeout, default 15 s. */
  timeoutMs?: number;
  /** Total deadline per retrieval (redirects included), default 30 s. */
  deadlineMs?: number;
  /** Response size cap, default 100 MB (real CRLs of 50 MB+ exist). */
  maxBytes?: number;
  /** Redirects followed at most, default 5. */
  maxRedirects?: number;
  resolver?: Resolver;
  /** Extra CA certificates (PEM) trusted for https:/ldaps: fetches. */
  ca?: string[];
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_DEADLINE_MS = 30_000;
export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

/** Builds the fetcher. Throws `ProxySettingError` (code `ERR_PROXY_SETTING`) for a malformed proxy setting; the fetcher itself never throws. */
export function createNetFetcher(options: NetFetcherOptions = {}): PkiFetcher {
  const settings = resolveProxySettings(options);
  const policy = { allowPrivate: options.allowPrivate, allowList: options.allowList };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const config = {
    settings,
    policy,
    resolver: options.resolver,
    timeoutMs,
    deadlineMs: options.deadlineMs ?? Math.max(DEFAULT_DEADLINE_MS, timeoutMs),
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
    ca: options.ca,
  };
  return async (request): Promise<FetchOutcome> => {
    try {
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(request.url)?.[1]?.toLowerCase();
      if (scheme === "ldap" || scheme === "ldaps") return await ldapFetch(request, config);
      return await httpFetch(request, config);
    } catch (error) {
      return {
        url: request.url,
        ok: false,
        errorCode: "ERR_FETCH_INTERNAL",
        error: `unexpected failure: ${(error as Error).message}`,
        route: { via: "direct", reason: "not attempted" },
        durationMs: 0,
        bytes: 0,
      };
    }
  };
}
