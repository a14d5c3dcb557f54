import { generateKeyPairSync } from "node:crypto";
import { describe, expect, test } from "vitest";
import { describePrivateKey, describePublicKey, publicKeyOfPrivateKey } from "./private-key";

describe("key descriptions read from the DER agree with OpenSSL's", () => {
  const CASES: [string, () => ReturnType<typeof generateKeyPairSync>, { algorithm: string; size: number; curve?: string }][] = [
    ["RSA 1024", () => generateKeyPairSync("rsa", { modulusLength: 1024 }), { algorithm: "RSA", size: 1024 }],
    ["RSA 2048", () => generateKeyPairSync("rsa", { modulusLength: 2048 }), { algorithm: "RSA", size: 2048 }],
    ["RSA 2047 (odd size)", () => generateKeyPairSync("rsa", { modulusLength: 2047 }), { algorithm: "RSA", size: 2047 }],
    ["EC P-256", () => generateKeyPairSync("ec", { namedCurve: "prime256v1" }), { algorithm: "EC", size: 256, curve: "P-256" }],
    ["EC P-384", () => generateKeyPairSync("ec", { namedCurve: "secp384r1" }), { algorithm: "EC", size: 384, curve: "P-384" }],
    ["EC P-521", () => generateKeyPairSync("ec", { namedCurve: "secp521r1" }), { algorithm: "EC", size: 521, curve: "P-521" }],
    ["Ed25519", () => generateKeyPairSync("ed25519"), { algorithm: "Ed25519", size: 256 }],
  ];
  test.each(CASES)("%s", (_l, make, want) => {
    const { publicKey, privateKey } = make();
    const spki = new Uint8Array(publicKey.export({ type: "spki", format: "der" }));
    const pkcs8 = new Uint8Array(privateKey.export({ type: "pkcs8", format: "der" }));
    expect(describePublicKey(spki)).toEqual(want);
    expect(describePrivateKey(pkcs8)).toEqual(want);
    expect(Buffer.from(publicKeyOfPrivateKey(pkcs8)).equals(Buffer.from(spki))).toBe(true);
  });
  test("garbage is ERR_KEY_MALFORMED", () => {
    expect(() => describePublicKey(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00))).toThrowError(expect.objectContaining({ code: "ERR_KEY_MALFORMED" }));
    expect(() => describePrivateKey(Uint8Array.of(1, 2, 3))).toThrowError(expect.objectContaining({ code: "ERR_KEY_MALFORMED" }));
  });
});
