import net from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createLabPki, type LabPki } from "@/test/harness/lab-pki";
import { startLdapServer, type LdapServer } from "@/test/harness/ldap-server";
import { createNetFetcher } from "./fetcher";
import { parseLdapUrl } from "./ldap-fetch";

let ldap: LdapServer;
let crlUrl: string;
let lab: LabPki;
let crl: Buffer;

beforeAll(async () => {
  lab = createLabPki();
  crl = Buffer.from(lab.issuingCrl());
  ldap = await startLdapServer();
  crlUrl = await ldap.publishCrl("Lab Issuing CA", crl);
});
afterAll(async () => {
  await ldap?.stop();
  lab?.cleanup();
});

describe("parseLdapUrl (RFC 4516)", () => {
  test.each([
    [
      "ldap://dc1.contoso.com/CN=Contoso%20CA,CN=CDP,CN=Public%20Key%20Services,DC=contoso,DC=com?certificateRevocationList?base?objectClass=cRLDistributionPoint",
      { host: "dc1.contoso.com", port: 389, dn: "CN=Contoso CA,CN=CDP,CN=Public Key Services,DC=contoso,DC=com", attributes: ["certificateRevocationList"], scope: "base", filter: "objectClass=cRLDistributionPoint" },
    ],
    ["ldap://10.0.0.1:1389/cn=x?cACertificate;binary", { host: "10.0.0.1", port: 1389, dn: "cn=x", attributes: ["cACertificate;binary"], scope: "base", filter: "(objectClass=*)" }],
    ["ldaps://[::1]/cn=x", { secure: true, host: "::1", port: 636, attributes: [] }],
  ])("%s", (url, expected) => {
    expect(parseLdapUrl(url)).toMatchObject(expected);
  });

  test.each(["ldap:///CN=x?certificateRevocationList", "http://x/", "ldap://h/cn=x?a?tree"])("rejects %s", (url) => {
    expect(() => parseLdapUrl(url)).toThrow();
  });
});

describe("LDAP CDP retrieval from a real slapd", () => {
  test("fetches certificateRevocationList;binary from the entry", async () => {
    const outcome = await createNetFetcher({ allowPrivate: true, timeoutMs: 5_000 })({ url: crlUrl });
    expect(outcome.error).toBeUndefined();
    expect(outcome).toMatchObject({ ok: true, route: { via: "direct", reason: "LDAP is not sent through an HTTP proxy" } });
    expect(Buffer.from(outcome.body ?? []).equals(crl)).toBe(true);
    expect(outcome.bytes).toBeGreaterThan(crl.length);
  });

  test("never through the proxy, even when one is configured", async () => {
    const outcome = await createNetFetcher({ allowPrivate: true, proxy: "http://127.0.0.1:9" })({ url: crlUrl });
    expect(outcome.ok).toBe(true);
  });

  test("the SSRF guard applies to ldap:// too", async () => {
    expect(await createNetFetcher({})({ url: crlUrl })).toMatchObject({ ok: false, errorCode: "ERR_FETCH_BLOCKED_ADDRESS" });
  });

  test("size cap counted on the socket", async () => {
    const outcome = await createNetFetcher({ allowPrivate: true, maxBytes: 100 })({ url: crlUrl });
    expect(outcome).toMatchObject({ ok: false, errorCode: "ERR_FETCH_TOO_LARGE" });
  });

  test("missing entry and missing attribute are explained", async () => {
    const fetcher = createNetFetcher({ allowPrivate: true });
    const missing = await fetcher({ url: `${ldap.url}/cn=Nobody,ou=PKI,dc=lab,dc=test?certificateRevocationList;binary` });
    expect(missing).toMatchObject({ ok: false, errorCode: "ERR_FETCH_LDAP", error: "LDAP entry 'cn=Nobody,ou=PKI,dc=lab,dc=test' not found on 127.0.0.1" });
    const noAttr = await fetcher({ url: `${ldap.url}/ou=PKI,dc=lab,dc=test?certificateRevocationList;binary` });
    expect(noAttr).toMatchObject({ ok: false, errorCode: "ERR_FETCH_LDAP" });
    expect(noAttr.error).toMatch(/has no certificateRevocationList;binary value/);
  });

  test("AIA over LDAP: cACertificate;binary of a certificationAuthority entry", async () => {
    const url = await ldap.publishCaCertificate("LabRootCA", lab.root.der, lab.rootCrl());
    const outcome = await createNetFetcher({ allowPrivate: true })({ url });
    expect(outcome.ok).toBe(true);
    expect(Buffer.from(outcome.body ?? []).equals(Buffer.from(lab.root.der))).toBe(true);
    const arl = await createNetFetcher({ allowPrivate: true })({ url: url.replace("?cACertificate;binary?", "?authorityRevocationList?") });
    expect(arl.ok).toBe(true);
    expect(arl.body?.[0]).toBe(0x30);
  });

  test("a server that accepts and never answers → ERR_FETCH_TIMEOUT", async () => {
    const silent = net.createServer((socket) => socket.on("error", () => undefined));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", () => resolve()));
    const port = (silent.address() as { port: number }).port;
    try {
      const outcome = await createNetFetcher({ allowPrivate: true, timeoutMs: 300 })({ url: `ldap://127.0.0.1:${port}/cn=x?certificateRevocationList;binary` });
      expect(outcome).toMatchObject({ ok: false, errorCode: "ERR_FETCH_TIMEOUT" });
      expect(outcome.error).toMatch(/timed out after 0\.3 s talking to LDAP server 127\.0\.0\.1:\d+/);
    } finally {
      silent.close();
    }
  });

  test("nothing listening → ERR_FETCH_REFUSED", async () => {
    const outcome = await createNetFetcher({ allowPrivate: true, timeoutMs: 2_000 })({ url: "ldap://127.0.0.1:9/cn=x?certificateRevocationList;binary" });
    expect(outcome.errorCode).toBe("ERR_FETCH_REFUSED");
  });
});
