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
 * Plus {@link createProbeLab}: an openssl lab PKI (C's harness) with a loopback CRL server so revocation works,
 * and certificates of every kind the probe must tell apart: valid, expired, wrong name, untrusted root, revoked.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import net, { type AddressInfo, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import tls from "node:tls";
import { SMTPServer } from "smtp-server";
import { canConnect, freePort, spawnManaged, waitFor, type ManagedChild } from "./child-process";
import { startCrlServer, type CrlServer } from "./crl-server";
import { createLabPki, type LabCert, type LabPki } from "./lab-pki";

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
 */
export async function startSmtpServer(options: { credentials: ServerCredentials; starttls: boolean; auth?: { user: string; pass: string } }): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
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
  let managed: ManagedChild | undefined;
  let port = 0;
  for (let attempt = 0; attempt < 3 && !managed; attempt++) {
    port = await freePort();
    const candidate = spawnManaged("slapd", ["-f", conf, "-h", `ldap://127.0.0.1:${port}/`, "-d", "0"]);
    try {
      await waitFor(
        async () => {
          if (candidate.child.exitCode !== null) throw new Error(`slapd exited: ${candidate.output()}`);
          return (await canConnect(port)) ? true : undefined;
        },
        10_000,
        () => `slapd on port ${port}`,
      );
      managed = candidate;
    } catch (error) {
      await candidate.stop();
      if (attempt === 2) throw error;
    }
  }
  const child = managed!;
  return {
    host: LOOPBACK,
    port,
    stop: async () => {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Kinds of server certificate the probe must tell apart. */
export const CERT_KINDS = ["valid", "expired", "wrongname", "untrusted", "revoked"] as const;
export type CertKind = (typeof CERT_KINDS)[number];

/** The lab: PKIs, CRL server, and credentials per certificate kind. */
export interface ProbeLab {
  pki: LabPki;
  crlServer: CrlServer;
  /** The trusted root (DER). */
  rootDer: Uint8Array;
  /** Path of the trusted root PEM (for `--trust`). */
  rootPath: string;
  credentials: Record<CertKind, ServerCredentials>;
  /**
   * Misconfigured servers: `leafOnlyWithAia` sends only its leaf (`aia.lab.test`, whose AIA caIssuers URL serves
   * the issuing CA), `leafOnlyNoAia` only its leaf (`mx.lab.test`, no AIA), `selfSigned` a self-signed `mx.lab.test`.
   */
  misconfigured: Record<"leafOnlyWithAia" | "leafOnlyNoAia" | "selfSigned", ServerCredentials>;
  certs: Record<CertKind, LabCert>;
  /** The name each certificate is probed for: its own name, except `wrongname`, probed for the valid name. */
  nameFor(kind: CertKind): string;
  /** Re-publishes the issuing CA's CRL (after a revocation). */
  publishCrls(): void;
  cleanup(): Promise<void>;
}

const stamp = (d: Date) => d.toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z";

/** Issues a leaf from the lab's issuing CA with explicit dates (C's `issueLeaf` always makes current ones). */
export function issueLeafWithDates(pki: LabPki, name: string, notBefore: Date, notAfter: Date, cdp: string[]): LabCert {
  const dir = path.join(pki.dir, "dated");
  mkdirSync(dir, { recursive: true });
  const key = path.join(dir, `${name}.key`);
  const csr = path.join(dir, `${name}.csr`);
  const cert = path.join(dir, `${name}.pem`);
  const ext = path.join(dir, `${name}-ext.cnf`);
  const run = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key]);
  writeFileSync(ext, `basicConstraints = critical,CA:false\nkeyUsage = critical,digitalSignature\nextendedKeyUsage = serverAuth\nsubjectAltName = DNS:${name}.lab.test\nauthorityKeyIdentifier = keyid:always\n${cdp.length ? `crlDistributionPoints = ${cdp.map((u) => `URI:${u}`).join(",")}\n` : ""}`);
  run(["req", "-new", "-key", key, "-subj", `/O=Certconsole Lab/CN=${name}.lab.test`, "-out", csr]);
  run(["ca", "-batch", "-config", path.join(pki.dir, "issuing", "openssl.cnf"), "-cert", pki.issuing.certPath, "-keyfile", pki.issuing.keyPath, "-in", csr, "-out", cert, "-notext", "-startdate", stamp(notBefore), "-enddate", stamp(notAfter), "-extfile", ext]);
  const pem = readFileSync(cert, "utf8");
  const der = new Uint8Array(execFileSync("openssl", ["x509", "-in", cert, "-outform", "DER"]));
  const serial = execFileSync("openssl", ["x509", "-in", cert, "-noout", "-serial"]).toString().trim().replace(/^serial=/, "").toUpperCase();
  return { name, certPath: cert, keyPath: key, pem, der, serial };
}

/**
 * A private PKI nobody trusts: a self-signed "Fabrikam Private Root CA" (distinct names, so the chain builder finds
 * no anchor at all — a lab PKI made twice would share names and look like an impostor chain) and a leaf for
 * `mx.lab.test` it signs. The server sends leaf + private root.
 */
export function issueUntrustedLeaf(dir: string): { leaf: LabCert; root: LabCert } {
  const run = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  const file = (name: string) => path.join(dir, name);
  const load = (name: string, certPath: string, keyPath: string): LabCert => ({
    name,
    certPath,
    keyPath,
    pem: readFileSync(certPath, "utf8"),
    der: new Uint8Array(execFileSync("openssl", ["x509", "-in", certPath, "-outform", "DER"])),
    serial: execFileSync("openssl", ["x509", "-in", certPath, "-noout", "-serial"]).toString().trim().replace(/^serial=/, "").toUpperCase(),
  });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
  writeFileSync(file("private-root.cnf"), "basicConstraints = critical,CA:true\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n");
  run(["req", "-x509", ...ec, "-keyout", file("private-root.key"), "-out", file("private-root.pem"), "-days", "3650", "-subj", "/CN=Fabrikam Private Root CA/O=Fabrikam", "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
  run(["req", "-new", ...ec, "-keyout", file("private-leaf.key"), "-out", file("private-leaf.csr"), "-subj", "/CN=mx.lab.test/O=Fabrikam"]);
  writeFileSync(file("private-leaf.cnf"), "basicConstraints = critical,CA:false\nkeyUsage = critical,digitalSignature\nextendedKeyUsage = serverAuth\nsubjectAltName = DNS:mx.lab.test\nauthorityKeyIdentifier = keyid\n");
  run(["x509", "-req", "-in", file("private-leaf.csr"), "-CA", file("private-root.pem"), "-CAkey", file("private-root.key"), "-CAcreateserial", "-days", "365", "-extfile", file("private-leaf.cnf"), "-out", file("private-leaf.pem")]);
  return { leaf: load("mx", file("private-leaf.pem"), file("private-leaf.key")), root: load("private-root", file("private-root.pem"), file("private-root.key")) };
}

/**
 * Builds the probe lab: a CRL server on loopback, a lab PKI whose issuing CA and leaves point at it (so the
 * revocation checker gets real answers: `good` for the valid leaf, `revoked` for the revoked one), an expired
 * leaf, a leaf for another name, and a leaf from an untrusted private root (see {@link issueUntrustedLeaf}).
 */
export async function createProbeLab(): Promise<ProbeLab> {
  const crlDir = mkdtempSync(path.join(tmpdir(), "certconsole-probe-crl-"));
  const crlServer = await startCrlServer({ dir: crlDir });
  const pki = createLabPki({ issuingUrls: { cdp: [`${crlServer.url}/root.crl`] } });
  const privateDir = mkdtempSync(path.join(tmpdir(), "certconsole-probe-private-"));
  const untrusted = issueUntrustedLeaf(privateDir);
  const cdp = [`${crlServer.url}/issuing.crl`];
  const now = Date.now();
  const certs: Record<CertKind, LabCert> = {
    valid: pki.issueLeaf("mx", { cdp }),
    expired: issueLeafWithDates(pki, "expired", new Date(now - 400 * 86_400_000), new Date(now - 30 * 86_400_000), cdp),
    wrongname: pki.issueLeaf("other", { cdp }),
    untrusted: untrusted.leaf,
    revoked: pki.issueLeaf("revoked", { cdp }),
  };
  pki.revoke(certs.revoked, "keyCompromise");
  const publishCrls = () => {
    writeFileSync(path.join(crlDir, "root.crl"), pki.rootCrl());
    writeFileSync(path.join(crlDir, "issuing.crl"), pki.issuingCrl());
    writeFileSync(path.join(crlDir, "issuing.cer"), pki.issuing.der);
  };
  publishCrls();
  const chainOf = (kind: CertKind): ServerCredentials => {
    const issuing = kind === "untrusted" ? untrusted.root : pki.issuing;
    return { key: readFileSync(certs[kind].keyPath, "utf8"), cert: `${certs[kind].pem.trim()}\n${issuing.pem.trim()}\n` };
  };
  const credentials = Object.fromEntries(CERT_KINDS.map((k) => [k, chainOf(k)])) as Record<CertKind, ServerCredentials>;
  const aia = pki.issueLeaf("aia", { cdp, caIssuers: [`${crlServer.url}/issuing.cer`] });
  const keyOf = (c: LabCert) => readFileSync(c.keyPath, "utf8");
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", path.join(privateDir, "self.key"), "-out", path.join(privateDir, "self.pem"), "-days", "365", "-subj", "/CN=mx.lab.test", "-addext", "subjectAltName=DNS:mx.lab.test"], { stdio: "ignore" });
  const misconfigured = {
    leafOnlyWithAia: { key: keyOf(aia), cert: aia.pem },
    leafOnlyNoAia: { key: keyOf(certs.valid), cert: certs.valid.pem },
    selfSigned: { key: readFileSync(path.join(privateDir, "self.key"), "utf8"), cert: readFileSync(path.join(privateDir, "self.pem"), "utf8") },
  };
  const names: Record<CertKind, string> = { valid: "mx.lab.test", expired: "expired.lab.test", wrongname: "mx.lab.test", untrusted: "mx.lab.test", revoked: "revoked.lab.test" };
  return {
    pki,
    crlServer,
    rootDer: pki.root.der,
    rootPath: pki.root.certPath,
    credentials,
    misconfigured,
    certs,
    nameFor: (kind) => names[kind],
    publishCrls,
    cleanup: async () => {
      await crlServer.stop();
      pki.cleanup();
      rmSync(privateDir, { recursive: true, force: true });
      rmSync(crlDir, { recursive: true, force: true });
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
