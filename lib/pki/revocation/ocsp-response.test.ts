import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { certFacts, type CertFacts } from "./cert-info";
import { buildOcspRequest } from "./ocsp-request";
import { parseBasic } from "./ocsp-parse";
import { verifyOcspResponse } from "./ocsp-response";
import { makeLab, ocspRespond, type Lab, type OcspOptions } from "./__fixtures__/openssl-lab";

const VECTORS = "/usr/lib/python3/dist-packages/cryptography_vectors/x509/ocsp";

describe("verifyOcspResponse (openssl ocsp responses)", () => {
  let lab: Lab;
  let ca: CertFacts;
  beforeAll(() => {
    lab = makeLab();
    ca = certFacts(lab.ca);
  });
  const index: OcspOptions = { good: ["1001"], revoked: [{ serial: "1002", date: "260105000000Z", reason: "keyCompromise" }, { serial: "1003", date: "260106000000Z" }] };

  test.each([
    { name: "good, delegated responder", serial: "1001", o: {}, status: "good" },
    { name: "good, signed by the CA itself", serial: "1001", o: { signer: "ca" as const }, status: "good" },
    { name: "revoked with reason and time", serial: "1002", o: {}, status: "revoked", reason: "keyCompromise", date: "2026-01-05" },
    { name: "revoked without reason", serial: "1003", o: {}, status: "revoked", date: "2026-01-06" },
    { name: "unknown to the responder", serial: "1004", o: {}, status: "failed", code: "ERR_OCSP_UNKNOWN" },
    { name: "signed by a CA-issued certificate without OCSPSigning", serial: "1001", o: { signer: "rogue" as const }, status: "failed", code: "ERR_OCSP_UNAUTHORIZED_RESPONDER" },
  ])("$name", async ({ serial, o, status, reason, date, code }) => {
    const cert = certFacts(lab.leaves.get(serial)!);
    const req = await buildOcspRequest(cert, ca, { useNonce: true });
    const v = await verifyOcspResponse(ocspRespond(lab, req.der, { ...index, ...o }), { cert, issuer: ca, now: new Date(), nonce: req.nonce! });
    expect(v.status).toBe(status);
    if (v.status === "revoked") {
      expect(v.reason).toBe(reason);
      expect(v.revocationDate.toISOString().slice(0, 10)).toBe(date);
    }
    if (v.status === "failed") expect(v.code).toBe(code);
  });

  test.each([
    { signer: "responder" as const, status: "good", note: "id-pkix-ocsp-nocheck: its own status is not asked" },
    { signer: "plain" as const, status: "failed", note: "no nocheck: a revoked responder is refused" },
  ])("delegated responder $signer → $status ($note)", async ({ signer, status }) => {
    const cert = certFacts(lab.leaves.get("1001")!);
    const resp = ocspRespond(lab, (await buildOcspRequest(cert, ca)).der, { ...index, signer });
    const asked: string[] = [];
    const v = await verifyOcspResponse(resp, { cert, issuer: ca, now: new Date(), checkResponder: async (r) => (asked.push(r.serialHex), "revoked") });
    expect(v.status).toBe(status);
    expect(asked).toEqual(signer === "plain" ? ["2003"] : []);
    if (v.status === "failed") expect(v.code).toBe("ERR_OCSP_UNAUTHORIZED_RESPONDER");
  });

  test("a delegated responder's own status is asked only about an otherwise sound response (tampered signature: not asked)", async () => {
    const cert = certFacts(lab.leaves.get("1001")!);
    const resp = ocspRespond(lab, (await buildOcspRequest(cert, ca)).der, { ...index, signer: "plain" });
    const basic = parseBasic(resp);
    if ("status" in basic) throw new Error("the lab's response did not parse");
    expect(basic.signature.buffer).toBe(resp.buffer); // a view: flipping it tampers with `resp`
    basic.signature[8] = (basic.signature[8] ?? 0) ^ 0x01;
    const asked: string[] = [];
    const v = await verifyOcspResponse(resp, { cert, issuer: ca, now: new Date(), checkResponder: async (r) => (asked.push(r.serialHex), "good") });
    expect(v).toMatchObject({ status: "failed", code: "ERR_OCSP_BAD_SIGNATURE" });
    expect(asked).toEqual([]);
  });

  test("nonce mismatch: a response to another request is refused", async () => {
    const cert = certFacts(lab.leaves.get("1001")!);
    const sent = await buildOcspRequest(cert, ca, { useNonce: true });
    const other = await buildOcspRequest(cert, ca, { useNonce: true });
    const v = await verifyOcspResponse(ocspRespond(lab, other.der, index), { cert, issuer: ca, now: new Date(), nonce: sent.nonce! });
    expect(v).toMatchObject({ status: "failed", code: "ERR_OCSP_NONCE" });
  });

  test("stale: checked after nextUpdate (+ skew)", async () => {
    const cert = certFacts(lab.leaves.get("1001")!);
    const req = await buildOcspRequest(cert, ca);
    const resp = ocspRespond(lab, req.der, { ...index, ndays: 1 });
    const later = new Date(Date.now() + 3 * 86_400_000);
    expect(await verifyOcspResponse(resp, { cert, issuer: ca, now: later })).toMatchObject({ status: "failed", code: "ERR_OCSP_STALE" });
    const earlier = new Date(Date.now() - 86_400_000);
    expect(await verifyOcspResponse(resp, { cert, issuer: ca, now: earlier })).toMatchObject({ status: "failed", code: "ERR_OCSP_NOT_YET_VALID" });
  });

  test("a response about another certificate does not answer for this one", async () => {
    const asked = certFacts(lab.leaves.get("1001")!);
    const req = await buildOcspRequest(asked, ca);
    const v = await verifyOcspResponse(ocspRespond(lab, req.der, index), { cert: certFacts(lab.leaves.get("1002")!), issuer: ca, now: new Date() });
    expect(v).toMatchObject({ status: "failed", code: "ERR_OCSP_CERTID_MISMATCH" });
  });

  test("a tampered response fails its signature", async () => {
    const cert = certFacts(lab.leaves.get("1001")!);
    const resp = ocspRespond(lab, (await buildOcspRequest(cert, ca)).der, index).slice();
    // Change a digit of producedAt (the first GeneralizedTime), keeping the DER valid.
    const at = resp.findIndex((b, i) => b === 0x18 && resp[i + 1] === 0x0f);
    resp[at + 2 + 13] = resp[at + 2 + 13] === 0x30 ? 0x31 : 0x30;
    expect(await verifyOcspResponse(resp, { cert, issuer: ca, now: new Date() })).toMatchObject({ status: "failed", code: "ERR_OCSP_BAD_SIGNATURE" });
  });

  test.each([
    { name: "empty", bytes: new Uint8Array(0) },
    { name: "HTML", bytes: new TextEncoder().encode("<html>proxy error</html>") },
    { name: "truncated", bytes: Uint8Array.from([0x30, 0x82, 0x10, 0x00, 0x0a, 0x01, 0x00]) },
  ])("garbage ($name) → ERR_OCSP_MALFORMED, no throw", async ({ bytes }) => {
    const cert = certFacts(lab.leaves.get("1001")!);
    expect(await verifyOcspResponse(bytes, { cert, issuer: ca, now: new Date() })).toMatchObject({ status: "failed", code: "ERR_OCSP_MALFORMED" });
  });
});

describe("cryptography's OCSP vectors", () => {
  const read = (f: string) => new Uint8Array(readFileSync(path.join(VECTORS, f)));
  test.each([
    { file: "resp-unauthorized.der", code: "ERR_OCSP_STATUS_UNAUTHORIZED" },
    { file: "resp-unknown-response-status.der", code: /^ERR_OCSP_(STATUS_|MALFORMED)/ },
    { file: "resp-successful-no-response-bytes.der", code: "ERR_OCSP_MALFORMED" },
    { file: "resp-response-type-unknown-oid.der", code: "ERR_OCSP_MALFORMED" },
    { file: "resp-sha256.der", code: /^ERR_OCSP_/ },
    { file: "resp-revoked-reason.der", code: /^ERR_OCSP_/ },
  ])("$file → $code (never throws)", async ({ file, code }) => {
    // These responses are about certificates we do not hold: parsing must succeed or fail with a stable code.
    const lab = { cert: certFacts(await import("@peculiar/x509").then((m) => new m.X509Certificate(readFileSync("/usr/lib/python3/dist-packages/cryptography_vectors/x509/PKITS_data/certs/GoodCACert.crt")))) };
    const v = await verifyOcspResponse(read(file), { cert: lab.cert, issuer: lab.cert, now: new Date("2020-01-01") });
    expect(v.status).toBe("failed");
    if (v.status === "failed") expect(v.code).toMatch(code);
  });
});
