/**
 * Live endpoint probe: connect to host:port (direct TLS, or STARTTLS for SMTP, IMAP, POP3, LDAP), and capture
 * what the server presents: certificate chain, negotiated protocol and cipher, greeting and capabilities.
 * The TLS layer never verifies (`rejectUnauthorized: false`): validation is ours, done afterwards on the
 * presented chain (see probe-report.ts). The target passes the SSRF guard first (loopback and private ranges
 * refused unless allowed) and the vetted address is what gets connected to; HTTPS-style direct TLS goes
 * through the console's proxy (HTTP CONNECT) when one is configured and the host is not bypassed.
 * Never throws: every failure is an entry of `errors`.
 * @packageDocumentation
 */
import http from "node:http";
import net, { isIP, type Socket } from "node:net";
import tls, { type DetailedPeerCertificate, type TLSSocket } from "node:tls";
import { vetHost, type Resolver } from "./address-guard";
import { describeNetworkError } from "./fetch-errors";
import { findBypassEntry, resolveProxySettings } from "./proxy-settings";
import { negotiateStartTls, StartTlsError, type StartTlsProtocol } from "./starttls";

export { STARTTLS_PROTOCOLS, type StartTlsProtocol } from "./starttls";

/** Options of {@link probeEndpoint}. */
export interface ProbeOptions {
  host: string;
  port: number;
  /** Upgrade a plain connection with STARTTLS in this protocol; direct TLS when absent. */
  starttls?: StartTlsProtocol;
  /** SNI name; default the host when it is a name (no SNI for an IP address). */
  servername?: string;
  /** Timeout of each stage (resolve, connect, each server answer, TLS handshake); default 10 s. */
  timeoutMs?: number;
  /** Deadline of the whole probe; default three times `timeoutMs`. */
  deadlineMs?: number;
  /** Bytes the server may send before TLS starts; default 64 KB. */
  maxPlainBytes?: number;
  /** Allow loopback/private targets (lab setups, `--allow-private`). */
  allowPrivate?: boolean;
  /** Host names, IPs or CIDRs allowed although private. */
  allowList?: string[];
  /** The console's proxy (`http://host:port`); used for direct TLS only (HTTPS), via CONNECT. */
  proxy?: string;
  /** WinHTTP bypass list for `proxy`. */
  bypass?: string;
  /** Name sent in SMTP EHLO; default `certconsole.probe`. */
  ehloName?: string;
  resolver?: Resolver;
}

/** Stages of a probe, for error reporting. */
export type ProbeStage = "resolve" | "connect" | "proxy" | "greeting" | "capabilities" | "starttls" | "handshake";

/** One failure, with a stable code (`ERR_PROBE_*`). */
export interface ProbeError {
  stage: ProbeStage;
  code: string;
  message: string;
}

/** Everything a probe saw. */
export interface ProbeResult {
  host: string;
  port: number;
  starttls: StartTlsProtocol | null;
  servername: string | null;
  /** The vetted address connected to (or asked of the proxy), null when none. */
  address: string | null;
  route: { via: string; reason: string };
  /** A TCP connection was established (to the server, or through the proxy tunnel). */
  connected: boolean;
  /** For STARTTLS: whether it was offered and accepted; null for direct TLS or when never asked. */
  starttlsOffered: boolean | null;
  /** The TLS handshake completed. */
  tlsEstablished: boolean;
  /** e.g. `TLSv1.3`. */
  protocol: string | null;
  /** IANA (RFC) cipher suite name, e.g. `TLS_AES_256_GCM_SHA384`. */
  cipher: string | null;
  /**
   * DER certificates presented by the server, leaf first. Node (OpenSSL's peer chain) orders them by issuance from
   * the leaf and leaves out any sent certificate that is not part of that chain; no root of a local store is added.
   */
  presentedChain: Uint8Array[];
  /** Greeting of a STARTTLS protocol. */
  banner: string | null;
  capabilities: string[];
  /** The plain-text conversation, `C:`/`S:` lines. */
  transcript: string[];
  /** Why STARTTLS was not possible, when it was not. */
  starttlsRefusal: string | null;
  errors: ProbeError[];
  durationMs: number;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_PLAIN_BYTES = 64 * 1024;

export class ProbeFailure extends Error {
  constructor(
    readonly stage: ProbeStage,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const toProbeCode = (code: string) => code.replace(/^ERR_FETCH_/, "ERR_PROBE_");

export function withTimeout<T>(stage: ProbeStage, ms: number, what: string, start: (settle: { resolve: (v: T) => void; reject: (e: unknown) => void }) => () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let cleanup: () => void = () => undefined;
    const timer = setTimeout(() => {
      cleanup();
      reject(new ProbeFailure(stage, "ERR_PROBE_TIMEOUT", `${what} timed out after ${ms} ms`));
    }, ms);
    cleanup = start({
      resolve: (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      reject: (e) => {
        clearTimeout(timer);
        reject(e);
      },
    });
  });
}

export function connectTcp(host: string, port: number, timeoutMs: number, peer: string): Promise<Socket> {
  return withTimeout<Socket>("connect", timeoutMs, `connecting to ${peer}`, ({ resolve, reject }) => {
    const socket = net.connect({ host, port });
    socket.once("connect", () => resolve(socket));
    socket.once("error", (error) => {
      const d = describeNetworkError(error, peer);
      reject(new ProbeFailure("connect", toProbeCode(d.errorCode), d.message));
    });
    return () => socket.destroy();
  });
}

function connectTunnel(proxy: { host: string; port: number; display: string; authorization?: string }, target: string, timeoutMs: number): Promise<Socket> {
  return withTimeout<Socket>("proxy", timeoutMs, `opening a tunnel to ${target} through proxy ${proxy.display}`, ({ resolve, reject }) => {
    const headers: Record<string, string> = { host: target, ...(proxy.authorization ? { "proxy-authorization": proxy.authorization } : {}) };
    const req = http.request({ host: proxy.host, port: proxy.port, method: "CONNECT", path: target, headers, agent: false });
    req.once("connect", (res, socket) => {
      if (res.statusCode === 200) return resolve(socket);
      socket.destroy();
      const why = res.statusCode === 407 ? "requires authentication (HTTP 407)" : `refused the tunnel to ${target} (HTTP ${res.statusCode})`;
      reject(new ProbeFailure("proxy", "ERR_PROBE_PROXY", `proxy ${proxy.display} ${why}`));
    });
    req.once("error", (error) => {
      const d = describeNetworkError(error, `proxy ${proxy.display}`);
      reject(new ProbeFailure("proxy", "ERR_PROBE_PROXY", `${d.message} (the console's proxy)`));
    });
    req.end();
    return () => req.destroy();
  });
}

function handshake(socket: Socket, servername: string | null, timeoutMs: number, peer: string): Promise<TLSSocket> {
  return withTimeout<TLSSocket>("handshake", timeoutMs, `the TLS handshake with ${peer}`, ({ resolve, reject }) => {
    const secure = tls.connect({
      socket,
      ...(servername ? { servername } : {}),
      // Validation is ours (validateCertificate on the presented chain), never the TLS layer's.
      rejectUnauthorized: false,
      // An empty CA list keeps Node from appending roots of its own store to the peer chain we report.
      ca: [],
      // Probe old partners too, and report what they negotiate, rather than fail on OpenSSL's defaults.
      minVersion: "TLSv1",
      ciphers: "DEFAULT:@SECLEVEL=0",
    });
    secure.once("secureConnect", () => resolve(secure));
    secure.once("error", (error) => {
      const d = describeNetworkError(error, peer);
      reject(new ProbeFailure("handshake", d.errorCode === "ERR_FETCH_RESET" ? "ERR_PROBE_TLS" : toProbeCode(d.errorCode), d.message));
    });
    return () => secure.destroy();
  });
}

/** The chain the server sent, leaf first, following issuer links until a self-signed certificate or a repeat. */
export function presentedChain(secure: TLSSocket): Uint8Array[] {
  const chain: Uint8Array[] = [];
  const seen = new Set<string>();
  let cert: DetailedPeerCertificate | undefined = secure.getPeerCertificate(true);
  while (cert && cert.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(new Uint8Array(cert.raw));
    cert = cert.issuerCertificate;
  }
  return chain;
}

/** Connects, negotiates and captures; see the module description. Never throws. */
export async function probeEndpoint(options: ProbeOptions): Promise<ProbeResult> {
  const started = Date.now();
  const host = options.host.replace(/^\[(.*)\]$/, "$1");
  const stageTimeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const deadlineAt = started + (options.deadlineMs ?? 3 * stageTimeoutMs);
  /** What is left for the next stage: the stage timeout, or less when the overall deadline is nearer. */
  const budget = (stage: ProbeStage): number => {
    const left = deadlineAt - Date.now();
    if (left <= 0) throw new ProbeFailure(stage, "ERR_PROBE_TIMEOUT", `the probe's overall deadline of ${deadlineAt - started} ms passed`);
    return Math.min(stageTimeoutMs, left);
  };
  const peer = `${host.includes(":") ? `[${host}]` : host}:${options.port}`;
  const servername = options.servername ?? (isIP(host) ? null : host);
  const result: ProbeResult = {
    host,
    port: options.port,
    starttls: options.starttls ?? null,
    servername,
    address: null,
    route: { via: "direct", reason: "no proxy configured" },
    connected: false,
    starttlsOffered: null,
    tlsEstablished: false,
    protocol: null,
    cipher: null,
    presentedChain: [],
    banner: null,
    capabilities: [],
    transcript: [],
    starttlsRefusal: null,
    errors: [],
    durationMs: 0,
  };
  const sockets: Socket[] = [];
  try {
    if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) throw new ProbeFailure("resolve", "ERR_PROBE_TARGET", `port ${options.port} is not a TCP port (1–65535)`);
    const vetted = await withTimeout<Awaited<ReturnType<typeof vetHost>>>("resolve", budget("resolve"), `resolving ${host}`, ({ resolve, reject }) => {
      vetHost(host, { allowPrivate: options.allowPrivate ?? false, ...(options.allowList ? { allowList: options.allowList } : {}) }, options.resolver).then(resolve, reject);
      return () => undefined;
    });
    if (!vetted.ok) throw new ProbeFailure("resolve", toProbeCode(vetted.errorCode), vetted.error);
    result.address = vetted.address;

    const settings = resolveProxySettings({ ...(options.proxy ? { proxy: options.proxy } : {}), ...(options.bypass ? { bypass: options.bypass } : {}) });
    const proxy = settings.proxies.https;
    let socket: Socket;
    if (proxy && options.starttls) result.route = { via: "direct", reason: `STARTTLS (${options.starttls}) is not carried by the HTTP proxy` };
    else if (proxy) {
      const bypassed = findBypassEntry(new URL(`https://${peer}/`), settings.bypass);
      result.route = bypassed ? { via: "direct", reason: `host matches bypass entry ${bypassed.raw}` } : { via: proxy.display, reason: "console proxy setting" };
    }
    if (result.route.via !== "direct" && proxy) {
      socket = await connectTunnel(proxy, peer, budget("proxy"));
    } else {
      socket = await connectTcp(vetted.address, options.port, budget("connect"), peer);
    }
    sockets.push(socket);
    result.connected = true;

    if (options.starttls) {
      let outcome;
      try {
        outcome = await negotiateStartTls(socket, options.starttls, {
          readTimeoutMs: stageTimeoutMs,
          deadlineAt,
          maxBytes: options.maxPlainBytes ?? DEFAULT_MAX_PLAIN_BYTES,
          ehloName: options.ehloName ?? "certconsole.probe",
          transcript: result.transcript,
          seen: result,
        });
      } catch (error) {
        if (error instanceof StartTlsError) throw new ProbeFailure(error.stage, error.code, `${peer}: ${error.message}`);
        throw error;
      }
      result.banner = outcome.banner;
      result.capabilities = outcome.capabilities;
      result.starttlsOffered = outcome.offered;
      if (!outcome.offered) {
        result.starttlsRefusal = outcome.refusal ?? "STARTTLS not offered";
        result.errors.push({ stage: "starttls", code: "ERR_PROBE_NO_STARTTLS", message: `${peer} does not offer TLS: ${result.starttlsRefusal}` });
        return result;
      }
    }

    const secure = await handshake(socket, servername, budget("handshake"), peer);
    sockets.push(secure);
    result.tlsEstablished = true;
    result.protocol = secure.getProtocol() ?? null;
    const cipher = secure.getCipher();
    result.cipher = cipher.standardName ?? cipher.name;
    result.presentedChain = presentedChain(secure);
  } catch (error) {
    if (error instanceof ProbeFailure) result.errors.push({ stage: error.stage, code: error.code, message: error.message });
    else result.errors.push({ stage: "connect", code: "ERR_PROBE_INTERNAL", message: `unexpected failure probing ${peer}: ${(error as Error).message}` });
  } finally {
    for (const s of sockets.reverse()) s.destroy();
    result.durationMs = Date.now() - started;
  }
  return result;
}
