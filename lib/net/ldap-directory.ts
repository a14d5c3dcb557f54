/**
 * A session with a directory server (Active Directory or any LDAP directory) for sign-in: the SSRF guard vets the
 * host, then TCP, StartTLS (RFC 4511 §4.14, the same dialogue as the probe) or LDAPS, then the TLS handshake — with
 * the TLS layer's own validation switched off and the presented chain handed to `verifyChain` (the console's own
 * path validation against the configured trust) BEFORE any credential is sent. Only then is the socket given to
 * the `ldapts` client, which binds and searches over it. Plain LDAP happens only when the caller asks for it
 * explicitly. Every step is reported (connect, tls, bind, search, groups) for the Settings "Test connection".
 * @packageDocumentation
 */
import type { Socket } from "node:net";
import net from "node:net";
import tls, { type TLSSocket } from "node:tls";
import { Client, InvalidCredentialsError } from "ldapts";
import { vetHost, type AddressPolicy, type Resolver } from "./address-guard";
import { parseLdapUrl } from "./ldap-fetch";
import { negotiateStartTls, StartTlsError } from "./starttls";
import { connectTcp, presentedChain, ProbeFailure, withTimeout } from "./tls-probe";
import { describeNetworkError } from "./fetch-errors";

/** How the connection is protected: LDAPS (TLS from the first byte), StartTLS on ldap://, or nothing (labs only). */
export type DirectoryTransport = "ldaps" | "starttls" | "plain";

/** The steps a directory sign-in goes through, in order. */
export type DirectoryStepName = "connect" | "tls" | "bind" | "search" | "groups";

/** One step's outcome, as the Settings "Test connection" shows it. */
export interface DirectoryStep {
  step: DirectoryStepName;
  ok: boolean;
  detail: string;
}

/** A refusal or failure of a directory step, with a stable code. */
export class DirectoryError extends Error {
  constructor(
    readonly code: string,
    readonly step: DirectoryStepName,
    message: string,
  ) {
    super(message);
    this.name = "DirectoryError";
  }
}

/** The verdict on the certificate chain the directory server presented. */
export type ChainVerdict = { ok: true; detail: string } | { ok: false; detail: string };

/** What {@link openDirectory} needs. */
export interface DirectoryConnectOptions {
  /** `ldaps://host[:port]` or `ldap://host[:port]` (path and query are ignored). */
  url: string;
  transport: DirectoryTransport;
  policy: AddressPolicy;
  resolver?: Resolver;
  timeoutMs: number;
  /** Judges the presented chain (leaf first) for `host`; the connection is closed unless it says ok. */
  verifyChain: (chain: Uint8Array[], host: string) => Promise<ChainVerdict>;
  /** Steps are appended here as they complete or fail. */
  steps: DirectoryStep[];
}

/** An open, not yet bound, directory connection. */
export interface DirectoryConnection {
  client: Client;
  /** `host:port` as connected. */
  peer: string;
  close(): Promise<void>;
}

const MAX_PLAIN_BYTES = 64 * 1024;

function fail(steps: DirectoryStep[], step: DirectoryStepName, code: string, message: string): never {
  steps.push({ step, ok: false, detail: message });
  throw new DirectoryError(code, step, message);
}

function handshake(socket: Socket, servername: string | null, timeoutMs: number, peer: string): Promise<TLSSocket> {
  return withTimeout<TLSSocket>("handshake", timeoutMs, `the TLS handshake with ${peer}`, ({ resolve, reject }) => {
    const secure = tls.connect({
      socket,
      ...(servername ? { servername } : {}),
      // Validation is ours (verifyChain, before any credential is sent), never the TLS layer's.
      rejectUnauthorized: false,
      ca: [],
      minVersion: "TLSv1.2",
    });
    secure.once("secureConnect", () => resolve(secure));
    secure.once("error", (error) => reject(new ProbeFailure("handshake", "ERR_LDAP_TLS", describeNetworkError(error, peer).message)));
    return () => secure.destroy();
  });
}

/**
 * Opens a connection to the directory and, unless `transport` is `plain`, secures it and has the chain judged.
 * Throws {@link DirectoryError} (`ERR_LDAP_URL`, `ERR_LDAP_BLOCKED_ADDRESS`, `ERR_LDAP_UNREACHABLE`,
 * `ERR_LDAP_NO_STARTTLS`, `ERR_LDAP_TLS`, `ERR_LDAP_TLS_UNTRUSTED`); the caller closes the returned connection.
 */
export async function openDirectory(options: DirectoryConnectOptions): Promise<DirectoryConnection> {
  const { steps } = options;
  let url;
  try {
    url = parseLdapUrl(options.url);
  } catch (error) {
    fail(steps, "connect", "ERR_LDAP_URL", (error as Error).message);
  }
  if (url.secure !== (options.transport === "ldaps")) {
    fail(steps, "connect", "ERR_LDAP_URL", options.transport === "ldaps" ? `LDAPS needs an ldaps:// URL, not ${options.url}` : `${options.transport === "starttls" ? "StartTLS" : "Plain LDAP"} needs an ldap:// URL, not ${options.url}`);
  }
  const vetted = await vetHost(url.host, options.policy, options.resolver);
  if (!vetted.ok) fail(steps, "connect", vetted.errorCode === "ERR_FETCH_DNS" ? "ERR_LDAP_UNREACHABLE" : "ERR_LDAP_BLOCKED_ADDRESS", vetted.error);
  const peer = `${vetted.family === 6 ? `[${vetted.address}]` : vetted.address}:${url.port}`;
  const sockets: Socket[] = [];
  const destroyAll = () => [...sockets].reverse().forEach((s) => s.destroy());
  try {
    const plain = await connectTcp(vetted.address, url.port, options.timeoutMs, peer);
    sockets.push(plain);
    let socket: Socket = plain;
    if (options.transport === "plain") {
      steps.push({ step: "connect", ok: true, detail: `connected to ${peer}` });
      steps.push({ step: "tls", ok: true, detail: "plain LDAP (no TLS): allowed by the administrator for a lab; passwords cross the network in clear" });
    } else {
      if (options.transport === "starttls") {
        const outcome = await negotiateStartTls(plain, "ldap", { readTimeoutMs: options.timeoutMs, deadlineAt: Date.now() + options.timeoutMs, maxBytes: MAX_PLAIN_BYTES, ehloName: "certconsole", transcript: [] });
        if (!outcome.offered) fail(steps, "tls", "ERR_LDAP_NO_STARTTLS", `${peer} does not offer StartTLS: ${outcome.refusal ?? "refused"}`);
        steps.push({ step: "connect", ok: true, detail: `connected to ${peer}; StartTLS accepted` });
      } else {
        steps.push({ step: "connect", ok: true, detail: `connected to ${peer}` });
      }
      const secure = await handshake(plain, net.isIP(url.host) ? null : url.host, options.timeoutMs, peer);
      sockets.push(secure);
      const verdict = await options.verifyChain(presentedChain(secure), url.host);
      if (!verdict.ok) fail(steps, "tls", "ERR_LDAP_TLS_UNTRUSTED", `${peer}: the directory's certificate is not trusted: ${verdict.detail}`);
      steps.push({ step: "tls", ok: true, detail: `${secure.getProtocol() ?? "TLS"}; ${verdict.detail}` });
      socket = secure;
    }
    const connected = socket;
    const client = new Client({ url: `ldap://${peer}`, timeout: options.timeoutMs, connectTimeout: options.timeoutMs, strictDN: false, createConnection: () => connected });
    return {
      client,
      peer,
      close: async () => {
        await Promise.race([client.unbind().catch(() => undefined), new Promise((r) => setTimeout(r, 200))]);
        destroyAll();
      },
    };
  } catch (error) {
    destroyAll();
    if (error instanceof DirectoryError) throw error;
    if (error instanceof StartTlsError) fail(steps, "tls", "ERR_LDAP_NO_STARTTLS", `${peer}: ${error.message}`);
    if (error instanceof ProbeFailure) fail(steps, error.stage === "handshake" ? "tls" : "connect", error.stage === "handshake" ? "ERR_LDAP_TLS" : "ERR_LDAP_UNREACHABLE", error.message);
    fail(steps, "connect", "ERR_LDAP_UNREACHABLE", describeNetworkError(error, peer).message);
  }
}

/**
 * Binds as the user (simple bind). An empty password is refused here, never sent: RFC 4513 §5.1.2 makes a simple
 * bind with a name and no password an unauthenticated bind, which many servers accept.
 */
export async function bindAs(connection: DirectoryConnection, bindName: string, password: string, steps: DirectoryStep[]): Promise<void> {
  if (!password) fail(steps, "bind", "ERR_BAD_CREDENTIALS", "an empty password is never sent to the directory (it would be an unauthenticated bind)");
  try {
    await connection.client.bind(bindName, password);
  } catch (error) {
    if (error instanceof InvalidCredentialsError) fail(steps, "bind", "ERR_BAD_CREDENTIALS", `the directory refused the credentials of ${bindName}`);
    const code = (error as { code?: unknown }).code;
    fail(steps, "bind", "ERR_LDAP_BIND", `binding as ${bindName} failed: ${(error as Error).message}${typeof code === "number" ? ` (result code ${code})` : ""}`);
  }
  steps.push({ step: "bind", ok: true, detail: `bound as ${bindName}` });
}
