import * as x509 from "@peculiar/x509";
import * as pkijs from "pkijs";
import { beforeAll, describe, expect, test } from "vitest";
import { buildCertificationPaths, parseIssuerAnswer } from "./chain-builder";
import { issueCertificate, type IssuedCertificate } from "../csr/issue-certificate";
import type { PathCertificate } from "../certificate/certificate";
import type { FetchOutcome, PkiFetcher } from "../ports";

const EC = { kind: "EC", curve: "P-256" } as const;
const from = new Date("2025-01-01T00:00:00Z");
const to = new Date("2035-01-01T00:00:00Z");
const NOW = new Date("2026-06-01T00:00:00Z");
const ca = (subject: string, issuer: IssuedCertificate | null, extra: { notBefore?: Date; notAfter?: Date; keys?: CryptoKeyPair } = {}) =>
  issueCertificate({ subject, notBefore: extra.notBefore ?? from, notAfter: extra.notAfter ?? to, isCa: true, key: EC }, issuer, extra.keys);
const names = (paths: PathCertificate[][]) => paths.map((p) => p.map((c) => c.subjectText.replace(/^CN=/, "")).join(" > "));

function pkcs7Of(certs: x509.X509Certificate[]): Uint8Array {
  const signed = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: "1.2.840.113549.1.7.1" }),
    certificates: certs.map((c) => pkijs.Certificate.fromBER(c.rawData)),
  });
  return new Uint8Array(new pkijs.ContentInfo({ contentType: "1.2.840.113549.1.7.2", content: signed.toSchema(true) }).toSchema().toBER(false));
}

/** A PkiFetcher over an in-memory map of URL → body (the port's test implementation). */
function mapFetcher(bodies: Record<string, Uint8Array>, calls: string[]): PkiFetcher {
  return async ({ url }): Promise<FetchOutcome> => {
    calls.push(url);
    const body = bodies[url];
    const route = { via: "direct", reason: "test" };
    return body
      ? { url, ok: true, httpStatus: 200, body, route, durationMs: 1, bytes: body.length }
      : { url, ok: false, httpStatus: 404, errorCode: "ERR_FETCH_HTTP_STATUS", error: "HTTP 404", route, durationMs: 1, bytes: 0 };
  };
}

let root: IssuedCertificate;
let inter: IssuedCertificate;
let leaf: IssuedCertificate;

beforeAll(async () => {
  root = await ca("CN=Root", null);
  inter = await ca("CN=Issuing CA", root);
  leaf = await issueCertificate({ subject: "CN=leaf", notBefore: from, notAfter: to, key: EC, caIssuerUrls: ["http://pki.test/issuing.cer"] }, inter);
});

describe("buildCertificationPaths", () => {
  test("leaf → intermediate → anchor", async () => {
    const result = await buildCertificationPaths({ leaf: leaf.certificate, intermediates: [inter.certificate], trustAnchors: [root.certificate], now: NOW });
    expect(names(result.paths)).toEqual(["leaf > Issuing CA > Root"]);
  });

  test("several issuers with the same subject: every alternative is returned, the AKI/SKI match and the currently valid one first", async () => {
    const otherKey = await ca("CN=Issuing CA", root);
    const expiredSameKey = await ca("CN=Issuing CA", root, { keys: inter.keys, notBefore: new Date("2020-01-01T00:00:00Z"), notAfter: new Date("2021-01-01T00:00:00Z") });
    const result = await buildCertificationPaths({ leaf: leaf.certificate, intermediates: [otherKey.certificate, expiredSameKey.certificate, inter.certificate], trustAnchors: [root.certificate], now: NOW });
    expect(result.paths).toHaveLength(3);
    expect(result.paths[0]![1]!.source.equal(inter.certificate)).toBe(true);
    expect(result.paths[1]![1]!.source.equal(expiredSameKey.certificate)).toBe(true);
    expect(result.paths[2]![1]!.source.equal(otherKey.certificate)).toBe(true);
  });

  test("loops between CAs that certify each other end without a path", async () => {
    const a = await ca("CN=A", null);
    const b = await ca("CN=B", a);
    const aByB = await ca("CN=A", b, { keys: a.keys });
    const end = await issueCertificate({ subject: "CN=end", notBefore: from, notAfter: to, key: EC }, b);
    const result = await buildCertificationPaths({ leaf: end.certificate, intermediates: [a.certificate, b.certificate, aByB.certificate], trustAnchors: [root.certificate] });
    expect(result.paths).toEqual([]);
    expect(names([result.partial])[0]).toMatch(/^end > B > A/);
  });

  test("the depth bound limits the certificates below the anchor", async () => {
    let issuer = root;
    const chain: IssuedCertificate[] = [];
    for (let i = 1; i <= 4; i += 1) chain.push((issuer = await ca(`CN=Level ${i}`, issuer)));
    const deep = await issueCertificate({ subject: "CN=deep", notBefore: from, notAfter: to, key: EC }, issuer);
    const input = { leaf: deep.certificate, intermediates: chain.map((c) => c.certificate), trustAnchors: [root.certificate] };
    expect((await buildCertificationPaths({ ...input, maxDepth: 4 })).paths).toEqual([]);
    expect(names((await buildCertificationPaths({ ...input, maxDepth: 5 })).paths)).toEqual(["deep > Level 4 > Level 3 > Level 2 > Level 1 > Root"]);
  });

  test.each([
    ["DER", () => new Uint8Array(inter.certificate.rawData)],
    ["PEM", () => new TextEncoder().encode(inter.certificate.toString("pem"))],
    ["PKCS#7", () => pkcs7Of([inter.certificate, root.certificate])],
  ])("a missing issuer is fetched from AIA caIssuers (%s answer) and recorded", async (_kind, body) => {
    const calls: string[] = [];
    const fetcher = mapFetcher({ "http://pki.test/issuing.cer": body() }, calls);
    const result = await buildCertificationPaths({ leaf: leaf.certificate, trustAnchors: [root.certificate], fetcher });
    expect(names(result.paths)).toEqual(["leaf > Issuing CA > Root"]);
    expect(calls).toEqual(["http://pki.test/issuing.cer"]);
    expect(result.fetched[0]).toMatchObject({ url: "http://pki.test/issuing.cer", ok: true });
    expect(result.fetched[0]!.certificates.length).toBeGreaterThan(0);
  });

  test("a failed AIA fetch is recorded and leaves no path", async () => {
    const calls: string[] = [];
    const result = await buildCertificationPaths({ leaf: leaf.certificate, trustAnchors: [root.certificate], fetcher: mapFetcher({}, calls) });
    expect(result.paths).toEqual([]);
    expect(result.fetched).toEqual([expect.objectContaining({ ok: false, errorCode: "ERR_FETCH_HTTP_STATUS", error: "HTTP 404" })]);
  });

  test("garbage AIA answers are recorded, not thrown", async () => {
    const result = await buildCertificationPaths({ leaf: leaf.certificate, trustAnchors: [root.certificate], fetcher: mapFetcher({ "http://pki.test/issuing.cer": new Uint8Array([1, 2, 3]) }, []) });
    expect(result.fetched[0]).toMatchObject({ ok: false, errorCode: "ERR_AIA_UNPARSEABLE" });
    expect(() => parseIssuerAnswer(new Uint8Array([0x30, 0x03, 0x02, 0x01]))).toThrow();
  });
});
