/**
 * LDAP retrieval of CRLs and CA certificates from `ldap://host:port/dn?attr;binary?scope?filter` URLs
 * (RFC 4516), as Active Directory Certificate Services publishes them. Uses the `ldapts` client over a
 * socket we open ourselves to the vetted address, so the SSRF guard, the timeout and the size cap (counted
 * on the raw socket while the answer streams in) apply exactly as for HTTP. Anonymous, base-object search;
 * returns the first value of the requested attribute. LDAP is never sent through the HTTP proxy.
 * @packageDocumentation
 */
import net from "node:net";
import tls from "node:tls";
import { Client } from "ldapts";
import type { FetchOutcome, FetchRequest, FetchRoute } from "@/lib/pki/ports";
import { vetHost, type AddressPolicy, type Resolver } from "./address-guard";
import { describeNetworkError, formatBytes, formatSeconds } from "./fetch-errors";

/** The parts of an RFC 4516 LDAP URL. */
export interface LdapUrl {
  secure: boolean;
  host: string;
  port: number;
  dn: string;
  attributes: string[];
  scope: "base" | "one" | "sub";
  filter: string;
}

/** Parses an RFC 4516 LDAP URL; throws a plain Error with a precise message for malformed input. */
export function parseLdapUrl(text: string): LdapUrl {
  const match = /^(ldaps?):\/\/([^/?]*)(?:\/([^?]*))?(?:\?([^?]*))?(?:\?([^?]*))?(?:\?([^?]*))?(?:\?(.*))?$/i.exec(text.trim());
  if (!match) throw new Error(`'${text}' is not an ldap:// URL`);
  const secure = (match[1] ?? "").toLowerCase() === "ldaps";
  const hostPort = match[2] ?? "";
  if (!hostPort) throw new Error(`'${text}' names no LDAP server (ldap:///… means "the domain's directory", which the console cannot guess)`);
  const hp = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostPort);
  if (!hp) throw new Error(`'${text}' has a malformed host:port`);
  const scope = (match[5] || "base").toLowerCase();
  if (scope !== "base" && scope !== "one" && scope !== "sub") throw new Error(`'${text}' has an unknown scope '${scope}'`);
  return {
    secure,
    host: decodeURIComponent(hp[1] ?? "").replace(/^\[(.*)\]$/, "$1"),
    port: hp[2] ? Number(hp[2]) : secure ? 636 : 389,
    dn: decodeURIComponent(match[3] ?? ""),
    attributes: (match[4] ?? "").split(",").map((a) => decodeURIComponent(a).trim()).filter(Boolean),
    scope,
    filter: decodeURIComponent(match[6] || "") || "(objectClass=*)",
  };
}

/** Configuration for LDAP retrievals. */
export interface LdapFetchConfig {
  policy: AddressPolicy;
  resolver?: Resolver;
  timeoutMs: number;
  maxBytes: number;
  ca?: string[];
}

const ROUTE: FetchRoute = { via: "direct", reason: "LDAP is not sent through an HTTP proxy" };

/** Fetches the first value of the URL's first attribute (default `certificateRevocationList;binary`). Never throws. */
export async function ldapFetch(request: FetchRequest, config: LdapFetchConfig): Promise<FetchOutcome> {
  const started = performance.now();
  const timeoutMs = request.timeoutMs ?? config.timeoutMs;
  const maxBytes = request.maxBytes ?? config.maxBytes;
  let bytes = 0;
  const finish = (fields: Omit<FetchOutcome, "url" | "route" | "durationMs" | "bytes">): FetchOutcome => ({
    url: request.url,
    route: ROUTE,
    durationMs: Math.round(performance.now() - started),
    bytes,
    ...fields,
  });
  let url: LdapUrl;
  try {
    url = parseLdapUrl(request.url);
  } catch (error) {
    return finish({ ok: false, errorCode: "ERR_FETCH_UNSUPPORTED_SCHEME", error: (error as Error).message });
  }
  const attribute = url.attributes[0] ?? "certificateRevocationList;binary";
  // Servers answer certificate-syntax attributes as `name;binary` whether or not it was asked for that way.
  const bare = attribute.replace(/;binary$/i, "");
  const bufferNames = [bare, `${bare};binary`];
  const vet = await vetHost(url.host, config.policy, config.resolver);
  if (!vet.ok) return finish({ ok: false, errorCode: vet.errorCode, error: vet.error });
  const peer = `${vet.address}:${url.port}`;

  let tooLarge = false;
  let socket: net.Socket | undefined;
  const client = new Client({
    url: `${url.secure ? "ldaps" : "ldap"}://${vet.family === 6 ? `[${vet.address}]` : vet.address}:${url.port}`,
    timeout: timeoutMs,
    connectTimeout: timeoutMs,
    strictDN: false,
    createConnection: () => (socket = watch(net.connect({ host: vet.address, port: url.port }))),
    createSecureConnection: () =>
      (socket = watch(
        tls.connect({ host: vet.address, port: url.port, servername: net.isIP(url.host) ? undefined : url.host, ...(config.ca ? { ca: [...tls.rootCertificates, ...config.ca] } : {}) }),
      )),
  });
  function watch<T extends net.Socket>(s: T): T {
    s.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes && !tooLarge) {
        tooLarge = true;
        s.destroy();
      }
    });
    return s;
  }

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
  const work = (async () => {
    await client.bind("", "");
    return client.search(url.dn, { scope: url.scope, filter: url.filter, attributes: [attribute], explicitBufferAttributes: bufferNames, sizeLimit: 1 });
  })();
  work.catch(() => undefined);
  try {
    const result = await Promise.race([work, deadline]);
    if (result === "timeout") return finish({ ok: false, errorCode: "ERR_FETCH_TIMEOUT", error: `timed out after ${formatSeconds(timeoutMs)} talking to LDAP server ${peer}` });
    if (tooLarge) return tooLargeOutcome();
    const entry = result.searchEntries[0];
    if (!entry) return finish({ ok: false, errorCode: "ERR_FETCH_LDAP", error: `LDAP entry '${url.dn}' not found on ${url.host}` });
    const key = Object.keys(entry).find((k) => k.toLowerCase().replace(/;binary$/, "") === bare.toLowerCase());
    const raw = key ? entry[key] : undefined;
    const first = Array.isArray(raw) ? raw[0] : raw;
    if (first === undefined || (Array.isArray(raw) && raw.length === 0)) {
      return finish({ ok: false, errorCode: "ERR_FETCH_LDAP", error: `LDAP entry '${url.dn}' has no ${attribute} value` });
    }
    const body = Buffer.isBuffer(first) ? first : Buffer.from(String(first), "binary");
    return finish({ ok: true, body: new Uint8Array(body) });
  } catch (error) {
    if (tooLarge) return tooLargeOutcome();
    const code = (error as { code?: unknown }).code;
    if (typeof code === "number") {
      const noSuch = code === 32 ? `LDAP entry '${url.dn}' not found on ${url.host}` : `LDAP server ${peer} answered: ${(error as Error).message} (result code ${code})`;
      return finish({ ok: false, errorCode: "ERR_FETCH_LDAP", error: noSuch });
    }
    const described = describeNetworkError(error, peer);
    if (described.errorCode === "ERR_FETCH_NETWORK" && /timeout/i.test((error as Error).message)) {
      return finish({ ok: false, errorCode: "ERR_FETCH_TIMEOUT", error: `timed out after ${formatSeconds(timeoutMs)} talking to LDAP server ${peer}` });
    }
    return finish({ ok: false, errorCode: described.errorCode, error: described.message });
  } finally {
    clearTimeout(timer);
    await Promise.race([client.unbind().catch(() => undefined), new Promise((r) => setTimeout(r, 200))]);
    socket?.destroy();
  }

  function tooLargeOutcome(): FetchOutcome {
    return finish({ ok: false, errorCode: "ERR_FETCH_TOO_LARGE", error: `LDAP answer exceeded the ${formatBytes(maxBytes)} size cap (stopped after ${formatBytes(bytes)})` });
  }
}
