import { describe, expect, test } from "vitest";
import { formatList, formatPowerShellDate } from "./list-view";

describe("Format-List rendering", () => {
  test.each([
    ["2027-11-22T00:05:35Z", "11/22/2027 12:05:35 AM"],
    ["2027-01-02T12:00:00Z", "1/2/2027 12:00:00 PM"],
    ["2027-06-30T23:59:09Z", "6/30/2027 11:59:09 PM"],
    ["2027-06-30T09:05:00Z", "6/30/2027 9:05:00 AM"],
  ])("%s → %s", (iso, text) => {
    expect(formatPowerShellDate(new Date(iso))).toBe(text);
  });
  test("names are padded so the colons line up; empty values leave no trailing space", () => {
    expect(formatList([["Thumbprint", "AB"], ["FriendlyName", ""], ["Status", "Valid"]])).toBe("Thumbprint   : AB\nFriendlyName :\nStatus       : Valid");
  });
});
