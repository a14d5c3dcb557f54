// Regression (issue 12, finding 1): the SSRF guard let long-form IPv4-mapped IPv6 hosts through
// (`0:0:0:0:0:ffff:7f00:1`, `0:0:0:0:0:ffff:127.0.0.1`, `0000:…:0001`, `::0:ffff:7f00:1`), because it matched
// only the short `::ffff:` text. Each real outbound path (HTTP fetch, LDAP fetch, TLS and STARTTLS probe, SMTP alert
// delivery, URL retrieval, the revocation checker following an `ldap://[0:0:0:0:0:ffff:7f00:1]:…` CDP) is driven
// against a real server listening on 127.0.0.1: the guard's code comes back and the server sees no connection.
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createRevocationChecker } from "@/lib/pki/revocation/checker";
import { validateCertificate } from "@/lib/pki/path/validate-certificate";
import { createLabPki, type LabPki } from "@/test/harness/lab-pki";
import type { Resolver } from "./address-guard";
import { sendAlertEmail } from "./alert-delivery";
import { createNetFetcher } from "./fetcher";
import { probeEndpoint } from "./tls-probe";
import { retrieveChainUrls } from "./url-retrieval";

const LONG_FORMS = ["0:0:0:0:0:ffff:7f00:1", "0:0:0:0:0:ffff:127.0.0.1", "0000:0000:0000:0000:0000:ffff:7f00:0001", "::0:ffff:7f00:1"];

/** A real TCP server on 127.0.0.1 that greets like an SMTP server and counts every connection it accepts. */
let canary: net.Server;
let port = 0;
let connections = 0;
let lab: LabPki;

beforeAll(async () => {
  canary = net.createServer((socket) => {
    connections++;
    socket.on("error", () => undefined);
    socket.write("220 canary.lab.test ESMTP\r\n");
    setTimeout(() => socket.destroy(), 500);
  });
  await new Promise<void>((resolve) => canary.listen(0, "127.0.0.1", () => resolve()));
  port = (canary.address() as AddressInfo).port;
  lab = createLabPki();
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => canary?.close(() => resolve()));
  lab?.cleanup();
});

beforeEach(() => {
  connections = 0;
});

/** A DNS answer in the long form, as a hostile resolver or /etc/hosts entry could give it. */
const longFormDns: Resolver = async () => [{ address: "0:0:0:0:0:ffff:7f00:1", family: 6 }];

describe("SSRF guard bypass with long-form IPv4-mapped IPv6 is refused on every outbound path", () => {
  test("the canary is reachable through the long form when allowed (so 'no connection' below is the guard's doing)", async () => {
    const result = await probeEndpoint({ host: "0:0:0:0:0:ffff:7f00:1", port, starttls: "smtp", allowList: ["127.0.0.0/8"], timeoutMs: 2_000 });
    expect(result.connected).toBe(true);
    expect(connections).toBe(1);
  });

  test("HTTP fetch: a name resolving to 0:0:0:0:0:ffff:7f00:1 → ERR_FETCH_BLOCKED_ADDRESS, no connection", async () => {
    const fetcher = createNetFetcher({ resolver: longFormDns, timeoutMs: 2_000 });
    const outcome = await fetcher({ url: `http://crl.evil.test:${port}/issuing.crl` });
    expect(outcome).toMatchObject({ ok: false, errorCode: "ERR_FETCH_BLOCKED_ADDRESS" });
    expect(outcome.error).toMatch(/loopback address \(IPv4 127\.0\.0\.1 inside IPv4-mapped IPv6\)/);
    expect(connections).toBe(0);
  });

  test.each([...LONG_FORMS.map((h) => `[${h}]`), "2130706433", "0177.0.0.1", "127.1", "0x7f.1"])("HTTP fetch: http://%s:port/ → ERR_FETCH_BLOCKED_ADDRESS, no connection", async (host) => {
    const outcome = await createNetFetcher({ timeoutMs: 2_000 })({ url: `http://${host}:${port}/x.crl` });
    expect(outcome).toMatchObject({ ok: false, errorCode: "ERR_FETCH_BLOCKED_ADDRESS" });
    expect(connections).toBe(0);
  });

  test.each(LONG_FORMS)("LDAP fetch: ldap://[%s]:port/… → ERR_FETCH_BLOCKED_ADDRESS, no connection", async (host) => {
    const outcome = await createNetFetcher({ timeoutMs: 2_000 })({ url: `ldap://[${host}]:${port}/cn=Issuing CA?certificateRevocationList;binary` });
    expect(outcome).toMatchObject({ ok: false, errorCode: "ERR_FETCH_BLOCKED_ADDRESS" });
    expect(outcome.error).toMatch(/loopback/);
    expect(connections).toBe(0);
  });

  test.each(LONG_FORMS)("TLS probe (direct and STARTTLS): %s → ERR_PROBE_BLOCKED_ADDRESS, no connection", async (host) => {
    for (const starttls of [undefined, "smtp"] as const) {
      const result = await probeEndpoint({ host, port, timeoutMs: 2_000, ...(starttls ? { starttls } : {}) });
      expect(result.connected).toBe(false);
      expect(result.errors[0]).toMatchObject({ stage: "resolve", code: "ERR_PROBE_BLOCKED_ADDRESS" });
    }
    expect(connections).toBe(0);
  });

  test("TLS probe: 0:0:0:0:0:ffff:a9fe:a9fe is the cloud metadata address 169.254.169.254", async () => {
    const result = await probeEndpoint({ host: "0:0:0:0:0:ffff:a9fe:a9fe", port: 80, timeoutMs: 2_000 });
    expect(result.errors[0]).toMatchObject({ code: "ERR_PROBE_BLOCKED_ADDRESS" });
    expect(result.errors[0]?.message).toMatch(/link-local address \(IPv4 169\.254\.169\.254 inside IPv4-mapped IPv6\)/);
  });

  test.each(LONG_FORMS)("SMTP alert delivery: relay %s → ERR_FETCH_BLOCKED_ADDRESS, no connection", async (host) => {
    const result = await sendAlertEmail({
      relay: { host, port, starttls: "never", timeoutMs: 2_000 },
      from: "certconsole@contoso.com",
      to: ["pki-admins@contoso.com"],
      subject: "Certificate expires soon (12018)",
      text: "156 hours left",
      policy: { allowList: [] },
    });
    expect(result).toMatchObject({ ok: false, errorCode: "ERR_FETCH_BLOCKED_ADDRESS" });
    expect(result.error).toMatch(/loopback/);
    expect(connections).toBe(0);
  });

  test("SMTP alert delivery: a relay name resolving to the long form is refused too", async () => {
    const result = await sendAlertEmail({
      relay: { host: "smtp.evil.test", port, starttls: "never", timeoutMs: 2_000 },
      from: "certconsole@contoso.com",
      to: ["pki-admins@contoso.com"],
      subject: "x",
      text: "x",
      policy: {},
      resolver: longFormDns,
    });
    expect(result).toMatchObject({ ok: false, errorCode: "ERR_FETCH_BLOCKED_ADDRESS" });
    expect(connections).toBe(0);
  });

  test("URL retrieval and the revocation checker: a CDP ldap://[0:0:0:0:0:ffff:7f00:1]:port/… is refused, no connection", async () => {
    const cdp = `ldap://[0:0:0:0:0:ffff:7f00:1]:${port}/cn=Issuing CA?certificateRevocationList;binary`;
    const leaf = lab.issueLeaf("ssrf-ldap", { cdp: [cdp] });
    const fetcher = createNetFetcher({ timeoutMs: 2_000 });

    const report = await retrieveChainUrls({ leaf: leaf.der, intermediates: [lab.issuing.der], trustAnchors: [lab.root.der], fetcher });
    const check = report.checks.find((c) => c.url === cdp);
    expect(check).toMatchObject({ kind: "CDP", ok: false, errorCode: "ERR_FETCH_BLOCKED_ADDRESS" });

    const result = await validateCertificate({
      leaf: leaf.der,
      intermediates: [lab.issuing.der],
      trustAnchors: [lab.root.der],
      now: new Date(),
      purpose: "server",
      revocation: createRevocationChecker({ fetcher }),
      fetcher,
    });
    expect(result.status).toBe("RevocationCheckFailure");
    expect(result.revocation[0]?.attempts.find((a) => a.url === cdp)).toMatchObject({ outcome: "failed", errorCode: "ERR_FETCH_BLOCKED_ADDRESS" });
    expect(connections).toBe(0);
  });
});
