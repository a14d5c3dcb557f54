import { expect, test } from "vitest";
import { DEFAULT_LANDING_PAGE, safeNextPath } from "./next-path";

test.each([
  ["/audit?outcome=refused", "/audit?outcome=refused"],
  ["/certificates/abc?tab=revocation", "/certificates/abc?tab=revocation"],
  ["/settings", "/settings"],
])("sign-in returns to the page asked for: %s", (next, expected) => {
  expect(safeNextPath(next)).toBe(expected);
});

test.each([
  ["//evil.example/x"],
  ["/\\evil.example"],
  ["https://evil.example/"],
  ["http:/evil.example"],
  ["javascript:alert(1)"],
  ["/\t/evil.example"],
  ["/login?next=/audit"],
  ["/api/v1/settings"],
  [""],
  [undefined],
  [42],
  ["/" + "a".repeat(3000)],
])("open redirect refused: %s lands on the dashboard", (next) => {
  expect(safeNextPath(next)).toBe(DEFAULT_LANDING_PAGE);
});
