import { describe, expect, test } from "vitest";
import { isPkiError } from "../errors";
import { derChildren, fromHex, readDerTlv, readTlv, TAG, tlvChildren, tlvInteger, tlvOid, tlvTime, tlvTimeMs, tlvValue, toHex } from "./der";
import { derBmpString, derInteger, derOctetString, derOid, derSequence, derSet, derTlv } from "./der-writer";

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ""), "hex"));

describe("DER reader", () => {
  test.each([
    ["1.2.840.113549.1.12.10.1.2"],
    ["2.5.29.37.0"],
    ["1.3.6.1.4.1.311.20.2.3"],
    ["2.999.1234567"],
    ["0.9.2342.19200300.100.1.25"],
  ])("OID %s round-trips through the writer", (oid) => {
    const der = derOid(oid);
    expect(tlvOid(der, readTlv(der))).toBe(oid);
  });

  test.each([
    ["definite", "30 06 02 01 03 04 01 aa", 2],
    ["indefinite (BER)", "30 80 02 01 03 04 01 aa 00 00", 2],
    ["nested indefinite", "30 80 30 80 02 01 01 00 00 04 00 00 00", 2],
  ])("%s SEQUENCE", (_l, h, n) => {
    const b = hex(h);
    const t = readTlv(b);
    expect(t.end).toBe(b.length);
    expect(tlvChildren(b, t)).toHaveLength(n);
  });

  test("a constructed OCTET STRING (BER) is the concatenation of its segments", () => {
    const b = hex("24 80 04 02 01 02 04 01 03 00 00");
    expect(Array.from(tlvValue(b, readTlv(b)))).toEqual([1, 2, 3]);
  });

  test.each([
    ["length beyond the data", "30 10 02 01 03", /claims 16 bytes but only 3 remain/],
    ["truncated length field", "30 82 01", /end of data in a length field/],
    ["5-octet length", "30 85 01 00 00 00 00", /too large/],
    ["indefinite primitive", "04 80 00 00", /indefinite length on a primitive/],
    ["missing end-of-contents", "30 80 02 01 03", /end-of-contents|end of data/],
    ["empty input", "", /unexpected end of data/],
  ])("%s → ERR_DER_MALFORMED", (_l, h, re) => {
    const b = hex(h);
    expect(() => {
      const t = readTlv(b);
      tlvChildren(b, t);
    }).toThrowError(expect.objectContaining({ code: "ERR_DER_MALFORMED", message: expect.stringMatching(re) }));
  });

  test("nesting deeper than 64 levels is refused, not a stack overflow", () => {
    const b = new Uint8Array(2 * 5000).map((_, i) => (i < 5000 ? (i % 2 === 0 ? 0x30 : 0x80) : 0));
    expect(() => readTlv(b)).toThrowError(expect.objectContaining({ code: "ERR_DER_MALFORMED" }));
  });

  test.each([
    ["17 0d 3236313132323030303533355a", "2026-11-22T00:05:35.000Z"],
    ["17 0d 3439313233313233353935395a", "2049-12-31T23:59:59.000Z"],
    ["17 0d 3530303130313030303030305a", "1950-01-01T00:00:00.000Z"],
    ["18 0f 32303530303130313030303030305a", "2050-01-01T00:00:00.000Z"],
  ])("time %s", (h, iso) => {
    const b = hex(h);
    expect(tlvTime(b, readTlv(b)).toISOString()).toBe(iso);
  });

  test("writer: SET OF is sorted, INTEGER gets a leading zero when needed, BMPString is UTF-16BE", () => {
    expect(Buffer.from(derSet(derOctetString(hex("02")), derOctetString(hex("01")))).toString("hex")).toBe("3106040101040102");
    expect(Buffer.from(derInteger(128)).toString("hex")).toBe("02020080");
    expect(Buffer.from(derInteger(2048)).toString("hex")).toBe("02020800");
    expect(Buffer.from(derBmpString("A☺")).toString("hex")).toBe("1e040041263a");
    const seq = derSequence(derInteger(3));
    expect(readTlv(seq).tag).toBe(TAG.SEQUENCE);
  });
});

describe("DER reader, strict form (CRLs, OCSP)", () => {
  test.each([
    { hex: "06092a864886f70d01010b", oid: "1.2.840.113549.1.1.11" },
    { hex: "0603551d1f", oid: "2.5.29.31" },
    { hex: "06082b06010505070301", oid: "1.3.6.1.5.5.7.3.1" },
  ])("OID $oid", ({ hex, oid }) => {
    const b = fromHex(hex);
    expect(tlvOid(b, readDerTlv(b, 0))).toBe(oid);
  });

  test.each([
    { text: "260105000000Z", tag: 0x17, iso: "2026-01-05T00:00:00.000Z" },
    { text: "491231235959Z", tag: 0x17, iso: "2049-12-31T23:59:59.000Z" },
    { text: "500101000000Z", tag: 0x17, iso: "1950-01-01T00:00:00.000Z" },
    { text: "20500101000000Z", tag: 0x18, iso: "2050-01-01T00:00:00.000Z" },
    { text: "20260105123456.5Z", tag: 0x18, iso: "2026-01-05T12:34:56.500Z" },
  ])("time $text", ({ text, tag, iso }) => {
    const b = derTlv(tag, new TextEncoder().encode(text));
    expect(new Date(tlvTimeMs(b, readDerTlv(b, 0))).toISOString()).toBe(iso);
  });

  test("derTlv/readDerTlv round trip with long lengths, and integers with sign", () => {
    const big = derTlv(0x04, new Uint8Array(300));
    expect(toHex(big.subarray(0, 4))).toBe("0482012C");
    const seq = derTlv(0x30, derTlv(0x02, fromHex("00ff")), derTlv(0x02, fromHex("ff")), big);
    const [a, b, c] = derChildren(seq, readDerTlv(seq, 0));
    expect(tlvInteger(seq, a!)).toBe(255n);
    expect(tlvInteger(seq, b!)).toBe(-1n);
    expect(c!.contentEnd - c!.contentStart).toBe(300);
  });

  test.each(["30", "3005020100", "3080", "1f8101", "30840000ffff"])("malformed %s → ERR_DER_MALFORMED", (hex) => {
    let error: unknown;
    try {
      const b = fromHex(hex);
      derChildren(b, readDerTlv(b, 0));
    } catch (e) {
      error = e;
    }
    expect(isPkiError(error, "ERR_DER_MALFORMED")).toBe(true);
  });
});
