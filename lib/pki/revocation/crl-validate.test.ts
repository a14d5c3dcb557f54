import { beforeAll, describe, expect, test } from "vitest";
import type { X509Certificate } from "@peculiar/x509";
import { certFacts } from "./cert-info";
import { parseCrl } from "./crl-parse";
import { evaluateCrls } from "./crl-validate";
import type { CrlContext } from "./crl-signer";
import { makeCrl, makeLab, type CrlOptions, type Lab } from "./__fixtures__/openssl-lab";

const NOW = Date.parse("2026-01-15T00:00:00Z");

describe("evaluateCrls", () => {
  let lab: Lab;
  beforeAll(() => {
    lab = makeLab();
  });
  const ctx = (leaf: X509Certificate, issuer: X509Certificate = lab.ca, now = NOW): CrlContext => ({
    cert: certFacts(leaf), issuer: certFacts(issuer), path: [certFacts(leaf), certFacts(issuer)], candidates: [], now, crypto: globalThis.crypto,
  });
  const revoked: CrlOptions["revoked"] = [
    { serial: "1002", date: "260105000000Z", reason: "keyCompromise" },
    { serial: "1003", date: "260106000000Z", reason: "certificateHold,holdInstructionReject" },
    { serial: "1004", date: "260107000000Z" },
  ];

  test.each([
    { name: "serial not listed → good", serial: "1001", crl: {}, status: "good" },
    { name: "keyCompromise", serial: "1002", crl: {}, status: "revoked", reason: "keyCompromise", date: "2026-01-05" },
    { name: "certificateHold counts as revoked", serial: "1003", crl: {}, status: "revoked", reason: "certificateHold", date: "2026-01-06" },
    { name: "no reason code", serial: "1004", crl: {}, status: "revoked", reason: undefined, date: "2026-01-07" },
    { name: "stale CRL (past nextUpdate) is not an answer", serial: "1001", crl: { lastUpdate: "20251201000000Z", nextUpdate: "20260101000000Z" }, status: "unknown", code: "ERR_CRL_STALE" },
    { name: "stale CRL listing the serial is still not an answer", serial: "1002", crl: { lastUpdate: "20251201000000Z", nextUpdate: "20260101000000Z" }, status: "unknown", code: "ERR_CRL_STALE" },
    { name: "CRL from the future", serial: "1001", crl: { lastUpdate: "20260201000000Z", nextUpdate: "20260301000000Z" }, status: "unknown", code: "ERR_CRL_NOT_YET_VALID" },
    { name: "same-name CRL signed by another key", serial: "1001", crl: { signer: "impostor" as const }, status: "unknown", code: "ERR_CRL_BAD_SIGNATURE" },
    { name: "CRL of another CA", serial: "1001", crl: { signer: "nocrlsign" as const }, status: "unknown", code: "ERR_CRL_WRONG_ISSUER" },
    { name: "unknown critical CRL extension", serial: "1001", crl: { extensions: ["1.2.3.4.5 = critical,DER:05:00"] }, status: "unknown", code: "ERR_CRL_UNKNOWN_CRITICAL_EXTENSION" },
    { name: "IDP onlyContainsCACerts does not cover a leaf", serial: "1001", crl: { extensions: ["issuingDistributionPoint = critical,@idp", "[idp]", "onlyCA = TRUE"] }, status: "unknown", code: "ERR_CRL_SCOPE" },
    { name: "IDP naming another distribution point", serial: "1001", crl: { extensions: ["issuingDistributionPoint = critical,@idp", "[idp]", "fullname = URI:http://elsewhere.test/x.crl"] }, status: "unknown", code: "ERR_CRL_SCOPE" },
    { name: "IDP naming the certificate's CDP", serial: "1002", crl: { extensions: ["issuingDistributionPoint = critical,@idp", "[idp]", "fullname = URI:http://crl.lab.test/ca.crl"] }, status: "revoked", reason: "keyCompromise", date: "2026-01-05" },
    { name: "onlySomeReasons keyCompromise alone is not complete coverage", serial: "1001", crl: { extensions: ["issuingDistributionPoint = critical,@idp", "[idp]", "onlysomereasons = keyCompromise"] }, status: "unknown", code: "ERR_CRL_SCOPE" },
  ])("$name", async ({ serial, crl, status, reason, date, code }) => {
    const v = await evaluateCrls([parseCrl(makeCrl(lab, { revoked, ...crl }))], ctx(lab.leaves.get(serial)!));
    expect(v.status).toBe(status);
    if (status === "revoked") {
      expect(v.reason).toBe(reason);
      expect(v.revocationDate?.toISOString().slice(0, 10)).toBe(date);
    }
    if (code) expect(v.code).toBe(code);
  });

  test("issuer without cRLSign: its CRL is refused with ERR_CRL_ISSUER_NO_CRLSIGN", async () => {
    const v = await evaluateCrls([parseCrl(makeCrl(lab, { signer: "nocrlsign" }))], ctx(lab.noCrlSignLeaf, lab.noCrlSignCa));
    expect(v).toMatchObject({ status: "unknown", code: "ERR_CRL_ISSUER_NO_CRLSIGN" });
  });

  test("a good CRL next to a bad one still answers (PKITS 4.4.7 style)", async () => {
    const bad = parseCrl(makeCrl(lab, { signer: "impostor", revoked }));
    const good = parseCrl(makeCrl(lab, { revoked }));
    const v = await evaluateCrls([bad, good], ctx(lab.leaves.get("1002")!));
    expect(v).toMatchObject({ status: "revoked", reason: "keyCompromise" });
    expect(v.problems.map((p) => p.code)).toContain("ERR_CRL_BAD_SIGNATURE");
  });

  describe("delta CRLs", () => {
    const base = (): CrlOptions => ({ crlNumber: "0A", revoked: [{ serial: "1003", reason: "certificateHold,holdInstructionReject" }] });
    const delta = (baseNumber: string, entries: CrlOptions["revoked"], nextUpdate = "20260201000000Z"): CrlOptions => ({
      crlNumber: "0B", nextUpdate, revoked: entries, extensions: [`2.5.29.27 = critical,DER:02:01:${baseNumber}`],
    });
    test.each([
      { name: "delta revokes a certificate the base does not list", serial: "1002", d: delta("0A", [{ serial: "1002", reason: "keyCompromise" }]), status: "revoked", reason: "keyCompromise" },
      { name: "removeFromCRL on the delta releases a certificateHold", serial: "1003", d: delta("0A", [{ serial: "1003", reason: "removeFromCRL" }]), status: "good" },
      { name: "hold stays when the delta says nothing", serial: "1003", d: delta("0A", []), status: "revoked", reason: "certificateHold" },
      { name: "delta for a newer base (base number 0C > 0A) is ignored", serial: "1002", d: delta("0C", [{ serial: "1002", reason: "keyCompromise" }]), status: "good" },
      { name: "stale delta is ignored, complete CRL still answers", serial: "1003", d: delta("0A", [{ serial: "1003", reason: "removeFromCRL" }], "20260110000000Z"), status: "revoked", reason: "certificateHold" },
    ])("$name", async ({ serial, d, status, reason }) => {
      const v = await evaluateCrls([parseCrl(makeCrl(lab, base())), parseCrl(makeCrl(lab, d))], ctx(lab.leaves.get(serial)!));
      expect(v.status).toBe(status);
      if (reason) expect(v.reason).toBe(reason);
    });

    test("a delta CRL alone is no answer", async () => {
      const v = await evaluateCrls([parseCrl(makeCrl(lab, delta("0A", [])))], ctx(lab.leaves.get("1001")!));
      expect(v.status).toBe("unknown");
      expect(v.problems.map((p) => p.code)).toContain("ERR_CRL_DELTA_NO_BASE");
    });
  });

  test("no CRL at all → unknown ERR_CRL_NONE", async () => {
    expect(await evaluateCrls([], ctx(lab.leaves.get("1001")!))).toMatchObject({ status: "unknown", code: "ERR_CRL_NONE" });
  });
});
