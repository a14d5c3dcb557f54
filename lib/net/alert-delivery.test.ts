// Alert delivery against real servers on loopback: smtp-server receives the email (plain, STARTTLS with a lab
// certificate, AUTH), a node:http server receives the webhook (and fails on purpose to prove the retries).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closedPort, createProbeLab, startSmtpServer, type ProbeLab, type SmtpTestServer } from "@/test/harness/tls-servers";
import { startForwardProxy, type ForwardProxy } from "@/test/harness/forward-proxy";
import { postWebhook, sendAlertEmail } from "./alert-delivery";

let lab: ProbeLab;
let starttlsRelay: SmtpTestServer;
let plainRelay: SmtpTestServer;
let authRelay: SmtpTestServer;
let untrustedRelay: SmtpTestServer;
let smtpsRelay: SmtpTestServer;
let proxy: ForwardProxy;

interface Hit {
  path: string;
  body: string;
  headers: http.IncomingHttpHeaders;
}
const hits: Hit[] = [];
let webhookServer: http.Server;
let base = "";
const failuresLeft = new Map<string, number>();

beforeAll(async () => {
  lab = await createProbeLab();
  starttlsRelay = await startSmtpServer({ credentials: lab.credentials.valid, starttls: true });
  plainRelay = await startSmtpServer({ credentials: lab.credentials.valid, starttls: false });
  authRelay = await startSmtpServer({ credentials: lab.credentials.valid, starttls: true, auth: { user: "alerts", pass: "s3cret" } });
  untrustedRelay = await startSmtpServer({ credentials: lab.credentials.untrusted, starttls: true });
  smtpsRelay = await startSmtpServer({ credentials: lab.credentials.valid, starttls: false, implicitTls: true });
  proxy = await startForwardProxy();
  webhookServer = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      hits.push({ path, body: Buffer.concat(chunks).toString("utf8"), headers: req.headers });
      const left = failuresLeft.get(path) ?? 0;
      if (path.startsWith("/flaky") && left > 0) {
        failuresLeft.set(path, left - 1);
        return void res.writeHead(500).end("try later");
      }
      if (path === "/always-503") return void res.writeHead(503).end();
      if (path === "/bad-request") return void res.writeHead(400).end("bad payload");
      if (path === "/reset") return void req.socket.destroy();
      if (path === "/hang") return;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => webhookServer.listen(0, "127.0.0.1", () => resolve()));
  base = `http://127.0.0.1:${(webhookServer.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await Promise.all([starttlsRelay, plainRelay, authRelay, untrustedRelay, smtpsRelay].filter(Boolean).map((s) => s.stop()));
  await proxy?.stop();
  webhookServer?.closeAllConnections();
  await new Promise<void>((resolve) => webhookServer?.close(() => resolve()));
  await lab?.cleanup();
});

const ALERT = {
  from: "certconsole@contoso.com",
  to: ["pki-admins@contoso.com", "helpdesk@contoso.com"],
  subject: "Certificate expires soon (12018): mail.contoso.com",
  text: "The certificate with thumbprint 0123456789ABCDEF0123456789ABCDEF01234567 is about to expire: 156 hours left",
  policy: { allowList: ["127.0.0.1"] },
};

describe("sendAlertEmail", () => {
  test("over STARTTLS with a lab certificate: the server receives the alert, headers and body", async () => {
    const before = starttlsRelay.received.length;
    const result = await sendAlertEmail({ ...ALERT, relay: { host: "127.0.0.1", port: starttlsRelay.port, ca: [lab.pki.root.pem], tlsServername: "mx.lab.test", timeoutMs: 5_000 } });
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.accepted).toEqual(ALERT.to);
    expect(result.response).toMatch(/^250 /);
    const mail = starttlsRelay.received[before]!;
    expect(mail.secure).toBe(true);
    expect(mail.from).toBe("certconsole@contoso.com");
    expect(mail.to).toEqual(ALERT.to);
    expect(mail.raw).toMatch(/^Subject: Certificate expires soon \(12018\): mail\.contoso\.com$/m);
    expect(mail.raw).toMatch(/^From: certconsole@contoso\.com$/m);
    expect(mail.raw).toMatch(/^To: pki-admins@contoso\.com, helpdesk@contoso\.com$/m);
    expect(mail.raw).toMatch(/^X-Certconsole-Alert: 1$/m);
    // The body is quoted-printable (long line): undo the soft line breaks before looking at the text.
    expect(mail.raw.replace(/=\r\n/g, "")).toContain(`${ALERT.text}`);
  });

  test("with AUTH after STARTTLS", async () => {
    const result = await sendAlertEmail({ ...ALERT, relay: { host: "127.0.0.1", port: authRelay.port, ca: [lab.pki.root.pem], tlsServername: "mx.lab.test", auth: { user: "alerts", pass: "s3cret" } } });
    expect(result.ok).toBe(true);
    expect(authRelay.received.at(-1)!.user).toBe("alerts");
  });

  test("wrong credentials → ERR_SMTP_AUTH, nothing received", async () => {
    const before = authRelay.received.length;
    const result = await sendAlertEmail({ ...ALERT, relay: { host: "127.0.0.1", port: authRelay.port, ca: [lab.pki.root.pem], tlsServername: "mx.lab.test", auth: { user: "alerts", pass: "wrong" } } });
    expect(result.ok).toBe(false);
    expect(result.errorCode).toBe("ERR_SMTP_AUTH");
    expect(authRelay.received.length).toBe(before);
  });

  test("a relay without STARTTLS: refused when TLS is required (default), delivered in clear when told 'never'", async () => {
    const refused = await sendAlertEmail({ ...ALERT, relay: { host: "127.0.0.1", port: plainRelay.port } });
    expect(refused.ok).toBe(false);
    expect(plainRelay.received).toHaveLength(0);
    const sent = await sendAlertEmail({ ...ALERT, relay: { host: "127.0.0.1", port: plainRelay.port, starttls: "never" } });
    expect(sent.ok).toBe(true);
    expect(plainRelay.received.map((m) => m.secure)).toEqual([false]);
  });

  test("a relay with an untrusted certificate is refused (the relay's certificate is verified)", async () => {
    const result = await sendAlertEmail({ ...ALERT, relay: { host: "127.0.0.1", port: untrustedRelay.port, ca: [lab.pki.root.pem], tlsServername: "mx.lab.test" } });
    expect(result.ok).toBe(false);
    expect(result.errorCode).toBe("ERR_SMTP_TLS");
    expect(untrustedRelay.received).toHaveLength(0);
  });

  test("the wrong name on the relay certificate is refused", async () => {
    const result = await sendAlertEmail({ ...ALERT, relay: { host: "127.0.0.1", port: starttlsRelay.port, ca: [lab.pki.root.pem], tlsServername: "smtp.contoso.com" } });
    expect(result.ok).toBe(false);
    expect(result.errorCode).toBe("ERR_SMTP_TLS");
  });

  test("a closed port → ERR_SMTP_REFUSED naming the relay", async () => {
    const port = await closedPort();
    const result = await sendAlertEmail({ ...ALERT, relay: { host: "127.0.0.1", port, timeoutMs: 2_000 } });
    expect(result).toMatchObject({ ok: false, errorCode: "ERR_SMTP_REFUSED", error: `SMTP relay 127.0.0.1:${port} refused the connection` });
  });

  test("implicit TLS (SMTPS, port 465 style)", async () => {
    const result = await sendAlertEmail({ ...ALERT, relay: { host: "127.0.0.1", port: smtpsRelay.port, secure: true, ca: [lab.pki.root.pem], tlsServername: "mx.lab.test" } });
    expect(result.ok).toBe(true);
    expect(smtpsRelay.received.map((m) => [m.secure, m.to])).toEqual([[true, ALERT.to]]);
  });

  test("no recipient → ERR_SMTP_NO_RECIPIENT", async () => {
    expect((await sendAlertEmail({ ...ALERT, to: [], relay: { host: "127.0.0.1", port: starttlsRelay.port } })).errorCode).toBe("ERR_SMTP_NO_RECIPIENT");
  });
});

describe("postWebhook", () => {
  const payload = { event: 12018, kind: "ExpiresSoon", thumbprint: "0123456789ABCDEF0123456789ABCDEF01234567", hoursLeft: 156 };
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
    await new Promise((r) => setTimeout(r, 1));
  };

  test("delivers the JSON payload", async () => {
    const result = await postWebhook({ url: `${base}/hook`, payload, allowPrivate: true, sleep });
    expect(result.ok).toBe(true);
    expect(result.attempts).toHaveLength(1);
    const hit = hits.filter((h) => h.path === "/hook").at(-1)!;
    expect(JSON.parse(hit.body)).toEqual(payload);
    expect(hit.headers["content-type"]).toBe("application/json");
  });

  test("500, 500, then 204: three attempts with exponential backoff, the payload each time", async () => {
    failuresLeft.set("/flaky", 2);
    waits.length = 0;
    const result = await postWebhook({ url: `${base}/flaky`, payload, attempts: 5, backoffMs: 100, allowPrivate: true, sleep });
    expect(result.ok).toBe(true);
    expect(result.attempts.map((a) => [a.attempt, a.waitedMs, a.httpStatus, a.retryable])).toEqual([
      [1, 0, 500, true],
      [2, 100, 500, true],
      [3, 200, 204, false],
    ]);
    expect(waits).toEqual([100, 200]);
    const flaky = hits.filter((h) => h.path === "/flaky");
    expect(flaky.map((h) => h.headers["x-certconsole-attempt"])).toEqual(["1", "2", "3"]);
    expect(flaky.every((h) => JSON.parse(h.body).thumbprint === payload.thumbprint)).toBe(true);
  });

  test("always 503: gives up after the configured attempts", async () => {
    const result = await postWebhook({ url: `${base}/always-503`, payload, attempts: 3, backoffMs: 10, allowPrivate: true, sleep });
    expect(result.ok).toBe(false);
    expect(result.attempts.map((a) => a.httpStatus)).toEqual([503, 503, 503]);
    expect(result.error).toMatch(/HTTP 503.*\(after 3 attempts\)$/);
  });

  test("400 is not retried", async () => {
    const result = await postWebhook({ url: `${base}/bad-request`, payload, attempts: 4, backoffMs: 10, allowPrivate: true, sleep });
    expect(result.ok).toBe(false);
    expect(result.attempts.map((a) => [a.httpStatus, a.retryable])).toEqual([[400, false]]);
    expect(hits.filter((h) => h.path === "/bad-request")).toHaveLength(1);
  });

  test.each<[string, () => Promise<string>]>([
    ["connection reset", async () => `${base}/reset`],
    ["connection refused", async () => `http://127.0.0.1:${await closedPort()}/hook`],
  ])("network error (%s) is retried", async (_label, url) => {
    const result = await postWebhook({ url: await url(), payload, attempts: 3, backoffMs: 10, allowPrivate: true, sleep });
    expect(result.ok).toBe(false);
    expect(result.attempts).toHaveLength(3);
    expect(result.attempts.every((a) => a.httpStatus === undefined && a.retryable && /^ERR_FETCH_/.test(a.errorCode ?? ""))).toBe(true);
  });

  test("loopback without allowPrivate is refused by the SSRF guard, once, without reaching the server", async () => {
    const before = hits.length;
    const result = await postWebhook({ url: `${base}/hook`, payload, attempts: 4, backoffMs: 10, sleep });
    expect(result.ok).toBe(false);
    expect(result.attempts.map((a) => [a.errorCode, a.retryable])).toEqual([["ERR_FETCH_BLOCKED_ADDRESS", false]]);
    expect(hits.length).toBe(before);
  });

  test("a hanging endpoint times out and is retried", async () => {
    const result = await postWebhook({ url: `${base}/hang`, payload, attempts: 2, backoffMs: 10, timeoutMs: 200, allowPrivate: true, sleep });
    expect(result.attempts.map((a) => [a.errorCode, a.retryable])).toEqual([
      ["ERR_FETCH_TIMEOUT", true],
      ["ERR_FETCH_TIMEOUT", true],
    ]);
  });

  test("goes through the console's proxy when one is set", async () => {
    const result = await postWebhook({ url: `${base}/hook`, payload, allowPrivate: true, proxy: proxy.url, sleep });
    expect(result.ok).toBe(true);
    expect(result.attempts[0]!.route).toBe(proxy.url);
    expect(proxy.carriedHost(new URL(base).host)).toBe(true);
  });

  test("a malformed proxy setting is reported, not thrown", async () => {
    const result = await postWebhook({ url: `${base}/hook`, payload, proxy: "socks5://proxy:1080", allowPrivate: true });
    expect(result.ok).toBe(false);
    expect(result.attempts).toEqual([]);
    expect(result.error).toMatch(/only http:\/\/ proxies/);
  });
});
