/**
 * Alert delivery: email through the console's SMTP relay (vetted by the SSRF guard like every outbound connection;
 * nodemailer, bounded timeouts, STARTTLS required,
 * optional or off, relay certificate verified) and webhooks (JSON POST through the console's outbound fetcher, so
 * the SSRF guard and the proxy setting apply; retried with exponential backoff on network errors and 5xx, never
 * on 4xx; every attempt recorded). Neither throws: failures come back as results a job can store and show.
 * @packageDocumentation
 */
import { isIP } from "node:net";
import nodemailer from "nodemailer";
import type { FetchOutcome, PkiFetcher } from "@/lib/pki/ports";
import { vetHost, type AddressPolicy, type Resolver } from "./address-guard";
import { createNetFetcher } from "./fetcher";

/** The SMTP relay the console sends alerts through. */
export interface SmtpRelay {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (port 465). */
  secure?: boolean;
  /** STARTTLS on a plain connection: `required` (default — fail rather than send in clear), `opportunistic`, or `never`. */
  starttls?: "required" | "opportunistic" | "never";
  auth?: { user: string; pass: string };
  /** Extra CA certificates (PEM) trusted for the relay's certificate, besides Node's bundled roots. */
  ca?: string[];
  /** Name the relay's certificate must carry, when it differs from `host` (e.g. relay given by IP address). */
  tlsServername?: string;
  /** Timeout of connect, greeting and each command; default 15 s. */
  timeoutMs?: number;
  /** Name announced in EHLO; default `certconsole`. */
  clientName?: string;
}

/** An alert email. */
export interface AlertEmail {
  relay: SmtpRelay;
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** The SSRF guard's policy for the relay host (the console's allow-list), as for every outbound connection. */
  policy: AddressPolicy;
  resolver?: Resolver;
}

/** What happened to an alert email. */
export interface EmailDeliveryResult {
  ok: boolean;
  messageId: string | null;
  accepted: string[];
  rejected: string[];
  /** The relay's last answer, e.g. `250 OK: message queued`. */
  response: string | null;
  errorCode?: string;
  error?: string;
}

const DEFAULT_SMTP_TIMEOUT_MS = 15_000;
const addresses = (list: unknown[] | undefined): string[] => (list ?? []).map((a) => (typeof a === "string" ? a : ((a as { address?: string }).address ?? String(a))));

/** Maps nodemailer's failures to stable codes and a sentence naming the relay. */
function describeMailError(error: unknown, relay: SmtpRelay): { errorCode: string; error: string } {
  const e = error as { code?: string; responseCode?: number; message?: string; response?: string };
  const where = `SMTP relay ${relay.host}:${relay.port}`;
  const message = e.message ?? String(error);
  if (e.code === "ETIMEDOUT" || /timeout/i.test(message)) return { errorCode: "ERR_SMTP_TIMEOUT", error: `${where} did not answer in time: ${message}` };
  if (/ECONNREFUSED/.test(`${e.code ?? ""} ${message}`)) return { errorCode: "ERR_SMTP_REFUSED", error: `${where} refused the connection` };
  if (e.code === "ETLS" || /certificate|self[- ]signed|TLS|SSL/i.test(message)) return { errorCode: "ERR_SMTP_TLS", error: `TLS with ${where} failed: ${message}` };
  if (e.code === "EAUTH") return { errorCode: "ERR_SMTP_AUTH", error: `${where} refused the credentials: ${e.response ?? message}` };
  if (e.code === "EENVELOPE") return { errorCode: "ERR_SMTP_REJECTED", error: `${where} rejected the recipients: ${e.response ?? message}` };
  if (e.responseCode) return { errorCode: "ERR_SMTP_REJECTED", error: `${where} answered ${e.response ?? e.responseCode}` };
  return { errorCode: "ERR_SMTP", error: `${where}: ${message}` };
}

/** Sends one alert email through the relay. Never throws. */
export async function sendAlertEmail(mail: AlertEmail): Promise<EmailDeliveryResult> {
  const { relay } = mail;
  const timeout = relay.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
  const starttls = relay.starttls ?? "required";
  if (mail.to.length === 0) return { ok: false, messageId: null, accepted: [], rejected: [], response: null, errorCode: "ERR_SMTP_NO_RECIPIENT", error: "the alert has no recipient" };
  // The relay passes the same guard as every other outbound connection, and nodemailer connects to the vetted
  // address (an IP literal: no second DNS lookup); the relay's name stays the TLS name it is verified against.
  const vet = await vetHost(relay.host, mail.policy, mail.resolver);
  if (!vet.ok) return { ok: false, messageId: null, accepted: [], rejected: [...mail.to], response: null, errorCode: vet.errorCode, error: `SMTP relay ${relay.host}:${relay.port}: ${vet.error}` };
  const bareHost = relay.host.replace(/^\[(.*)\]$/, "$1");
  const servername = relay.tlsServername ?? (isIP(bareHost) ? undefined : bareHost);
  const transport = nodemailer.createTransport({
    host: vet.address,
    port: relay.port,
    ...(servername ? { servername } : {}),
    secure: relay.secure ?? false,
    requireTLS: !relay.secure && starttls === "required",
    ignoreTLS: !relay.secure && starttls === "never",
    name: relay.clientName ?? "certconsole",
    ...(relay.auth ? { auth: { user: relay.auth.user, pass: relay.auth.pass } } : {}),
    tls: {
      rejectUnauthorized: true,
      ...(relay.ca ? { ca: relay.ca } : {}),
      ...(servername ? { servername } : {}),
    },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    dnsTimeout: timeout,
  });
  try {
    const info = await transport.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, headers: { "X-Certconsole-Alert": "1" } });
    const rejected = addresses(info.rejected);
    return { ok: rejected.length === 0, messageId: info.messageId ?? null, accepted: addresses(info.accepted), rejected, response: info.response ?? null, ...(rejected.length ? { errorCode: "ERR_SMTP_REJECTED", error: `rejected: ${rejected.join(", ")}` } : {}) };
  } catch (error) {
    return { ok: false, messageId: null, accepted: [], rejected: [...mail.to], response: null, ...describeMailError(error, relay) };
  } finally {
    transport.close();
  }
}

/** A webhook delivery request. */
export interface WebhookRequest {
  url: string;
  /** Serialised as JSON. */
  payload: unknown;
  /** Attempts at most (default 4). */
  attempts?: number;
  /** Wait before the second attempt; doubled before each further one (default 1 s). */
  backoffMs?: number;
  /** The fetcher to use; default one built from the options below (SSRF guard, proxy). */
  fetcher?: PkiFetcher;
  proxy?: string;
  bypass?: string;
  allowPrivate?: boolean;
  allowList?: string[];
  /** Per-attempt timeout; default 10 s. */
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** Waits between attempts (injected by tests; default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
}

/** One attempt of a webhook delivery. */
export interface WebhookAttempt {
  attempt: number;
  /** Milliseconds waited before this attempt. */
  waitedMs: number;
  ok: boolean;
  httpStatus?: number;
  errorCode?: string;
  error?: string;
  /** Whether a failure of this attempt is worth retrying. */
  retryable: boolean;
  route: string;
  durationMs: number;
}

/** The result of {@link postWebhook}. */
export interface WebhookResult {
  ok: boolean;
  attempts: WebhookAttempt[];
  /** Status of the last answer, when any. */
  httpStatus?: number;
  error?: string;
}

/** Failures that will not get better by retrying: policy refusals, bad URLs, 4xx answers. */
function retryable(outcome: FetchOutcome): boolean {
  if (outcome.ok) return false;
  if (outcome.httpStatus !== undefined) return outcome.httpStatus >= 500;
  return !["ERR_FETCH_BLOCKED_ADDRESS", "ERR_FETCH_UNSUPPORTED_SCHEME", "ERR_FETCH_INTERNAL", "ERR_FETCH_REDIRECT"].includes(outcome.errorCode ?? "");
}

/** POSTs the payload as JSON, retrying network errors and 5xx with exponential backoff. Never throws. */
export async function postWebhook(request: WebhookRequest): Promise<WebhookResult> {
  const maxAttempts = Math.max(1, Math.floor(request.attempts ?? 4));
  const backoffMs = Math.max(0, request.backoffMs ?? 1_000);
  const sleep = request.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let fetcher: PkiFetcher;
  try {
    fetcher =
      request.fetcher ??
      createNetFetcher({
        ...(request.proxy ? { proxy: request.proxy } : {}),
        ...(request.bypass ? { bypass: request.bypass } : {}),
        allowPrivate: request.allowPrivate ?? false,
        ...(request.allowList ? { allowList: request.allowList } : {}),
        timeoutMs: request.timeoutMs ?? 10_000,
        maxRedirects: 0,
      });
  } catch (error) {
    return { ok: false, attempts: [], error: (error as Error).message };
  }
  const body = new TextEncoder().encode(JSON.stringify(request.payload));
  const attempts: WebhookAttempt[] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const waitedMs = attempt === 1 ? 0 : backoffMs * 2 ** (attempt - 2);
    if (waitedMs > 0) await sleep(waitedMs);
    const outcome = await fetcher({
      url: request.url,
      method: "POST",
      body,
      headers: { "content-type": "application/json", "user-agent": "certconsole-alerts", "x-certconsole-attempt": String(attempt), ...request.headers },
      maxBytes: 64 * 1024,
      ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
    });
    const ok = outcome.ok && (outcome.httpStatus ?? 200) < 300;
    attempts.push({
      attempt,
      waitedMs,
      ok,
      ...(outcome.httpStatus !== undefined ? { httpStatus: outcome.httpStatus } : {}),
      ...(!ok ? { errorCode: outcome.errorCode ?? "ERR_WEBHOOK_STATUS", error: outcome.error ?? `the webhook answered HTTP ${outcome.httpStatus}` } : {}),
      retryable: !ok && retryable(outcome.ok ? { ...outcome, ok: false } : outcome),
      route: outcome.route.via,
      durationMs: outcome.durationMs,
    });
    const last = attempts[attempts.length - 1]!;
    if (ok) return { ok: true, attempts, ...(outcome.httpStatus !== undefined ? { httpStatus: outcome.httpStatus } : {}) };
    if (!last.retryable) break;
  }
  const last = attempts[attempts.length - 1]!;
  return { ok: false, attempts, ...(last.httpStatus !== undefined ? { httpStatus: last.httpStatus } : {}), error: `${last.error ?? "failed"} (after ${attempts.length} attempt${attempts.length === 1 ? "" : "s"})` };
}
