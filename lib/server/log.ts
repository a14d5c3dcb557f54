import { randomUUID } from "node:crypto";
import pino, { type Logger } from "pino";

/**
 * Keys whose values never reach a log line, wherever they appear (one or two levels deep): passwords, PFX
 * passwords, tokens, keys, cookies and authorization headers. Nothing logs bodies or keys in the first place; this
 * is the second fence.
 */
const REDACTED_KEYS = ["password", "newPassword", "currentPassword", "passphrase", "pfxPassword", "token", "secret", "privateKey", "pkcs8", "masterKey", "authorization", "cookie"];
const REDACT_PATHS = [...REDACTED_KEYS, ...REDACTED_KEYS.map((k) => `*.${k}`), "req.headers.authorization", "req.headers.cookie"];

type Sink = (line: string) => void;
let sink: Sink | null = null;

/** Where the lines go: standard output, one JSON object per line, or a test's sink. */
const destination = { write: (line: string) => (sink ? sink(line) : process.stdout.write(line)) };

/**
 * The one logger of the server side (web routes, worker, jobs): pino, JSON lines on stdout with an ISO time,
 * `service: certconsole` and the process id; level from CERTCONSOLE_LOG_LEVEL (default `info`; `silent` turns it off).
 * Log what happened and ids, never request bodies, keys or passwords.
 */
export const log: Logger = pino(
  {
    level: process.env.CERTCONSOLE_LOG_LEVEL ?? "info",
    base: { service: "certconsole", pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    formatters: { level: (label) => ({ level: label }) },
  },
  destination,
);

/** Sends log lines to `write` until the returned function is called (tests read what was logged). */
export function captureLogs(write: Sink): () => void {
  sink = write;
  return () => {
    sink = null;
  };
}

/** The request id header: honoured when a proxy or client sends a sane one, generated otherwise, echoed in the answer. */
export const REQUEST_ID_HEADER = "x-request-id";

/** A caller's `X-Request-Id` when it is 1–128 visible, log-safe characters; else a new UUID. */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER);
  return given && /^[A-Za-z0-9._:@/+=-]{1,128}$/.test(given) ? given : randomUUID();
}
