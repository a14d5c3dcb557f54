/**
 * Real servers on 127.0.0.1 presenting chosen certificates, for the TLS/STARTTLS probe and alert delivery tests:
 * - SMTP with STARTTLS, and SMTP without it: the `smtp-server` npm package (a real SMTP implementation), which
 *   also records every message it receives;
 * - HTTPS: node:https;
 * - LDAP StartTLS: a real OpenLDAP `slapd` (Debian package, already used by C's harness) with TLS configured,
 *   or without TLS (it then refuses the StartTLS extended operation);
 * - IMAP and POP3: STUBS — small node:net servers speaking just enough of each protocol (greeting,
 *   CAPABILITY/CAPA, STARTTLS/STLS) to reach the TLS handshake, because no real IMAP/POP3 server is practical
 *   to run in the tests here.
 * The certificates they present come from probe-lab.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import net, { type AddressInfo, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import tls from "node:tls";
import { SMTPServer } from "smtp-server";
import { spawnSlapd } from "./child-process";

// The lab's certificates live in probe-lab.ts; re-exported so one import serves both.
export { CERT_KINDS, createProbeLab, issueLeafWithDates, issueUntrustedLeaf, type CertKind, type ProbeLab } from "./probe-lab";

/** Key and certificate chain (leaf first, PEM) a server presents. */
export interface ServerCredentials {
  key: string;
  /** Leaf followed by intermediates, PEM. */
  cert: string;
}

/** A running test server. */
export interface TestServer {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** A message received by the SMTP server. */
export interface ReceivedMail {
  from: string | null;
  to: string[];
  /** The raw RFC 5322 message. */
  raw: string;
  /** True when the session had switched to TLS (STARTTLS) before DATA. */
  secure: boolean;
  user: string | null;
}

/** The SMTP test server. */
export interface SmtpTestServer extends TestServer {
  received: ReceivedMail[];
}

const LOOPBACK = "127.0.0.1";

function trackSockets(server: Server): () => void {
  const sockets = new Set<Socket>();
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  return () => sockets.forEach((s) => s.destroy());
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, LOOPBACK, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/**
 * A real SMTP server (`smtp-server`). `starttls: false` hides STARTTLS from the EHLO reply (the "no TLS" partner).
 * With `auth`, AUTH PLAIN/LOGIN is accepted for that user only (after STARTTLS, as smtp-server requires).
 * `implicitTls` makes it an SMTPS server (TLS from the first byte, as on port 465).
 */
export async function startSmtpServer(options: { credentials: ServerCredentials; starttls: boolean; auth?: { user: string; pass: string }; implicitTls?: boolean }): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: options.implicitTls ?? false,
    key: options.credentials.key,
    cert: options.credentials.cert,
    hideSTARTTLS: !options.starttls,
    authOptional: !options.auth,
    ...(options.auth ? {} : { disabledCommands: ["AUTH"] }),
    logger: false,
    banner: "certconsole test SMTP server",
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) return callback(null, { user: auth.username });
      return callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
          secure: session.secure,
          user: typeof session.user === "string" ? session.user : null,
        });
        callback();
      });
    },
  });
  server.on("error", () => undefined);
  const port = await new Promise<number>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, LOOPBACK, () => resolve((server.server.address() as AddressInfo).port));
  });
  return { host: LOOPBACK, port, received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A real HTTPS server (node:https) answering every request with 200 "ok". */
export async function startHttpsServer(options: { credentials: ServerCredentials; tls?: Pick<tls.TlsOptions, "minVersion" | "maxVersion" | "ciphers"> }): Promise<TestServer> {
  const server = https.createServer({ key: options.credentials.key, cert: options.credentials.cert, ...options.tls }, (_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("ok\n"));
  server.on("tlsClientError", () => undefined);
  const destroyAll = trackSockets(server);
  const port = await listen(server);
  return { host: LOOPBACK, port, stop: () => new Promise<void>((resolve) => (destroyAll(), server.close(() => resolve()))) };
}

/** The protocols of the STARTTLS stubs. */
export type StubProtocol = "imap" | "pop3";

/** Dialogue of each stub: what to answer to a line, and whether that answer starts TLS. */
function stubAnswer(protocol: StubProtocol, line: string, starttls: boolean): { reply: string; upgrade?: boolean; close?: boolean } {
  if (protocol === "imap") {
    const [tag = "*", command = ""] = line.split(" ");
    switch (command.toUpperCase()) {
      case "CAPABILITY":
        return { reply: `* CAPABILITY IMAP4rev1 ${starttls ? "STARTTLS " : ""}LOGINDISABLED\r\n${tag} OK CAPABILITY completed\r\n` };
      case "STARTTLS":
        return starttls ? { reply: `${tag} OK Begin TLS negotiation now\r\n`, upgrade: true } : { reply: `${tag} BAD STARTTLS not available\r\n` };
      case "LOGOUT":
        return { reply: `* BYE stub logging out\r\n${tag} OK LOGOUT completed\r\n`, close: true };
      default:
        return { reply: `${tag} BAD unknown command\r\n` };
    }
  }
  switch (line.toUpperCase()) {
    case "CAPA":
      return { reply: `+OK Capability list follows\r\nUSER\r\nUIDL\r\n${starttls ? "STLS\r\n" : ""}.\r\n` };
    case "STLS":
      return starttls ? { reply: "+OK Begin TLS negotiation\r\n", upgrade: true } : { reply: "-ERR STLS not available\r\n" };
    case "QUIT":
      return { reply: "+OK bye\r\n", close: true };
    default:
      return { reply: "-ERR unknown command\r\n" };
  }
}

/**
 * A STARTTLS stub (see the module description): IMAP (`* OK` greeting, CAPABILITY, STARTTLS) or POP3 (`+OK`,
 * CAPA, STLS). With `starttls: false` it does not advertise
 * (or refuses) TLS. After the upgrade it completes the TLS handshake with the given credentials.
 */
export async function startStartTlsStub(options: { protocol: StubProtocol; credentials: ServerCredentials; starttls: boolean }): Promise<TestServer> {
  const context = tls.createSecureContext({ key: options.credentials.key, cert: options.credentials.cert });
  const server = net.createServer((socket) => {
    socket.on("error", () => undefined);
    let buffer = Buffer.alloc(0);
    const upgrade = () => {
      socket.removeAllListeners("data");
      const secure = new tls.TLSSocket(socket, { isServer: true, secureContext: context });
      secure.on("error", () => undefined);
      secure.on("secure", () => secure.write(options.protocol === "pop3" ? "+OK secured\r\n" : "* OK secured\r\n"));
    };
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let i = buffer.indexOf(0x0a); i >= 0; i = buffer.indexOf(0x0a)) {
        const line = buffer.subarray(0, i).toString("latin1").replace(/\r$/, "");
        buffer = buffer.subarray(i + 1);
        const answer = stubAnswer(options.protocol, line, options.starttls);
        socket.write(answer.reply);
        if (answer.close) return void socket.end();
        if (answer.upgrade) return upgrade();
      }
    });
    if (options.protocol === "imap") socket.write(`* OK [CAPABILITY IMAP4rev1${options.starttls ? " STARTTLS" : ""}] certconsole IMAP stub ready\r\n`);
    if (options.protocol === "pop3") socket.write("+OK certconsole POP3 stub ready\r\n");
  });
  const destroyAll = trackSockets(server);
  const port = await listen(server);
  return { host: LOOPBACK, port, stop: () => new Promise<void>((resolve) => (destroyAll(), server.close(() => resolve()))) };
}

/**
 * A real OpenLDAP `slapd` on 127.0.0.1 answering the StartTLS extended operation with the given credentials;
 * without credentials TLS is not configured and slapd refuses StartTLS. Retries on another port if taken.
 */
export async function startSlapd(options: { credentials?: ServerCredentials }): Promise<TestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "certconsole-slapd-tls-"));
  mkdirSync(path.join(dir, "db"));
  const tlsLines: string[] = [];
  if (options.credentials) {
    writeFileSync(path.join(dir, "cert.pem"), options.credentials.cert);
    writeFileSync(path.join(dir, "key.pem"), options.credentials.key, { mode: 0o600 });
    tlsLines.push(`TLSCertificateFile ${path.join(dir, "cert.pem")}`, `TLSCertificateKeyFile ${path.join(dir, "key.pem")}`);
  }
  const conf = path.join(dir, "slapd.conf");
  writeFileSync(
    conf,
    [
      "include /etc/ldap/schema/core.schema",
      `pidfile ${path.join(dir, "slapd.pid")}`,
      "modulepath /usr/lib/ldap",
      "moduleload back_mdb",
      ...tlsLines,
      "database mdb",
      "maxsize 10485760",
      'suffix "dc=lab,dc=test"',
      `directory ${path.join(dir, "db")}`,
      "access to * by * read",
      "",
    ].join("\n"),
  );
  const { managed: child, port } = await spawnSlapd(conf);
  return {
    host: LOOPBACK,
    port,
    stop: async () => {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A loopback port with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
