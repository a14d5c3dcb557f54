import { describe, expect, test } from "vitest";
import { CrlIndex } from "./crl-index";
import { serialKey, serialKeyFromHex } from "./serial-key";

describe("CrlIndex", () => {
  const serials = ["01", "1002", "00FF", "FF", "7F0102030405060708090A0B0C0D0E0F", "0102030405060708090A0B0C0D0E0F1011"];
  const index = new CrlIndex({ serialKeys: [...serials, "1002"].map(serialKeyFromHex) });

  test.each(serials.map((s, i) => ({ s, i })))("finds $s at $i", ({ s, i }) => {
    expect(index.find(serialKeyFromHex(s))).toBe(i);
  });

  test.each(["02", "0FF", "7F0102030405060708090A0B0C0D0E0E", "00"])("does not find %s", (s) => {
    expect(index.find(serialKeyFromHex(s))).toBe(-1);
    expect(index.findAll(serialKeyFromHex(s))).toEqual([]);
  });

  test("duplicate serials (indirect CRLs) keep every entry", () => {
    expect(index.findAll(serialKeyFromHex("1002"))).toEqual([1, 6]);
    expect(index.size).toBe(6);
  });

  test("keys from a buffer slice equal keys from hex, for odd and even lengths and the 16-byte fast path", () => {
    const buf = Uint8Array.from([9, 9, 0x7f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 9]);
    expect(serialKey(buf, 2, 18)).toBe(serialKeyFromHex("7F0102030405060708090A0B0C0D0E0F"));
    expect(serialKey(buf, 2, 5)).toBe(serialKeyFromHex("7F0102"));
    expect(serialKey(buf, 2, 17)).not.toBe(serialKey(buf, 2, 18));
  });
});
