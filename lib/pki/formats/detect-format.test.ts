import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { detectFormat } from "./detect-format";
import { isThumbprint, normalizeThumbprint, thumbprint } from "../certificate/thumbprint";

const V = "/usr/lib/python3/dist-packages/cryptography_vectors";
const bytes = (p: string) => new Uint8Array(readFileSync(`${V}/${p}`));

describe("detectFormat looks at the bytes only", () => {
  test.each([
    ["x509/PKITS_data/certs/GoodCACert.crt", { encoding: "der", kind: "certificate" }],
    ["x509/PKITS_data/crls/GoodCACRL.crl", { encoding: "der", kind: "crl" }],
    ["pkcs12/cert-rc2-key-3des.p12", { encoding: "der", kind: "pkcs12" }],
    ["pkcs12/no-password.p12", { encoding: "der", kind: "pkcs12" }],
    ["x509/custom/crl_almost_10k.pem", { encoding: "pem" }],
  ])("%s", (file, want) => {
    expect(detectFormat(bytes(file))).toEqual(want);
  });
  test("bare Base64 of a DER certificate", () => {
    const b64 = Buffer.from(bytes("x509/PKITS_data/certs/GoodCACert.crt")).toString("base64").replace(/.{76}/g, "$&\r\n");
    expect(detectFormat(new TextEncoder().encode(b64))).toEqual({ encoding: "base64", kind: "certificate" });
  });
  test.each([[new Uint8Array(0)], [Uint8Array.of(0x30)], [new TextEncoder().encode("hello world, not base64!")], [Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05)]])("unknown %#", (b) => {
    expect(detectFormat(b)).toEqual({ encoding: "unknown" });
  });
});

describe("thumbprints", () => {
  test("SHA-1 of the DER in upper-case hex", () => {
    expect(thumbprint(new TextEncoder().encode("abc"))).toBe("A9993E364706816ABA3E25717850C26C9CD0D89D");
  });
  test.each([
    ["a9 99 3e 36 47 06 81 6a ba 3e 25 71 78 50 c2 6c 9c d0 d8 9d", true],
    ["A9:99:3E:36:47:06:81:6A:BA:3E:25:71:78:50:C2:6C:9C:D0:D8:9D", true],
    ["\u200ea9993e364706816aba3e25717850c26c9cd0d89d", true],
    ["a9993e36", false],
    ["g9993e364706816aba3e25717850c26c9cd0d89d", false],
  ])("%j pasted from Windows → %s", (text, ok) => {
    expect(isThumbprint(text)).toBe(ok);
    if (ok) expect(normalizeThumbprint(text)).toBe("A9993E364706816ABA3E25717850C26C9CD0D89D");
  });
});
