import { describe, expect, test } from "vitest";
import { isPkiError } from "../errors";
import { children, encode, fromHex, integerValue, oidToString, readTlv, timeToMs, toHex } from "./der";

describe("der", () => {
  test.each([
    { hex: "06092a864886f70d01010b", oid: "1.2.840.113549.1.1.11" },
    { hex: "0603551d1f", oid: "2.5.29.31" },
    { hex: "06082b06010505070301", oid: "1.3.6.1.5.5.7.3.1" },
  ])("OID $oid", ({ hex, oid }) => {
    const b = fromHex(hex);
    expect(oidToString(b, readTlv(b, 0))).toBe(oid);
  });

  test.each([
    { text: "260105000000Z", tag: 0x17, iso: "2026-01-05T00:00:00.000Z" },
    { text: "491231235959Z", tag: 0x17, iso: "2049-12-31T23:59:59.000Z" },
    { text: "500101000000Z", tag: 0x17, iso: "1950-01-01T00:00:00.000Z" },
    { text: "20500101000000Z", tag: 0x18, iso: "2050-01-01T00:00:00.000Z" },
    { text: "20260105123456.5Z", tag: 0x18, iso: "2026-01-05T12:34:56.500Z" },
  ])("time $text", ({ text, tag, iso }) => {
    const b = encode(tag, new TextEncoder().encode(text));
    expect(new Date(timeToMs(b, readTlv(b, 0))).toISOString()).toBe(iso);
  });

  test("encode/readTlv round trip with long lengths, and integers with sign", () => {
    const big = encode(0x04, new Uint8Array(300));
    expect(toHex(big.subarray(0, 4))).toBe("0482012c");
    const seq = encode(0x30, encode(0x02, fromHex("00ff")), encode(0x02, fromHex("ff")), big);
    const [a, b, c] = children(seq, readTlv(seq, 0));
    expect(integerValue(seq, a!)).toBe(255n);
    expect(integerValue(seq, b!)).toBe(-1n);
    expect(c!.end - c!.contentStart).toBe(300);
  });

  test.each(["30", "3005020100", "3080", "1f8101", "30840000ffff"])("malformed %s → ERR_ASN1_MALFORMED", (hex) => {
    let error: unknown;
    try {
      const b = fromHex(hex);
      children(b, readTlv(b, 0));
    } catch (e) {
      error = e;
    }
    expect(isPkiError(error, "ERR_ASN1_MALFORMED")).toBe(true);
  });
});
