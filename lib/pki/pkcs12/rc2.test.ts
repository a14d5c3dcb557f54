import { describe, expect, test } from "vitest";
import { rc2CbcDecrypt, rc2CbcEncrypt, rc2DecryptBlock, rc2EncryptBlock, rc2ExpandKey } from "./rc2";

const hex = (s: string) => Uint8Array.from(Buffer.from(s, "hex"));

// RFC 2268 section 5 test vectors: key, effective bits, plaintext, ciphertext.
const VECTORS: [string, number, string, string][] = [
  ["0000000000000000", 63, "0000000000000000", "ebb773f993278eff"],
  ["ffffffffffffffff", 64, "ffffffffffffffff", "278b27e42e2f0d49"],
  ["3000000000000000", 64, "1000000000000001", "30649edf9be7d2c2"],
  ["88", 64, "0000000000000000", "61a8a244adacccf0"],
  ["88bca90e90875a", 64, "0000000000000000", "6ccf4308974c267f"],
  ["88bca90e90875a7f0f79c384627bafb2", 64, "0000000000000000", "1a807d272bbe5db1"],
  ["88bca90e90875a7f0f79c384627bafb2", 128, "0000000000000000", "2269552ab0f85ca6"],
];

describe("RC2 (RFC 2268)", () => {
  test.each(VECTORS)("key %s, %i effective bits", (key, bits, pt, ct) => {
    const K = rc2ExpandKey(hex(key), bits);
    const block = hex(pt);
    rc2EncryptBlock(K, block);
    expect(Buffer.from(block).toString("hex")).toBe(ct);
    rc2DecryptBlock(K, block);
    expect(Buffer.from(block).toString("hex")).toBe(pt);
  });

  test.each([0, 1, 7, 8, 9, 100])("CBC round trip of %i bytes with 40-bit key", (n) => {
    const data = Uint8Array.from({ length: n }, (_, i) => (i * 37) & 0xff);
    const key = hex("0102030405");
    const iv = hex("0011223344556677");
    const ct = rc2CbcEncrypt(key, 40, iv, data);
    expect(ct.length % 8).toBe(0);
    expect(Array.from(rc2CbcDecrypt(key, 40, iv, ct))).toEqual(Array.from(data));
  });

  test("a wrong key is reported as a padding error, not garbage", () => {
    const ct = rc2CbcEncrypt(hex("0102030405"), 40, hex("0011223344556677"), new Uint8Array(20));
    let code = "";
    for (const k of ["0102030406", "0a0b0c0d0e", "ffffffffff"]) {
      try {
        rc2CbcDecrypt(hex(k), 40, hex("0011223344556677"), ct);
      } catch (e) {
        code = (e as { code: string }).code;
      }
    }
    expect(code).toBe("ERR_DECRYPT_PADDING");
  });
});
