import { describe, expect, test } from "vitest";
import { readTlv, TAG, tlvChildren, tlvOid, tlvTime, tlvValue } from "./der";
import { derBmpString, derInteger, derOctetString, derOid, derSequence, derSet } from "./der-writer";

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
