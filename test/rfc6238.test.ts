import { expect, test } from "vitest";
import { totpCode } from "./helpers/rfc6238";

// RFC 6238 appendix B, SHA-1 column (8 digits there; the last 6 are the 6-digit code).
test.each([
  [59, "287082"],
  [1111111109, "081804"],
  [1111111111, "050471"],
  [1234567890, "005924"],
  [2000000000, "279037"],
])("the test's own TOTP gives the RFC 6238 vector at T=%i", (seconds, code) => {
  // "12345678901234567890" in base32.
  expect(totpCode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", seconds * 1000)).toBe(code);
});
