// The TLS/STARTTLS probe against real servers on loopback (smtp-server, node:https, slapd; IMAP/POP3 stubs), each
// presenting a chosen certificate from an openssl lab PKI with a working CRL server, judged by validateCertificate.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createRevocationChecker } from "@/lib/pki/revocation/checker";
import { startForwardProxy, type ForwardProxy } from "@/test/harness/forward-proxy";
import { CERT_KINDS, closedPort, createProbeLab, startHttpsServer, startSlapd, startSmtpServer, startStartTlsStub, type CertKind, type ProbeLab, type TestServer } from "@/test/harness/tls-servers";
import { createNetFetcher } from "./fetcher";
import { checkEndpoint, reportProbe, wrongCertificateInUse, type ProbeStatus } from "./probe-report";
import { probeEndpoint, type StartTlsProtocol } from "./tls-probe";

type Kind = "smtp" | "https" | "imap" | "pop3" | "ldap";
const PROTOCOLS: Kind[] = ["smtp", "https", "imap", "pop3", "ldap"];
const STARTTLS: Record<Kind, StartTlsProtocol | undefined> = { smtp: "smtp", https: undefined, imap: "imap", pop3: "pop3", ldap: "ldap" };

let lab: ProbeLab;
const servers = new Map<string, TestServer>();
const noTls = new Map<Kind, TestServer>();
const extra: TestServer[] = [];
let proxy: ForwardProxy;
const rawServers: net.Server[] = [];

beforeAll(async () => {
  lab = await createProbeLab();
  for (const protocol of PROTOCOLS) {
    for (const kind of CERT_KINDS) {
      const credentials = lab.credentials[kind];
      const server =
        protocol === "smtp"
          ? await startSmtpServer({ credentials, starttls: true })
          : protocol === "https"
            ? await startHttpsServer({ credentials })
            : protocol === "ldap"
              ? await startSlapd({ credentials })
              : await startStartTlsStub({ protocol, credentials, starttls: true });
      servers.set(`${protocol}/${kind}`, server);
    }
    if (protocol !== "https") {
      const credentials = lab.credentials.valid;
      noTls.set(protocol, protocol === "smtp" ? await startSmtpServer({ credentials, starttls: false }) : protocol === "ldap" ? await startSlapd({}) : await startStartTlsStub({ protocol, credentials, starttls: false }));
    }
  }
  proxy = await startForwardProxy();
}, 60_000);

afterAll(async () => {
  await Promise.all([...servers.values(), ...noTls.values(), ...extra].map((s) => s.stop()));
  await Promise.all(rawServers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  await proxy?.stop();
  await lab?.cleanup();
});

const judge = () => ({ trustAnchors: [lab.rootDer], now: new Date(), revocation: createRevocationChecker({ fetcher: createNetFetcher({ allowPrivate: true, timeoutMs: 5_000 }) }) });

const EXPECTED: Record<CertKind, { status: ProbeStatus; code?: string }> = {
  valid: { status: "Valid" },
  expired: { status: "DateInvalid", code: "ERR_EXPIRED" },
  wrongname: { status: "Invalid", code: "ERR_NAME_MISMATCH" },
  untrusted: { status: "Untrusted", code: "ERR_NO_PATH" },
  revoked: { status: "Revoked", code: "ERR_REVOKED" },
};

describe("probeEndpoint + reportProbe: every server × certificate kind", () => {
  const cases = PROTOCOLS.flatMap((protocol) => CERT_KINDS.map((kind) => [protocol, kind] as const));
  test.each(cases)("%s presenting the %s certificate", async (protocol, kind) => {
    const server = servers.get(`${protocol}/${kind}`)!;
    const starttls = STARTTLS[protocol];
    const report = await checkEndpoint({ host: server.host, port: server.port, servername: lab.nameFor(kind), allowPrivate: true, timeoutMs: 5_000, ...(starttls ? { starttls } : {}) }, judge());
    expect(report.probe.errors).toEqual([]);
    expect(report.status).toBe(EXPECTED[kind].status);
    if (EXPECTED[kind].code) expect(report.problems.map((p) => p.code)).toContain(EXPECTED[kind].code);
    else expect(report.problems).toEqual([]);
    expect(report.protocol).toBe("TLSv1.3");
    expect(report.cipher).toMatch(/^TLS_/);
    // The server sends leaf + issuing CA; a validated chain ends at the lab root, an untrusted one stops where the sent chain does.
    expect(report.presented).toHaveLength(2);
    expect(report.chain.length).toBe(kind === "untrusted" ? 2 : 3);
    expect(report.chain[0]).toBe(report.presented[0]);
    if (starttls) expect(report.probe.starttlsOffered).toBe(true);
    expect(report.summary).toContain(`presented CN=${lab.certs[kind].name}.lab.test`);
  });

  test("the summary of the expired certificate says when it expired, and the TLS version", async () => {
    const server = servers.get("smtp/expired")!;
    const report = await checkEndpoint({ host: server.host, port: server.port, servername: "expired.lab.test", starttls: "smtp", allowPrivate: true }, judge());
    const notAfter = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    expect(report.summary).toMatch(new RegExp(`^127\\.0\\.0\\.1:${server.port} \\(STARTTLS SMTP\\) presented CN=expired\\.lab\\.test, O=Certconsole Lab issued by CN=Certconsole Lab Issuing CA, O=Certconsole Lab, which expired on ${notAfter}`));
    expect(report.summary).toContain("TLS 1.3 with TLS_");
    expect(report.summary).toContain("Status DateInvalid");
  });

  test("the wrong-name summary names the mismatch", async () => {
    const server = servers.get("https/wrongname")!;
    const report = await checkEndpoint({ host: server.host, port: server.port, servername: "mx.lab.test", allowPrivate: true }, judge());
    expect(report.status).toBe("Invalid");
    expect(report.summary).toMatch(/Status Invalid: .*mx\.lab\.test/);
  });

  test("--name overrides the SNI name for the check", async () => {
    const server = servers.get("https/wrongname")!;
    const report = await checkEndpoint({ host: server.host, port: server.port, servername: "mx.lab.test", allowPrivate: true }, { ...judge(), name: "other.lab.test" });
    expect(report.status).toBe("Valid");
  });
});

describe("no TLS offered", () => {
  test.each(["smtp", "imap", "pop3", "ldap"] as const)("%s without STARTTLS → NoTls", async (protocol) => {
    const server = noTls.get(protocol)!;
    const report = await checkEndpoint({ host: server.host, port: server.port, starttls: protocol, servername: "mx.lab.test", allowPrivate: true, timeoutMs: 5_000 }, judge());
    expect(report.status).toBe("NoTls");
    expect(report.probe.starttlsOffered).toBe(false);
    expect(report.problems.map((p) => p.code)).toEqual(["ERR_PROBE_NO_STARTTLS"]);
    expect(report.chain).toEqual([]);
    expect(report.summary).toMatch(/does not offer TLS/);
  });

  test("the SMTP EHLO capabilities and greeting are reported", async () => {
    const server = noTls.get("smtp")!;
    const probe = await probeEndpoint({ host: server.host, port: server.port, starttls: "smtp", allowPrivate: true });
    expect(probe.banner).toMatch(/^220 .*certconsole test SMTP server/);
    expect(probe.capabilities).toContain("PIPELINING");
    expect(probe.capabilities.some((c) => /STARTTLS/i.test(c))).toBe(false);
    expect(probe.transcript).toContain("C: EHLO certconsole.probe");
    expect(probe.transcript).toContain("C: QUIT");
  });

  test("a direct TLS probe of a plain-text SMTP port fails the handshake → ConnectionFailed", async () => {
    const server = noTls.get("smtp")!;
    const report = await checkEndpoint({ host: server.host, port: server.port, allowPrivate: true, timeoutMs: 3_000 }, judge());
    expect(report.status).toBe("ConnectionFailed");
    expect(report.probe.connected).toBe(true);
    expect(report.problems[0]!.code).toMatch(/^ERR_PROBE_(TLS|TIMEOUT|RESET)$/);
  });
});

describe("connection failures and the SSRF guard", () => {
  test("a closed port → ConnectionFailed with a clear message", async () => {
    const port = await closedPort();
    const report = await checkEndpoint({ host: "127.0.0.1", port, allowPrivate: true }, judge());
    expect(report.status).toBe("ConnectionFailed");
    expect(report.problems).toEqual([{ depth: null, code: "ERR_PROBE_REFUSED", message: `connection refused by 127.0.0.1:${port}` }]);
    expect(report.summary).toBe(`127.0.0.1:${port}: nothing answered — connection refused by 127.0.0.1:${port}.`);
  });

  test.each(["127.0.0.1", "localhost", "::1", "169.254.169.254", "10.1.2.3"])("%s without allowPrivate is refused before connecting", async (host) => {
    const probe = await probeEndpoint({ host, port: servers.get("https/valid")!.port, resolver: async () => [{ address: host === "localhost" ? "127.0.0.1" : host, family: host === "::1" ? 6 : 4 }] });
    expect(probe.connected).toBe(false);
    expect(probe.errors).toHaveLength(1);
    expect(probe.errors[0]!.code).toBe("ERR_PROBE_BLOCKED_ADDRESS");
    expect(probe.errors[0]!.message).toMatch(/refused to connect: .* is an? .*address/);
  });

  test("an allow-list entry lets one loopback target through", async () => {
    const server = servers.get("https/valid")!;
    const probe = await probeEndpoint({ host: server.host, port: server.port, servername: "mx.lab.test", allowList: ["127.0.0.1"] });
    expect(probe.errors).toEqual([]);
    expect(probe.tlsEstablished).toBe(true);
  });

  test.each([[0], [70000], [1.5]])("port %s is refused", async (port) => {
    const probe = await probeEndpoint({ host: "127.0.0.1", port, allowPrivate: true });
    expect(probe.errors.map((e) => e.code)).toEqual(["ERR_PROBE_TARGET"]);
  });
});

/** A raw TCP server whose behaviour the test decides. */
async function rawServer(onConnection: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer((socket) => {
    socket.on("error", () => undefined);
    onConnection(socket);
  });
  rawServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return (server.address() as net.AddressInfo).port;
}

describe("bounded: hostile and broken servers", () => {
  test("a server that never greets → ERR_PROBE_TIMEOUT at the greeting stage", async () => {
    const port = await rawServer(() => undefined);
    const probe = await probeEndpoint({ host: "127.0.0.1", port, starttls: "smtp", allowPrivate: true, timeoutMs: 300 });
    expect(probe.errors).toEqual([{ stage: "greeting", code: "ERR_PROBE_TIMEOUT", message: `127.0.0.1:${port}: no the SMTP greeting (220) within 300 ms` }]);
  });

  test("a server dripping greeting lines forever is cut off by the overall deadline", async () => {
    const port = await rawServer((socket) => {
      const timer = setInterval(() => socket.write("220-still greeting you\r\n"), 20);
      socket.on("close", () => clearInterval(timer));
    });
    const probe = await probeEndpoint({ host: "127.0.0.1", port, starttls: "smtp", allowPrivate: true, timeoutMs: 200, deadlineMs: 400 });
    expect(probe.errors).toEqual([{ stage: "greeting", code: "ERR_PROBE_TIMEOUT", message: `127.0.0.1:${port}: the probe's overall deadline passed while waiting for the SMTP greeting (220)` }]);
    expect(probe.transcript.length).toBeGreaterThan(1); // lines kept coming: a per-line timeout alone would never fire
  });

  test("a server that floods before TLS → ERR_PROBE_TOO_MUCH_DATA", async () => {
    const port = await rawServer((socket) => socket.write(Buffer.alloc(200_000, 0x41)));
    const probe = await probeEndpoint({ host: "127.0.0.1", port, starttls: "smtp", allowPrivate: true, maxPlainBytes: 4096, timeoutMs: 5_000 });
    expect(probe.errors.map((e) => e.code)).toEqual(["ERR_PROBE_TOO_MUCH_DATA"]);
  });

  test("a multi-line greeting is read whole; a 554 greeting is a protocol error", async () => {
    const port = await rawServer((socket) => socket.write("554-mx.fabrikam.com no service\r\n554 go away\r\n"));
    const probe = await probeEndpoint({ host: "127.0.0.1", port, starttls: "smtp", allowPrivate: true });
    expect(probe.errors.map((e) => [e.stage, e.code])).toEqual([["greeting", "ERR_PROBE_PROTOCOL"]]);
    expect(probe.errors[0]!.message).toContain("554 mx.fabrikam.com no service / go away");
  });

  test("bytes sent after 220 to STARTTLS (injection) → refused", async () => {
    const port = await rawServer((socket) => {
      socket.write("220-mx.fabrikam.com\r\n220 ESMTP\r\n");
      socket.on("data", (d: Buffer) => {
        const text = d.toString();
        if (text.startsWith("EHLO")) socket.write("250-mx.fabrikam.com\r\n250-SIZE 1000\r\n250 STARTTLS\r\n");
        if (text.startsWith("STARTTLS")) socket.write("220 go ahead\r\n250 injected\r\n");
      });
    });
    const probe = await probeEndpoint({ host: "127.0.0.1", port, starttls: "smtp", allowPrivate: true });
    expect(probe.banner).toBe("220 mx.fabrikam.com / ESMTP");
    expect(probe.capabilities).toEqual(["SIZE 1000", "STARTTLS"]);
    expect(probe.errors.map((e) => [e.stage, e.code])).toEqual([["starttls", "ERR_PROBE_PROTOCOL"]]);
    expect(probe.tlsEstablished).toBe(false);
  });

  test("STARTTLS advertised but refused with 454 → NoTls with the server's answer", async () => {
    const port = await rawServer((socket) => {
      socket.write("220 mx ESMTP\r\n");
      socket.on("data", (d: Buffer) => {
        const text = d.toString();
        if (text.startsWith("EHLO")) socket.write("250-mx\r\n250 STARTTLS\r\n");
        if (text.startsWith("STARTTLS")) socket.write("454 TLS not available due to temporary reason\r\n");
      });
    });
    const report = await reportProbe(await probeEndpoint({ host: "127.0.0.1", port, starttls: "smtp", allowPrivate: true }), judge());
    expect(report.status).toBe("NoTls");
    expect(report.problems[0]!.message).toBe("STARTTLS was advertised but answered with 454 TLS not available due to temporary reason");
  });
});

describe("proxy", () => {
  test("direct TLS goes through the console's proxy with CONNECT", async () => {
    const server = servers.get("https/valid")!;
    const report = await checkEndpoint({ host: server.host, port: server.port, servername: "mx.lab.test", allowPrivate: true, proxy: proxy.url }, judge());
    expect(report.status).toBe("Valid");
    expect(report.probe.route.via).toBe(proxy.url);
    expect(proxy.carried).toContainEqual(expect.objectContaining({ method: "CONNECT", target: `127.0.0.1:${server.port}` }));
  });

  test("a bypassed host goes direct", async () => {
    const server = servers.get("https/valid")!;
    const before = proxy.carried.length;
    const probe = await probeEndpoint({ host: server.host, port: server.port, allowPrivate: true, proxy: proxy.url, bypass: "127.0.0.*" });
    expect(probe.route).toEqual({ via: "direct", reason: "host matches bypass entry 127.0.0.*" });
    expect(probe.tlsEstablished).toBe(true);
    expect(proxy.carried.length).toBe(before);
  });

  test("STARTTLS is never sent through the HTTP proxy", async () => {
    const server = servers.get("smtp/valid")!;
    const probe = await probeEndpoint({ host: server.host, port: server.port, starttls: "smtp", allowPrivate: true, proxy: proxy.url });
    expect(probe.route.via).toBe("direct");
    expect(probe.tlsEstablished).toBe(true);
  });

  test("a proxy that is down → ConnectionFailed naming the proxy", async () => {
    const port = await closedPort();
    const server = servers.get("https/valid")!;
    const report = await checkEndpoint({ host: server.host, port: server.port, allowPrivate: true, proxy: `http://127.0.0.1:${port}` }, judge());
    expect(report.status).toBe("ConnectionFailed");
    expect(report.problems[0]!.code).toBe("ERR_PROBE_PROXY");
    expect(report.problems[0]!.message).toContain(`proxy http://127.0.0.1:${port}`);
  });
});

/** Runs openssl (asynchronously: the servers live in this process) and returns stdout + stderr. */
function openssl(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("openssl", args, { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", () => resolve(out));
    child.stdin.end();
  });
}

/** openssl's verify error mapped to the Exchange status it stands for (0 = OK). */
const OPENSSL_STATUS: Record<number, ProbeStatus> = { 0: "Valid", 10: "DateInvalid", 62: "Invalid", 19: "Untrusted", 20: "Untrusted", 2: "Untrusted", 23: "Revoked" };

describe("cross-check with openssl s_client + openssl verify", () => {
  const cases = PROTOCOLS.flatMap((protocol) => CERT_KINDS.map((kind) => [protocol, kind] as const));
  test.each(cases)("%s/%s: same presented chain, protocol and cipher as s_client; same verdict as openssl verify", async (protocol, kind) => {
    const server = servers.get(`${protocol}/${kind}`)!;
    const name = lab.nameFor(kind);
    const starttls = STARTTLS[protocol];
    const dir = mkdtempSync(path.join(tmpdir(), "probe-xcheck-"));
    try {
      const out = await openssl(["s_client", "-connect", `127.0.0.1:${server.port}`, ...(starttls ? ["-starttls", starttls] : []), "-servername", name, "-showcerts"]);
      const [, opensslProtocol, opensslCipher] = /New, (\S+), Cipher is (\S+)/.exec(out) ?? [];
      const pems = [...out.matchAll(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g)].map((m) => `${m[0]}\n`);
      const thumbprints = pems.map((pem) => createHash("sha1").update(Buffer.from(pem.replace(/-----[^-]+-----|\s+/g, ""), "base64")).digest("hex").toUpperCase());
      const file = (n: string, data: string | Uint8Array) => (writeFileSync(path.join(dir, n), data), path.join(dir, n));
      const crls = [file("issuing.crl", lab.pki.issuingCrl()), file("root.crl", lab.pki.rootCrl())];
      const verify = await openssl([
        "verify",
        "-CAfile",
        lab.rootPath,
        ...crls.flatMap((c) => ["-CRLfile", c]),
        "-crl_check_all",
        "-verify_hostname",
        name,
        ...(pems.length > 1 ? ["-untrusted", file("presented-intermediates.pem", pems.slice(1).join(""))] : []),
        file("presented-leaf.pem", pems[0] ?? ""),
      ]);
      const code = / OK\s*$/.test(verify) ? 0 : Number(/error (\d+) at/.exec(verify)?.[1] ?? NaN);

      const report = await checkEndpoint({ host: server.host, port: server.port, servername: name, allowPrivate: true, ...(starttls ? { starttls } : {}) }, judge());
      expect(OPENSSL_STATUS[code] ?? `openssl verify: ${verify}`).toBe(report.status);
      expect(report.presented).toEqual(thumbprints);
      expect(report.protocol).toBe(opensslProtocol);
      expect(report.cipher).toBe(opensslCipher);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("misconfigured servers, TLS versions and the wrong certificate in use", () => {
  const started: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop()));
  });
  const https = async (credentials: Parameters<typeof startHttpsServer>[0]["credentials"], tlsOptions?: Parameters<typeof startHttpsServer>[0]["tls"]) => {
    const server = await startHttpsServer({ credentials, ...(tlsOptions ? { tls: tlsOptions } : {}) });
    started.push(server);
    return server;
  };

  test("leaf only, with AIA: the intermediate is fetched, Valid, and the summary says the server should send it", async () => {
    const server = await https(lab.misconfigured.leafOnlyWithAia);
    const report = await checkEndpoint({ host: server.host, port: server.port, servername: "aia.lab.test", allowPrivate: true }, { ...judge(), fetcher: createNetFetcher({ allowPrivate: true }) });
    expect(report.presented).toHaveLength(1);
    expect(report.status).toBe("Valid");
    expect(report.chain).toHaveLength(3);
    expect(report.hints).toEqual([`The server sent only its own certificate; the issuing CA certificate was fetched from ${lab.crlServer.url}/issuing.cer (AIA). The server should send the intermediate certificates too: clients that do not fetch them will fail.`]);
    expect(report.summary).toContain("fetched from");
  });

  test("leaf only, no AIA: Untrusted, and the summary says to install the intermediates", async () => {
    const server = await https(lab.misconfigured.leafOnlyNoAia);
    const report = await checkEndpoint({ host: server.host, port: server.port, servername: "mx.lab.test", allowPrivate: true }, judge());
    expect(report.status).toBe("Untrusted");
    expect(report.hints[0]).toMatch(/not the intermediate CA certificates: install the intermediates/);
  });

  test("self-signed: Untrusted, with the self-signed hint", async () => {
    const server = await https(lab.misconfigured.selfSigned);
    const report = await checkEndpoint({ host: server.host, port: server.port, servername: "mx.lab.test", allowPrivate: true }, judge());
    expect(report.status).toBe("Untrusted");
    expect(report.hints[0]).toMatch(/self-signed/);
  });

  test.each<[string, Parameters<typeof startHttpsServer>[0]["tls"], string, RegExp, boolean]>([
    ["TLS 1.2", { maxVersion: "TLSv1.2" }, "TLSv1.2", /^TLS_ECDHE_ECDSA_WITH_/, false],
    ["TLS 1.0 (legacy partner)", { minVersion: "TLSv1", maxVersion: "TLSv1", ciphers: "DEFAULT:@SECLEVEL=0" }, "TLSv1", /^TLS_ECDHE_ECDSA_WITH_/, true],
  ])("%s is negotiated and reported", async (_label, tlsOptions, protocol, cipher, obsolete) => {
    const server = await https(lab.credentials.valid, tlsOptions);
    const report = await checkEndpoint({ host: server.host, port: server.port, servername: "mx.lab.test", allowPrivate: true }, judge());
    expect(report.status).toBe("Valid");
    expect(report.protocol).toBe(protocol);
    expect(report.cipher).toMatch(cipher);
    expect(report.hints.some((h) => /obsolete/.test(h))).toBe(obsolete);
  });

  test("wrongCertificateInUse: the old certificate still presented after a renewal", async () => {
    const server = servers.get("smtp/valid")!;
    const report = await checkEndpoint({ host: server.host, port: server.port, starttls: "smtp", servername: "mx.lab.test", allowPrivate: true }, judge());
    const presented = report.presented[0]!;
    expect(wrongCertificateInUse(report, { serverName: "EX01", service: "SMTP", thumbprint: presented.toLowerCase() })).toBeNull();
    const renewed = { serverName: "EX01", service: "SMTP", thumbprint: "AB".repeat(20), notAfter: new Date(Date.now() + 2 * 365 * 86_400_000) };
    const finding = wrongCertificateInUse(report, renewed)!;
    expect(finding.presentedIsOlder).toBe(true);
    expect(finding.message).toMatch(new RegExp(`^EX01 SMTP \\(127\\.0\\.0\\.1:${server.port}\\) presents certificate ${presented} \\(CN=mx\\.lab\\.test, O=Certconsole Lab, valid until \\d{4}-\\d\\d-\\d\\d\\), not the bound certificate ${"AB".repeat(20)}: renewed but the old certificate is still in use — re-run the service assignment \\(Enable-ExchangeCertificate -Services SMTP\\) or restart the service\\.$`));
    const older = wrongCertificateInUse(report, { ...renewed, notAfter: new Date(Date.now() - 86_400_000) })!;
    expect(older.presentedIsOlder).toBe(false);
  });
});

describe("resolution", () => {
  test("a resolver that never answers → ERR_PROBE_TIMEOUT at the resolve stage", async () => {
    const probe = await probeEndpoint({ host: "mx.fabrikam.com", port: 25, starttls: "smtp", timeoutMs: 200, resolver: () => new Promise(() => undefined) });
    expect(probe.errors).toEqual([{ stage: "resolve", code: "ERR_PROBE_TIMEOUT", message: "resolving mx.fabrikam.com timed out after 200 ms" }]);
  });

  test("an unknown host → ERR_PROBE_DNS", async () => {
    const probe = await probeEndpoint({ host: "mx.fabrikam.invalid", port: 25, resolver: async () => Promise.reject(Object.assign(new Error("not found"), { code: "ENOTFOUND" })) });
    expect(probe.errors.map((e) => [e.stage, e.code])).toEqual([["resolve", "ERR_PROBE_DNS"]]);
    expect(probe.errors[0]!.message).toBe("could not resolve host mx.fabrikam.invalid (ENOTFOUND)");
  });

  test("a name resolving to a private address is refused, naming the address", async () => {
    const probe = await probeEndpoint({ host: "mx.fabrikam.com", port: 25, resolver: async () => [{ address: "10.0.0.5", family: 4 }] });
    expect(probe.errors[0]!.message).toBe("refused to connect: mx.fabrikam.com resolves to 10.0.0.5, which is a private address; allow it with --allow-private or the allow-list");
  });
});
