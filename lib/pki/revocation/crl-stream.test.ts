import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { isPkiError } from "../errors";
import { toHex } from "../asn1/der";
import { pemOrDer } from "../formats/pem";
import { scanCrl } from "./crl-stream";
import { serialKeyFromHex } from "./serial-key";
import { describeCrl, makeCrl, makeLab, type Lab } from "./__fixtures__/openssl-lab";
import { PKITS_DIR } from "./__fixtures__/pkits";

const VECTORS = "/usr/lib/python3/dist-packages/cryptography_vectors/x509";

describe("scanCrl", () => {
  let lab: Lab;
  beforeAll(() => {
    lab = makeLab();
  });

  test("records every entry of an openssl CRL with serial, date and reason, and the TBS range", () => {
    const revoked = [
      { serial: "1002", date: "260105000000Z", reason: "keyCompromise" },
      { serial: "00FF", date: "260106120000Z", reason: "superseded" },
      { serial: "7F0102030405060708090A0B0C0D0E0F10111213", date: "260107000000Z" },
    ];
    const der = makeCrl(lab, { revoked });
    const scan = scanCrl(der);
    const text = describeCrl(lab, der);
    // openssl sorts entries by serial; read its order from `openssl crl -text`.
    const order = [...text.matchAll(/Serial Number: ([0-9A-F]+)/g)].map((m) => m[1]!);
    expect(order).toEqual(["FF", "1002", "7F0102030405060708090A0B0C0D0E0F10111213"]);
    // openssl prints the value; DER keeps a 00 before a high bit (positive INTEGER).
    const derHex = (h: string) => (/^[89A-F]/.test(h) ? `00${h}` : h);
    expect(scan.serialKeys).toEqual(order.map((h) => serialKeyFromHex(derHex(h))));
    expect([...scan.revocationTimes].map((t) => new Date(t).toISOString())).toEqual(["2026-01-06T12:00:00.000Z", "2026-01-05T00:00:00.000Z", "2026-01-07T00:00:00.000Z"]);
    expect([...scan.reasons]).toEqual([4, 1, -1]);
    expect(new Date(scan.thisUpdate).toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(new Date(scan.nextUpdate!).toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(der[scan.tbsStart]).toBe(0x30);
    expect(scan.signatureAlgorithm.oid).toBe("1.2.840.113549.1.1.11");
    expect(scan.signature.length).toBe(256);
    expect(scan.tbsEnd + scan.signatureAlgorithm.der.length + 2 + 3 + 256).toBe(der.length);
  });

  test("a CRL without revoked entries scans to zero entries", () => {
    expect(scanCrl(makeCrl(lab)).serialKeys).toEqual([]);
  });

  test.each(readdirSync(path.join(PKITS_DIR, "crls")).filter((f) => f.endsWith(".crl")))("PKITS %s scans", (file) => {
    const scan = scanCrl(new Uint8Array(readFileSync(path.join(PKITS_DIR, "crls", file))));
    expect(scan.thisUpdate).toBeGreaterThan(Date.UTC(1990, 0, 1));
    expect(scan.serialKeys.length).toBe(scan.revocationTimes.length);
  });

  test("cryptography's crl_almost_10k.pem (beyond asn1js's default node cap) scans completely", () => {
    const der = pemOrDer(new Uint8Array(readFileSync(path.join(VECTORS, "custom/crl_almost_10k.pem"))), "X509 CRL");
    const scan = scanCrl(der);
    expect(scan.serialKeys.length).toBe(9999);
    expect(new Set(scan.serialKeys).size).toBe(9999);
  });

  const good = () => makeCrl(lab, { revoked: [{ serial: "1002", reason: "keyCompromise" }] });
  test.each([
    { name: "empty", bytes: () => new Uint8Array(0) },
    { name: "HTML error page", bytes: () => new TextEncoder().encode("<html><body>502 Bad Gateway</body></html>") },
    { name: "truncated in the middle", bytes: () => good().subarray(0, 200) },
    { name: "truncated by one byte", bytes: () => { const d = good(); return d.subarray(0, d.length - 1); } },
    { name: "random bytes after a SEQUENCE tag", bytes: () => Uint8Array.from([0x30, 0x82, 0xff, 0xff, 1, 2, 3]) },
    { name: "indefinite length", bytes: () => Uint8Array.from([0x30, 0x80, 0, 0]) },
  ])("$name → PkiError ERR_CRL_MALFORMED", ({ bytes }) => {
    let error: unknown;
    try {
      scanCrl(bytes());
    } catch (e) {
      error = e;
    }
    expect(isPkiError(error, "ERR_CRL_MALFORMED")).toBe(true);
  });

  test("serial keys are byte-exact: 0x00FF and 0xFF differ (negative vs. positive)", () => {
    expect(serialKeyFromHex("00FF")).not.toBe(serialKeyFromHex("FF"));
    expect(toHex(Uint8Array.from([0, 255]))).toBe("00FF");
  });
});
