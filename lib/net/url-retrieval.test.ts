// retrieveChainUrls over the PkiFetcher port with an in-memory fetcher serving openssl-made lab files;
// the same function against real servers is in test/revocation-online.test.ts.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { FetchOutcome, FetchRequest, PkiFetcher } from "@/lib/pki/ports";
import { createLabPki, type LabCert, type LabPki } from "@/test/harness/lab-pki";
import { retrieveChainUrls } from "./url-retrieval";

const BASE = "http://pki.lab.test";
let lab: LabPki;
let leaf: LabCert;
let bare: LabCert;
let files: Map<string, Uint8Array>;
const requests: FetchRequest[] = [];

const fetcher: PkiFetcher = async (request) => {
  requests.push(request);
  const body = files.get(request.url);
  const route = { via: "direct", reason: "no proxy configured" };
  const outcome: FetchOutcome = body
    ? { url: request.url, ok: true, httpStatus: 200, body, route, durationMs: 1, bytes: body.length }
    : { url: request.url, ok: false, httpStatus: 404, errorCode: "ERR_FETCH_HTTP_STATUS", error: "server answered HTTP 404 Not Found", route, durationMs: 1, bytes: 0 };
  return outcome;
};

beforeAll(() => {
  lab = createLabPki({ issuingUrls: { cdp: [`${BASE}/root.crl`], caIssuers: [`${BASE}/root.cer`] } });
  leaf = lab.issueLeaf("www", { cdp: [`${BASE}/issuing.crl`, `${BASE}/missing.crl`], caIssuers: [`${BASE}/issuing.cer`, `${BASE}/wrong.cer`, `${BASE}/garbage.cer`], ocsp: [`${BASE}/ocsp`] });
  bare = lab.issueLeaf("bare", {});
  lab.revoke(lab.issueLeaf("gone", {}), "keyCompromise");
  files = new Map([
    [`${BASE}/issuing.crl`, lab.issuingCrl()],
    [`${BASE}/root.crl`, lab.rootCrl()],
    [`${BASE}/issuing.cer`, lab.issuing.der],
    [`${BASE}/root.cer`, lab.root.der],
    [`${BASE}/wrong.cer`, leaf.der],
    [`${BASE}/garbage.cer`, new Uint8Array([1, 2, 3])],
  ]);
});
afterAll(() => lab?.cleanup());

describe("retrieveChainUrls", () => {
  test("every AIA, CDP and OCSP URL of every certificate is fetched and judged", async () => {
    const report = await retrieveChainUrls({ leaf: leaf.der, intermediates: [lab.issuing.der], trustAnchors: [lab.root.der], fetcher });
    expect(report.complete).toBe(true);
    expect(report.chain.map((c) => c.subject)).toEqual([expect.stringContaining("www.lab.test"), expect.stringContaining("Issuing CA"), expect.stringContaining("Root CA")]);
    const byUrl = Object.fromEntries(report.checks.map((c) => [`${c.depth} ${c.kind} ${c.url.replace(BASE, "")}`, c]));
    expect(Object.keys(byUrl).sort()).toEqual(["0 AIA /garbage.cer", "0 AIA /issuing.cer", "0 AIA /wrong.cer", "0 CDP /issuing.crl", "0 CDP /missing.crl", "0 OCSP /ocsp", "1 AIA /root.cer", "1 CDP /root.crl"]);
    expect(byUrl["0 CDP /issuing.crl"]).toMatchObject({ ok: true, method: "GET", httpStatus: 200 });
    expect(byUrl["0 CDP /issuing.crl"]?.result).toMatch(/^CRL OK: thisUpdate \d{4}-\d\d-\d\d \d\d:\d\dZ, nextUpdate .*, 1 entry; certificate not listed$/);
    expect(byUrl["1 CDP /root.crl"]?.result).toMatch(/CRL OK: .*0 entries; certificate not listed/);
    expect(byUrl["0 AIA /issuing.cer"]).toMatchObject({ ok: true, result: "Certificate OK: issuer certificate retrieved (1 certificate)" });
    expect(byUrl["0 AIA /wrong.cer"]).toMatchObject({ ok: false, errorCode: "ERR_AIA_WRONG_ISSUER" });
    expect(byUrl["0 AIA /garbage.cer"]).toMatchObject({ ok: false, errorCode: "ERR_AIA_MALFORMED" });
    expect(byUrl["0 CDP /missing.crl"]).toMatchObject({ ok: false, errorCode: "ERR_FETCH_HTTP_STATUS", httpStatus: 404 });
    expect(byUrl["0 OCSP /ocsp"]).toMatchObject({ ok: false, method: "POST", errorCode: "ERR_FETCH_HTTP_STATUS" });
    expect(report.allAnswered).toBe(false);
    const ocspRequest = requests.find((r) => r.url === `${BASE}/ocsp`);
    expect(ocspRequest).toMatchObject({ method: "POST", headers: { "content-type": "application/ocsp-request" } });
    expect(ocspRequest?.body?.[0]).toBe(0x30);
  });

  test("a revoked certificate's CDP answers, and says so", async () => {
    const gone = lab.issueLeaf("gone2", { cdp: [`${BASE}/issuing2.crl`] });
    lab.revoke(gone, "cessationOfOperation");
    files.set(`${BASE}/issuing2.crl`, lab.issuingCrl());
    const report = await retrieveChainUrls({ leaf: gone.der, intermediates: [lab.issuing.der], trustAnchors: [lab.root.der], fetcher });
    const cdp = report.checks.find((c) => c.depth === 0 && c.kind === "CDP");
    expect(cdp?.ok).toBe(true);
    expect(cdp?.result).toMatch(/2 entries; certificate REVOKED \(cessationOfOperation\) on /);
  });

  test("stale and bad-signature CRLs are reported as failures with their codes", async () => {
    const l = lab.issueLeaf("crls", { cdp: [`${BASE}/stale.crl`, `${BASE}/bad.crl`] });
    files.set(`${BASE}/stale.crl`, lab.issuingCrl({ lastUpdate: new Date(Date.now() - 5 * 86400_000), nextUpdate: new Date(Date.now() - 86400_000) }));
    files.set(`${BASE}/bad.crl`, lab.issuingCrl({ badSignature: true }));
    const report = await retrieveChainUrls({ leaf: l.der, intermediates: [lab.issuing.der], trustAnchors: [lab.root.der], fetcher });
    const codes = report.checks.filter((c) => c.depth === 0).map((c) => c.errorCode);
    expect(codes).toEqual(["ERR_CRL_STALE", "ERR_CRL_BAD_SIGNATURE"]);
  });

  test("without the issuer, the chain is incomplete and the issuer is fetched from AIA", async () => {
    const report = await retrieveChainUrls({ leaf: leaf.der, trustAnchors: [lab.root.der], fetcher });
    expect(report.complete).toBe(true);
    expect(report.chain).toHaveLength(3);
  });

  test("no URLs at all → allAnswered false", async () => {
    const report = await retrieveChainUrls({ leaf: bare.der, intermediates: [lab.issuing.der], trustAnchors: [lab.root.der], fetcher: async (r) => ({ url: r.url, ok: false, route: { via: "direct", reason: "" }, durationMs: 0, bytes: 0 }) });
    expect(report.checks.filter((c) => c.depth === 0)).toEqual([]);
    expect(report.allAnswered).toBe(false);
  });
});
