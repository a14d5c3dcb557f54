import * as x509 from "@peculiar/x509";
import { beforeAll, describe, expect, test } from "vitest";
import { issueCertificate, type IssuedCertificate } from "../csr/issue-certificate";
import type { CertificateRevocationResult, RevocationChecker, RevocationQuery } from "../revocation/types";
import { validateCertificate } from "./validate-certificate";
import { pathCertificate } from "../certificate/certificate";

const EC = { kind: "EC", curve: "P-256" } as const;
const from = new Date("2025-01-01T00:00:00Z");
const to = new Date("2035-01-01T00:00:00Z");
const NOW = new Date("2026-06-01T00:00:00Z");

let root: IssuedCertificate;
let inter: IssuedCertificate;
let leaf: IssuedCertificate;

beforeAll(async () => {
  root = await issueCertificate({ subject: "CN=Root", notBefore: from, notAfter: to, isCa: true, key: EC }, null);
  inter = await issueCertificate({ subject: "CN=Issuing CA", notBefore: from, notAfter: to, isCa: true, key: EC }, root);
  leaf = await issueCertificate({ subject: "CN=mail.contoso.com", dnsNames: ["mail.contoso.com"], notBefore: from, notAfter: to, key: EC }, inter);
});

/** A checker answering from a table by depth, recording what it was asked (the seam's contract, not a network mock). */
function tableChecker(answers: Record<number, CertificateRevocationResult["status"]>, asked: RevocationQuery[]): RevocationChecker {
  return {
    async check(query) {
      asked.push(query);
      const status = answers[query.depth] ?? "good";
      return { depth: query.depth, thumbprint: "", subject: pathCertificate(query.certificate).subjectText, status, message: `${status} per table`, attempts: [] };
    },
  };
}

const input = () => ({ leaf: leaf.certificate, intermediates: [inter.certificate], trustAnchors: [root.certificate], now: NOW, purpose: "server" as const });

describe("validateCertificate", () => {
  test("a good chain is Valid, leaf → anchor, with thumbprints", async () => {
    const result = await validateCertificate(input());
    expect(result.status).toBe("Valid");
    expect(result.chain.map((c) => c.subject)).toEqual(["CN=mail.contoso.com", "CN=Issuing CA", "CN=Root"]);
    expect(result.chainThumbprints[0]).toBe(Buffer.from(await leaf.certificate.getThumbprint("SHA-1")).toString("hex").toUpperCase());
    expect(result.trustAnchor?.equal(root.certificate)).toBe(true);
  });

  test("the revocation checker is asked about every non-anchor certificate, leaf first, with its issuer and the path", async () => {
    const asked: RevocationQuery[] = [];
    const result = await validateCertificate({ ...input(), revocation: tableChecker({}, asked) });
    expect(result.status).toBe("Valid");
    expect(asked.map((q) => [q.depth, pathCertificate(q.certificate).subjectText, pathCertificate(q.issuer).subjectText, q.path.length])).toEqual([
      [0, "CN=mail.contoso.com", "CN=Issuing CA", 3],
      [1, "CN=Issuing CA", "CN=Root", 3],
    ]);
    expect(result.revocation).toHaveLength(2);
  });

  test.each([
    [{ 0: "revoked" }, "Revoked", "ERR_REVOKED", 0],
    [{ 1: "revoked" }, "Revoked", "ERR_REVOKED", 1],
    [{ 0: "unknown" }, "RevocationCheckFailure", "ERR_REVOCATION_UNAVAILABLE", 0],
    [{ 0: "unknown", 1: "revoked" }, "Revoked", "ERR_REVOKED", 1],
  ] as const)("checker answers %j → %s", async (answers, status, code, depth) => {
    const result = await validateCertificate({ ...input(), revocation: tableChecker(answers, []) });
    expect(result.status).toBe(status);
    expect(result.problems).toContainEqual(expect.objectContaining({ code, depth }));
  });

  test("revoked outranks expired; expired outranks a failed revocation check", async () => {
    const later = new Date("2036-01-01T00:00:00Z");
    expect((await validateCertificate({ ...input(), now: later, revocation: tableChecker({ 0: "revoked" }, []) })).status).toBe("Revoked");
    expect((await validateCertificate({ ...input(), now: later, revocation: tableChecker({ 0: "unknown" }, []) })).status).toBe("DateInvalid");
  });

  test("no issuer → Untrusted with ERR_NO_PATH and the checker is not asked", async () => {
    const asked: RevocationQuery[] = [];
    const result = await validateCertificate({ ...input(), intermediates: [], revocation: tableChecker({}, asked) });
    expect(result).toMatchObject({ status: "Untrusted", trustAnchor: null, revocation: [] });
    expect(result.problems).toEqual([expect.objectContaining({ code: "ERR_NO_PATH", depth: 0 })]);
    expect(asked).toEqual([]);
  });

  test("an end-entity certificate used as an issuer is Invalid (basic constraints)", async () => {
    const below = await issueCertificate({ subject: "CN=below", notBefore: from, notAfter: to, key: EC }, leaf);
    const result = await validateCertificate({ ...input(), leaf: below.certificate, intermediates: [inter.certificate, leaf.certificate] });
    expect(result.status).toBe("Invalid");
    expect(result.problems).toContainEqual(expect.objectContaining({ code: "ERR_BASIC_CONSTRAINTS", depth: 1 }));
  });

  test.each([
    ["RSA PKCS#1 v1.5", { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 }, { name: "RSASSA-PKCS1-v1_5" }],
    ["RSA-PSS", { name: "RSA-PSS", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 }, { name: "RSA-PSS", saltLength: 32 }],
    ["ECDSA P-384", { name: "ECDSA", namedCurve: "P-384" }, { name: "ECDSA", hash: "SHA-384" }],
  ])("%s signatures verify, and a flipped bit is ERR_SIGNATURE", async (_label, keyAlgorithm, signingAlgorithm) => {
    const keys = (await crypto.subtle.generateKey(keyAlgorithm, true, ["sign", "verify"])) as CryptoKeyPair;
    const ca = await x509.X509CertificateGenerator.createSelfSigned({ name: "CN=Algo Root", keys, notBefore: from, notAfter: to, signingAlgorithm, extensions: [new x509.BasicConstraintsExtension(true, undefined, true), await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)] });
    const endKeys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
    const end = await x509.X509CertificateGenerator.create({ subject: "CN=end", issuer: ca.subject, publicKey: endKeys.publicKey, signingKey: keys.privateKey, notBefore: from, notAfter: to, signingAlgorithm, extensions: [await x509.AuthorityKeyIdentifierExtension.create(ca)] });
    expect((await validateCertificate({ leaf: end, trustAnchors: [ca], now: NOW, purpose: "any" })).status).toBe("Valid");
    const der = new Uint8Array(end.rawData);
    der[der.length - 2]! ^= 0x01;
    const tampered = await validateCertificate({ leaf: new x509.X509Certificate(der), trustAnchors: [ca], now: NOW, purpose: "any" });
    expect(tampered.status).toBe("Invalid");
    expect(tampered.problems).toContainEqual(expect.objectContaining({ code: "ERR_SIGNATURE", depth: 0 }));
  });

  test("an unknown critical extension is Invalid; a non-critical one is ignored", async () => {
    const make = async (critical: boolean) =>
      x509.X509CertificateGenerator.create({
        subject: "CN=ext",
        issuer: inter.certificate.subject,
        publicKey: leaf.keys.publicKey,
        signingKey: inter.keys.privateKey,
        notBefore: from,
        notAfter: to,
        signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
        extensions: [new x509.Extension("1.3.6.1.4.1.99999.1", critical, new Uint8Array([5, 0])), await x509.AuthorityKeyIdentifierExtension.create(inter.certificate)],
      });
    const critical = await validateCertificate({ ...input(), leaf: await make(true) });
    expect(critical.problems).toEqual([expect.objectContaining({ code: "ERR_UNKNOWN_CRITICAL_EXTENSION", depth: 0 })]);
    expect((await validateCertificate({ ...input(), leaf: await make(false) })).status).toBe("Valid");
  });

  test("regression: a later valid path wins over an earlier invalid candidate (the most severe path was reported)", async () => {
    // A self-issued key-rollover CA shares the root's name: the builder first offers leaf → root (bad signature), then leaf → rollover → root.
    const rollover = await issueCertificate({ subject: "CN=Root", notBefore: from, notAfter: to, isCa: true, key: EC }, root);
    const end = await issueCertificate({ subject: "CN=end.contoso.com", dnsNames: ["end.contoso.com"], notBefore: from, notAfter: to, key: EC }, rollover);
    const result = await validateCertificate({ leaf: end.certificate, intermediates: [rollover.certificate], trustAnchors: [root.certificate], now: NOW, purpose: "server" });
    expect(result.pathsTried).toBe(2);
    expect(result.problems).toEqual([]);
    expect(result.status).toBe("Valid");
  });
});
