import { describe, expect, test } from "vitest";
import { decodeBase64, parsePem, toPem } from "./pem";

describe("PEM", () => {
  const der = Uint8Array.from({ length: 100 }, (_, i) => i);
  test("round trip with 64-character lines", () => {
    const pem = toPem(der, "CERTIFICATE");
    expect(pem.split("\n")[1]).toHaveLength(64);
    expect(Array.from(parsePem(pem)[0]!.der)).toEqual(Array.from(der));
  });
  test("several blocks with text around them and CRLF line ends", () => {
    const text = `Bag Attributes\r\n    friendlyName: x\r\nsubject=CN=a\r\n${toPem(der, "CERTIFICATE").replace(/\n/g, "\r\n")}junk\n${toPem(der.slice(0, 10), "NEW CERTIFICATE REQUEST")}`;
    expect(parsePem(text).map((b) => [b.label, b.der.length])).toEqual([
      ["CERTIFICATE", 100],
      ["NEW CERTIFICATE REQUEST", 10],
    ]);
  });
  test("RFC 1421 headers are read", () => {
    const pem = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAEC\n-----END RSA PRIVATE KEY-----\n";
    expect(parsePem(pem)[0]!.headers).toEqual({ "Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-128-CBC,00" });
  });
  test.each([
    ["-----BEGIN CERTIFICATE-----\nAAAA\n-----END X509 CRL-----\n", /ends with "END X509 CRL"/],
    ["-----BEGIN CERTIFICATE-----\nAAAA\n", /no matching END/],
    ["-----BEGIN CERTIFICATE-----\n\n-----END CERTIFICATE-----\n", /is empty/],
    ["-----BEGIN CERTIFICATE-----\nA*AA\n-----END CERTIFICATE-----\n", /not Base64/],
  ])("malformed %#", (text, re) => {
    expect(() => parsePem(text)).toThrowError(expect.objectContaining({ code: "ERR_PEM_MALFORMED", message: expect.stringMatching(re) }));
  });
  test("strict Base64", () => {
    expect(Array.from(decodeBase64("AAEC\n"))).toEqual([0, 1, 2]);
    expect(() => decodeBase64("AAECA")).toThrowError(/truncated/);
  });
});
