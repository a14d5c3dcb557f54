import { describe, expect, test } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("scrypt passwords", () => {
  test("verify accepts the password and rejects others", async () => {
    const hash = await hashPassword("Pässwörd 1");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("Pässwörd 1", hash)).toBe(true);
    expect(await verifyPassword("Pässwörd 2", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  test.each(["", "plain", "scrypt$1$2$3$$", "bcrypt$x$y$z$a$b"])("a malformed stored hash %j never matches", async (stored) => {
    expect(await verifyPassword("anything", stored)).toBe(false);
  });
});
