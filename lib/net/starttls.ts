/**
 * The plain-text part of a STARTTLS probe: read the greeting, ask for the capabilities, ask to start TLS, for
 * SMTP (RFC 3207: EHLO, STARTTLS → 220), IMAP (RFC 3501: CAPABILITY, STARTTLS → OK), POP3 (RFC 2595: CAPA,
 * STLS → +OK) and LDAP (RFC 4511 §4.14: the StartTLS extended operation). Every read is bounded by a timeout
 * and the whole plain-text conversation by a byte cap, so a hostile or broken server cannot hold the probe.
 * @packageDocumentation
 */
import type { Socket } from "node:net";

/** Protocols that can be upgraded with STARTTLS. */
export const STARTTLS_PROTOCOLS = ["smtp", "imap", "pop3", "ldap"] as const;
export type StartTlsProtocol = (typeof STARTTLS_PROTOCOLS)[number];

/** A failure of the plain-text conversation, with a stable code and the stage it happened in. */
export class StartTlsError extends Error {
  constructor(
    readonly code: "ERR_PROBE_TIMEOUT" | "ERR_PROBE_CLOSED" | "ERR_PROBE_PROTOCOL" | "ERR_PROBE_TOO_MUCH_DATA",
    readonly stage: "greeting" | "capabilities" | "starttls",
    message: string,
  ) {
    super(message);
  }
}

/** What the plain-text conversation found. */
export interface StartTlsOutcome {
  /** True when the server advertised STARTTLS (or STLS) and accepted the command. */
  offered: boolean;
  /** The greeting line(s), e.g. `220 mx.fabrikam.com ESMTP`. */
  banner: string | null;
  /** Capabilities advertised (EHLO keywords, IMAP CAPABILITY atoms, POP3 CAPA lines). */
  capabilities: string[];
  /** Why STARTTLS is not possible, when `offered` is false. */
  refusal?: string;
}

/** Limits and identity of the conversation. */
export interface StartTlsOptions {
  /** Timeout for each server answer. */
  readTimeoutMs: number;
  /** Epoch ms by which the whole dialogue must be over (so a server dripping lines cannot hold the probe). */
  deadlineAt?: number;
  /** Bytes the server may send before TLS starts. */
  maxBytes: number;
  /** Name sent in EHLO. */
  ehloName: string;
  /** Every line sent (`C: `) and received (`S: `), for diagnostics. */
  transcript: string[];
  /** Told the greeting and the capabilities as soon as they are read (so a later failure still reports them). */
  seen?: { banner: string | null; capabilities: string[] };
}

type Stage = StartTlsError["stage"];

/** Reads framed messages from a plain socket; detaches cleanly before the TLS handshake. */
class Conversation {
  private buffer = Buffer.alloc(0);
  private received = 0;
  private closed = false;
  private wake: (() => void) | null = null;
  private readonly onData = (chunk: Buffer) => {
    this.received += chunk.length;
    this.buffer = Buffer.concat([this.buffer, chunk]);
    this.wake?.();
  };
  private readonly onEnd = () => {
    this.closed = true;
    this.wake?.();
  };

  constructor(
    private readonly socket: Socket,
    readonly options: StartTlsOptions,
  ) {
    socket.on("data", this.onData);
    socket.on("end", this.onEnd);
    socket.on("close", this.onEnd);
  }

  /** Waits until `frame(buffer)` returns the length of a complete message, and takes it. */
  async read(stage: Stage, what: string, frame: (buffer: Buffer) => number | null): Promise<Buffer> {
    const perRead = Date.now() + this.options.readTimeoutMs;
    const overall = this.options.deadlineAt ?? Number.POSITIVE_INFINITY;
    const deadline = Math.min(perRead, overall);
    for (;;) {
      const length = frame(this.buffer);
      if (length !== null) {
        const message = this.buffer.subarray(0, length);
        this.buffer = this.buffer.subarray(length);
        return message;
      }
      if (this.received > this.options.maxBytes) throw new StartTlsError("ERR_PROBE_TOO_MUCH_DATA", stage, `the server sent more than ${this.options.maxBytes} bytes before TLS while we waited for ${what}`);
      if (this.closed) throw new StartTlsError("ERR_PROBE_CLOSED", stage, `the server closed the connection while we waited for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) {
        if (overall < perRead) throw new StartTlsError("ERR_PROBE_TIMEOUT", stage, `the probe's overall deadline passed while waiting for ${what}`);
        throw new StartTlsError("ERR_PROBE_TIMEOUT", stage, `no ${what} within ${this.options.readTimeoutMs} ms`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  async readLine(stage: Stage, what: string): Promise<string> {
    const line = await this.read(stage, what, (b) => {
      const i = b.indexOf(0x0a);
      return i < 0 ? null : i + 1;
    });
    const text = line.toString("latin1").replace(/\r?\n$/, "");
    this.options.transcript.push(`S: ${text}`);
    return text;
  }

  send(text: string | Uint8Array, shown?: string): void {
    this.options.transcript.push(`C: ${shown ?? String(text).replace(/\r\n$/, "")}`);
    this.socket.write(text);
  }

  /** Stops listening to the socket. */
  release(): void {
    this.socket.off("data", this.onData);
    this.socket.off("end", this.onEnd);
    this.socket.off("close", this.onEnd);
  }

  /** Stops reading; fails if the server sent anything after agreeing to TLS (a STARTTLS injection attempt). */
  detach(): void {
    this.release();
    if (this.buffer.length > 0) throw new StartTlsError("ERR_PROBE_PROTOCOL", "starttls", `the server sent ${this.buffer.length} unexpected bytes after accepting STARTTLS; refusing to start TLS on a tampered stream`);
  }
}

/** Reads an SMTP reply (multi-line `250-…` … `250 …`); returns the code and the text of each line. */
async function smtpReply(c: Conversation, stage: Stage, what: string): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  for (;;) {
    const line = await c.readLine(stage, what);
    const m = /^(\d{3})([ -]?)(.*)$/.exec(line);
    if (!m) throw new StartTlsError("ERR_PROBE_PROTOCOL", stage, `not an SMTP reply: "${line.slice(0, 80)}"`);
    lines.push(m[3] ?? "");
    if (m[2] !== "-") return { code: Number(m[1]), lines };
  }
}

async function smtp(c: Conversation, o: StartTlsOptions): Promise<StartTlsOutcome> {
  const greeting = await smtpReply(c, "greeting", "the SMTP greeting (220)");
  const banner = `${greeting.code} ${greeting.lines.join(" / ")}`;
  if (o.seen) o.seen.banner = banner;
  if (greeting.code !== 220) throw new StartTlsError("ERR_PROBE_PROTOCOL", "greeting", `the server greeted with ${banner} instead of 220`);
  c.send(`EHLO ${o.ehloName}\r\n`);
  const ehlo = await smtpReply(c, "capabilities", "the EHLO reply");
  // 500–504: an SMTP server without ESMTP (it would only take HELO) — it cannot offer STARTTLS.
  if (ehlo.code >= 500 && ehlo.code <= 504) {
    c.send("QUIT\r\n");
    return { offered: false, banner, capabilities: [], refusal: `EHLO was refused (${ehlo.code} ${ehlo.lines.join(" ")}): the server does not speak ESMTP, so STARTTLS is not available` };
  }
  if (ehlo.code !== 250) throw new StartTlsError("ERR_PROBE_PROTOCOL", "capabilities", `EHLO was answered with ${ehlo.code} ${ehlo.lines.join(" ")}`);
  const capabilities = ehlo.lines.slice(1).map((l) => l.trim());
  if (o.seen) o.seen.capabilities = capabilities;
  if (!capabilities.some((cap) => /^STARTTLS\b/i.test(cap))) {
    c.send("QUIT\r\n");
    return { offered: false, banner, capabilities, refusal: "STARTTLS is not in the EHLO reply" };
  }
  c.send("STARTTLS\r\n");
  const answer = await smtpReply(c, "starttls", "the answer to STARTTLS");
  if (answer.code !== 220) return { offered: false, banner, capabilities, refusal: `STARTTLS was advertised but answered with ${answer.code} ${answer.lines.join(" ")}` };
  return { offered: true, banner, capabilities };
}

async function imap(c: Conversation): Promise<StartTlsOutcome> {
  const banner = await c.readLine("greeting", "the IMAP greeting (* OK)");
  if (c.options.seen) c.options.seen.banner = banner;
  if (!/^\* (OK|PREAUTH)\b/i.test(banner)) throw new StartTlsError("ERR_PROBE_PROTOCOL", "greeting", `the server greeted with "${banner.slice(0, 120)}" instead of * OK`);
  c.send("a1 CAPABILITY\r\n");
  const capabilities: string[] = [];
  for (;;) {
    const line = await c.readLine("capabilities", "the CAPABILITY answer");
    const caps = /^\* CAPABILITY (.*)$/i.exec(line);
    if (caps) capabilities.push(...(caps[1] ?? "").split(/\s+/).filter(Boolean));
    if (/^a1 /i.test(line)) {
      if (!/^a1 OK\b/i.test(line)) throw new StartTlsError("ERR_PROBE_PROTOCOL", "capabilities", `CAPABILITY failed: "${line.slice(0, 120)}"`);
      break;
    }
  }
  if (c.options.seen) c.options.seen.capabilities = capabilities;
  if (!capabilities.some((cap) => cap.toUpperCase() === "STARTTLS")) {
    c.send("a2 LOGOUT\r\n");
    return { offered: false, banner, capabilities, refusal: "STARTTLS is not in the CAPABILITY answer" };
  }
  c.send("a2 STARTTLS\r\n");
  for (;;) {
    const line = await c.readLine("starttls", "the answer to STARTTLS");
    if (!/^a2 /i.test(line)) continue;
    if (/^a2 OK\b/i.test(line)) return { offered: true, banner, capabilities };
    return { offered: false, banner, capabilities, refusal: `STARTTLS was advertised but answered "${line.slice(0, 120)}"` };
  }
}

async function pop3(c: Conversation): Promise<StartTlsOutcome> {
  const banner = await c.readLine("greeting", "the POP3 greeting (+OK)");
  if (c.options.seen) c.options.seen.banner = banner;
  if (!/^\+OK\b/.test(banner)) throw new StartTlsError("ERR_PROBE_PROTOCOL", "greeting", `the server greeted with "${banner.slice(0, 120)}" instead of +OK`);
  c.send("CAPA\r\n");
  const first = await c.readLine("capabilities", "the CAPA answer");
  const capabilities: string[] = [];
  if (/^\+OK\b/.test(first)) {
    for (;;) {
      const line = await c.readLine("capabilities", "the end of the CAPA list");
      if (line === ".") break;
      capabilities.push(line.trim());
    }
  }
  if (c.options.seen) c.options.seen.capabilities = capabilities;
  if (!capabilities.some((cap) => /^STLS\b/i.test(cap))) {
    c.send("QUIT\r\n");
    return { offered: false, banner, capabilities, refusal: /^\+OK\b/.test(first) ? "STLS is not in the CAPA list" : `CAPA is not supported ("${first.slice(0, 80)}"), so STLS is not advertised` };
  }
  c.send("STLS\r\n");
  const answer = await c.readLine("starttls", "the answer to STLS");
  if (/^\+OK\b/.test(answer)) return { offered: true, banner, capabilities };
  return { offered: false, banner, capabilities, refusal: `STLS was advertised but answered "${answer.slice(0, 120)}"` };
}

/** The StartTLS extended request (RFC 4511 §4.14.1): messageID 1, requestName 1.3.6.1.4.1.1466.20037. */
const LDAP_STARTTLS_OID = "1.3.6.1.4.1.1466.20037";
const LDAP_STARTTLS_REQUEST = Buffer.concat([Buffer.from([0x30, 0x1d, 0x02, 0x01, 0x01, 0x77, 0x18, 0x80, 0x16]), Buffer.from(LDAP_STARTTLS_OID, "latin1")]);

/** Length of the complete BER element at the start of `b`, or null when more bytes are needed. */
export function berElementLength(b: Uint8Array): number | null {
  if (b.length < 2) return null;
  const first = b[1]!;
  if (first < 0x80) return b.length >= 2 + first ? 2 + first : null;
  const n = first & 0x7f;
  if (n === 0 || n > 4) throw new StartTlsError("ERR_PROBE_PROTOCOL", "starttls", "the LDAP answer has an unsupported BER length");
  if (b.length < 2 + n) return null;
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + b[2 + i]!;
  return b.length >= 2 + n + length ? 2 + n + length : null;
}

/** Header (tag, content offset, content length) of the BER element at `offset`. */
function berHeader(b: Uint8Array, offset: number): { tag: number; start: number; length: number } {
  const tag = b[offset] ?? -1;
  const first = b[offset + 1] ?? 0;
  if (first < 0x80) return { tag, start: offset + 2, length: first };
  const n = first & 0x7f;
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + (b[offset + 2 + i] ?? 0);
  return { tag, start: offset + 2 + n, length };
}

const LDAP_RESULT_NAMES: Record<number, string> = { 0: "success", 1: "operationsError", 2: "protocolError", 52: "unavailable", 53: "unwillingToPerform" };

async function ldap(c: Conversation): Promise<StartTlsOutcome> {
  c.send(LDAP_STARTTLS_REQUEST, `StartTLS extended request (${LDAP_STARTTLS_OID})`);
  const message = await c.read("starttls", "the answer to the StartTLS extended operation", berElementLength);
  const outer = berHeader(message, 0);
  const id = berHeader(message, outer.start);
  const op = berHeader(message, id.start + id.length);
  const result = berHeader(message, op.start);
  if (outer.tag !== 0x30 || op.tag !== 0x78 || result.tag !== 0x0a) throw new StartTlsError("ERR_PROBE_PROTOCOL", "starttls", "the server did not answer the StartTLS request with an LDAP extended response");
  const code = message[result.start] ?? -1;
  const name = LDAP_RESULT_NAMES[code] ?? `result code ${code}`;
  c.options.transcript.push(`S: extended response: ${name}`);
  if (code === 0) return { offered: true, banner: null, capabilities: [] };
  return { offered: false, banner: null, capabilities: [], refusal: `the StartTLS extended operation was refused (${name})` };
}

/**
 * Runs the plain-text STARTTLS dialogue of `protocol` on a connected socket. Resolves with `offered: true` when the
 * socket is ready for the TLS handshake (and nothing is left unread), `offered: false` when the server does not
 * offer TLS. Throws {@link StartTlsError} for a timeout, a closed connection, a protocol violation or too much data.
 */
export async function negotiateStartTls(socket: Socket, protocol: StartTlsProtocol, options: StartTlsOptions): Promise<StartTlsOutcome> {
  const c = new Conversation(socket, options);
  try {
    const outcome = protocol === "smtp" ? await smtp(c, options) : protocol === "imap" ? await imap(c) : protocol === "pop3" ? await pop3(c) : await ldap(c);
    if (outcome.offered) c.detach();
    return outcome;
  } finally {
    c.release();
  }
}
