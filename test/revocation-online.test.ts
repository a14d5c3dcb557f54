// Online revocation integration: the real revocation engine (lib/pki/revocation) through the real network
// fetcher (lib/net) against real servers on loopback: a CRL/AIA HTTP server, `openssl ocsp` responders,
// slapd and a forward proxy, over an openssl-made lab PKI (test/harness/lab.ts).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { main } from "@/cli/certctl";
import { createNetFetcher, type NetFetcherOptions } from "@/lib/net/fetcher";
import { retrieveChainUrls } from "@/lib/net/url-retrieval";
import { createRevocationChecker } from "@/lib/pki/revocation/checker";
import { MemoryCrlCache } from "@/lib/pki/revocation/crl-cache";
import { validateCertificate } from "@/lib/pki/path/validate-certificate";
import { startLab, type Lab, type LabLeafName } from "@/test/harness/lab";

let lab: Lab;

beforeAll(async () => {
  lab = await startLab();
});

afterAll(async () => {
  await lab?.stop();
});

// Loopback is allowed by CIDR (not allowPrivate), so the 169.254.169.254 CDP is still refused.
const labFetcher = (extra: NetFetcherOptions = {}) => createNetFetcher({ allowList: ["127.0.0.0/8"], timeoutMs: 3_000, ...extra });

async function validate(name: LabLeafName, fetcherOptions: NetFetcherOptions = {}, order?: "ocspFirst" | "crlFirst") {
  const fetcher = labFetcher(fetcherOptions);
  return validateCertificate({
    leaf: lab.leaves[name].der,
    intermediates: [lab.pki.issuing.der],
    trustAnchors: [lab.pki.root.der],
    now: new Date(),
    purpose: "server",
    revocation: createRevocationChecker({ fetcher, ...(order ? { order } : {}) }),
    fetcher,
  });
}

describe("lab leaves through createRevocationChecker + createNetFetcher", () => {
  test("good → Valid, answered by the issuing CA's OCSP responder, the intermediate by the root CRL", async () => {
    const result = await validate("good");
    expect(result.status).toBe("Valid");
    expect(result.revocation.map((r) => r.status)).toEqual(["good", "good"]);
    expect(result.revocation[0]?.attempts[0]).toMatchObject({ method: "OCSP", outcome: "good", url: lab.ocsp.url, httpStatus: 200 });
    expect(result.revocation[1]?.attempts.some((a) => a.outcome === "good" && a.url === `${lab.crlServer.url}/root.crl`)).toBe(true);
  });

  test("revoked via CRL → Revoked with reason keyCompromise", async () => {
    const result = await validate("revoked-crl");
    expect(result.status).toBe("Revoked");
    expect(result.revocation[0]).toMatchObject({ status: "revoked", reason: "keyCompromise" });
    expect(result.revocation[0]?.attempts.find((a) => a.outcome === "revoked")).toMatchObject({ method: "CRL", url: `${lab.crlServer.url}/issuing.crl` });
  });

  test("revoked via OCSP (real openssl ocsp) → Revoked with reason superseded", async () => {
    const result = await validate("revoked-ocsp");
    expect(result.status).toBe("Revoked");
    expect(result.revocation[0]).toMatchObject({ status: "revoked", reason: "superseded" });
    expect(result.revocation[0]?.attempts[0]).toMatchObject({ method: "OCSP", outcome: "revoked" });
  });

  test("OCSP unknown → falls back to the CRL → Valid", async () => {
    const result = await validate("ocsp-unknown");
    expect(result.status).toBe("Valid");
    const attempts = result.revocation[0]?.attempts ?? [];
    expect(attempts[0]).toMatchObject({ method: "OCSP", outcome: "failed" });
    expect(attempts[0]?.message).toMatch(/unknown/i);
    expect(attempts.at(-1)).toMatchObject({ method: "CRL", outcome: "good" });
  });

  test("delegated OCSP responder (id-kp-OCSPSigning) → accepted", async () => {
    const result = await validate("delegated");
    expect(result.status).toBe("Valid");
    expect(result.revocation[0]?.attempts[0]).toMatchObject({ method: "OCSP", outcome: "good", url: lab.ocspDelegated.url });
  });

  test("LDAP CDP on slapd → Valid", async () => {
    const result = await validate("ldap");
    expect(result.status).toBe("Valid");
    expect(result.revocation[0]?.attempts.find((a) => a.outcome === "good")?.url).toMatch(/^ldap:\/\/127\.0\.0\.1:\d+\/cn=LabIssuingCA%2Cou=PKI/);
  });

  test.each([
    ["unreachable", "ERR_FETCH_REFUSED", /connection refused/],
    ["stale", "ERR_CRL_STALE", /./],
    ["bad-signature", "ERR_CRL_BAD_SIGNATURE", /signature/i],
    ["metadata", "ERR_FETCH_BLOCKED_ADDRESS", /169\.254\.169\.254 is a link-local address/],
  ] as const)("%s CDP → RevocationCheckFailure, the attempt explains it (%s)", async (name, code, message) => {
    const result = await validate(name);
    expect(result.status).toBe("RevocationCheckFailure");
    expect(result.revocation[0]?.status).toBe("unknown");
    const failed = result.revocation[0]?.attempts.find((a) => a.outcome === "failed");
    expect(failed?.errorCode).toBe(code);
    expect(failed?.message).toMatch(message);
  });

  test("no CDP and no OCSP → RevocationCheckFailure (as Windows does)", async () => {
    expect((await validate("no-urls")).status).toBe("RevocationCheckFailure");
  });
});

describe("bad input from the network: each a recorded, explained failed attempt and RevocationCheckFailure", () => {
  const cases = [
    ["/hang", "ERR_FETCH_TIMEOUT", /timed out after 1 s/],
    ["/reset", "ERR_FETCH_RESET", /connection reset/],
    ["/status/404", "ERR_FETCH_HTTP_STATUS", /HTTP 404/],
    ["/status/500", "ERR_FETCH_HTTP_STATUS", /HTTP 500/],
    ["/garbage", "ERR_CRL_MALFORMED", /application\/pkix-crl, 2048 bytes\) is not a CRL/],
    ["/wrong-type", "ERR_CRL_MALFORMED", /text\/html/],
    ["/loop", "ERR_FETCH_REDIRECT", /redirect loop/],
    ["/redirect-metadata", "ERR_FETCH_BLOCKED_ADDRESS", /169\.254\.169\.254/],
    ["/endless", "ERR_FETCH_TOO_LARGE", /size cap/],
  ] as const;

  test.each(cases)("CDP %s → %s", async (endpoint, code, message) => {
    const leaf = lab.pki.issueLeaf(`bad${endpoint.replace(/\W+/g, "-")}`, { cdp: [`${lab.crlServer.url}${endpoint}`] });
    const fetcher = labFetcher({ timeoutMs: 1_000 });
    const result = await validateCertificate({
      leaf: leaf.der,
      intermediates: [lab.pki.issuing.der],
      trustAnchors: [lab.pki.root.der],
      now: new Date(),
      purpose: "server",
      revocation: createRevocationChecker({ fetcher, timeoutMs: 1_000, maxCrlBytes: 4 * 1024 * 1024 }),
    });
    expect(result.status).toBe("RevocationCheckFailure");
    const attempt = result.revocation[0]?.attempts.find((a) => a.outcome === "failed");
    expect(attempt?.errorCode).toBe(code);
    expect(attempt?.message).toMatch(message);
    if (endpoint === "/endless") expect(attempt?.bytes).toBeLessThan(5 * 1024 * 1024);
  });
});

describe("CRL cache with conditional requests", () => {
  test("a cached CRL is not fetched again before nextUpdate; after it, it is re-requested with If-None-Match and a 304 reuses it", async () => {
    const cache = new MemoryCrlCache();
    const fetcher = labFetcher();
    const check = (now: Date) =>
      validateCertificate({ leaf: lab.leaves["revoked-crl"].der, intermediates: [lab.pki.issuing.der], trustAnchors: [lab.pki.root.der], now, purpose: "server", revocation: createRevocationChecker({ fetcher, cache }) });
    const before = lab.crlServer.count("/issuing.crl");
    expect((await check(new Date())).status).toBe("Revoked");
    expect((await check(new Date())).status).toBe("Revoked");
    expect(lab.crlServer.count("/issuing.crl")).toBe(before + 1);
    const etag = (await cache.get(`${lab.crlServer.url}/issuing.crl`))?.etag;
    expect(etag).toBeTruthy();

    const later = await check(new Date(Date.now() + 8 * 86400_000)); // past the CRL's nextUpdate (7 days)
    expect(lab.crlServer.count("/issuing.crl")).toBe(before + 2);
    const conditional = lab.crlServer.requests.filter((r) => r.path === "/issuing.crl").at(-1);
    expect(conditional?.ifNoneMatch).toBe(etag);
    // the server still has only that CRL: the 304 reuses it, and a stale CRL is no answer
    expect(later.status).toBe("RevocationCheckFailure");
    expect(later.revocation[0]?.attempts.some((a) => a.httpStatus === 304)).toBe(true);
  });
});

describe("through the forward proxy", () => {
  test("CDP outside the bypass list goes through the proxy, one inside goes direct", async () => {
    const before = lab.proxy.carried.length;
    const proxied = await validate("revoked-crl", { proxy: lab.proxy.url, bypass: "*.contoso.com;localhost" });
    expect(proxied.status).toBe("Revoked");
    const answer = proxied.revocation[0]?.attempts.find((a) => a.outcome === "revoked");
    expect(answer?.route).toEqual({ via: lab.proxy.url, reason: `proxy ${lab.proxy.url}` });
    const carried = lab.proxy.carried.slice(before).map((c) => c.url);
    expect(carried).toContain(`${lab.crlServer.url}/issuing.crl`);

    const mark = lab.proxy.carried.length;
    const direct = await validate("bypassed", { proxy: lab.proxy.url, bypass: "*.contoso.com;localhost" }, "crlFirst");
    expect(direct.status).toBe("Valid");
    const leafAttempt = direct.revocation[0]?.attempts.find((a) => a.outcome === "good");
    expect(leafAttempt?.route).toEqual({ via: "direct", reason: "host matches bypass entry localhost" });
    expect(lab.proxy.carried.slice(mark).some((c) => c.url.includes("localhost"))).toBe(false);
  });

  test("wrong proxy → RevocationCheckFailure with the proxy error in the diagnosis", async () => {
    const result = await validate("revoked-crl", { proxy: lab.closedUrl });
    expect(result.status).toBe("RevocationCheckFailure");
    const failed = result.revocation[0]?.attempts.find((a) => a.outcome === "failed");
    expect(failed?.errorCode).toBe("ERR_FETCH_PROXY");
    expect(failed?.message).toContain(`could not connect to proxy ${lab.closedUrl}`);
    expect(result.revocation[0]?.message).toContain(lab.closedUrl);
  });
});

describe("certctl against the lab", () => {
  const args = (name: LabLeafName, ...more: string[]) => [path.join(lab.certDir, `${name}.pem`), "--untrusted", path.join(lab.certDir, "issuing.pem"), "--trust", path.join(lab.certDir, "root.pem"), ...more];
  const run = async (argv: string[]) => {
    let out = "";
    let err = "";
    const code = await main(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
    return { code, out, err };
  };

  test("bin/certctl.mjs url (spawned once): every URL of the good leaf answers, exit 0", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["bin/certctl.mjs", "url", ...args("good", "--allow-private")], { cwd: path.resolve(__dirname, ".."), timeout: 60_000 });
    expect(stdout).toMatch(/Verified OCSP: good/);
    expect(stdout).toMatch(/CRL OK: thisUpdate .*; certificate not listed/);
    expect(stdout).toMatch(/Certificate OK: issuer certificate retrieved/);
    expect(stdout).toMatch(/All \d+ URLs answered\./);
  });

  test("certctl url --json: kinds, routes and results per URL", async () => {
    const { code, out } = await run(["url", ...args("revoked-crl", "--allow-private", "--proxy", lab.proxy.url, "--json")]);
    expect(code).toBe(0);
    const report = JSON.parse(out) as Awaited<ReturnType<typeof retrieveChainUrls>>;
    expect(report.complete).toBe(true);
    const leafCdp = report.checks.find((c) => c.depth === 0 && c.kind === "CDP");
    expect(leafCdp).toMatchObject({ ok: true, method: "GET", httpStatus: 200, route: { via: lab.proxy.url } });
    expect(leafCdp?.result).toMatch(/certificate REVOKED \(keyCompromise\)/);
    expect(report.checks.map((c) => `${c.depth}:${c.kind}`).sort()).toEqual(["0:AIA", "0:CDP", "1:AIA", "1:CDP"]);
  });

  test("certctl url: failures are shown per URL, exit 1", async () => {
    const { code, out } = await run(["url", ...args("bad-signature", "--allow-private")]);
    expect(code).toBe(1);
    expect(out).toMatch(/ERR_CRL_BAD_SIGNATURE/);
    const wrong = await run(["url", ...args("good", "--allow-private", "--proxy", lab.closedUrl, "--timeout", "2000")]);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain(`could not connect to proxy ${lab.closedUrl}`);
    const blocked = await run(["url", ...args("good")]);
    expect(blocked.code).toBe(1);
    expect(blocked.out).toMatch(/ERR_FETCH_BLOCKED_ADDRESS/);
  });

  test("certctl url: usage errors exit 2", async () => {
    expect((await run(["url"])).code).toBe(2);
    expect((await run(["url", ...args("good", "--proxy", "socks5://x:1")])).code).toBe(2);
    expect((await run(["url", ...args("good", "--timeout", "soon")])).code).toBe(2);
  });

  test.each([
    ["good", 0, /Valid/],
    ["revoked-ocsp", 1, /Revoked/],
    ["stale", 1, /RevocationCheckFailure/],
  ] as const)("certctl verify online: %s → exit %d", async (name, exit, status) => {
    const { code, out } = await run(["verify", ...args(name, "--allow-private")]);
    expect(out).toMatch(status);
    expect(code).toBe(exit);
  });
});
