import { beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "@/test/test-database";

beforeAll(async () => {
  await useTestDatabase();
  const { ensureUsers } = await import("../bootstrap/ensure-users");
  const created = await ensureUsers({ CERTCONSOLE_ADMIN_PASSWORD: "correct horse" });
  expect(created.map((c) => [c.username, c.generated])).toEqual([["admin", false], ["helpdesk", true]]);
});

describe("sign-in", () => {
  test("the right password gives a session that resolves to the actor", async () => {
    const { signIn } = await import("./sign-in");
    const { actorFromToken } = await import("./session");
    const session = await signIn({ username: "admin", password: "correct horse", clientAddress: "10.0.0.1" });
    expect(await actorFromToken(session.token)).toMatchObject({ username: "admin", role: "admin" });
    expect(await actorFromToken(session.token, new Date(Date.now() + 9 * 3600_000))).toBeNull();
    expect(await actorFromToken("forged")).toBeNull();
  });

  test("repeated failures lock the account even for the right password, and are audited", async () => {
    const { signIn } = await import("./sign-in");
    const { MAX_FAILURES } = await import("./login-throttle");
    const { db } = await import("../db");
    for (let i = 0; i < MAX_FAILURES; i += 1) {
      await expect(signIn({ username: "admin", password: "wrong", clientAddress: `10.0.1.${i}` })).rejects.toMatchObject({ code: "ERR_BAD_CREDENTIALS" });
    }
    await expect(signIn({ username: "admin", password: "correct horse", clientAddress: "10.0.2.1" })).rejects.toMatchObject({ code: "ERR_RATE_LIMITED" });
    expect(await db.auditEvent.count({ where: { action: "auth.signIn", outcome: "refused" } })).toBe(MAX_FAILURES);
  });

  test("the password hash is never selected by default", async () => {
    const { db } = await import("../db");
    const user = await db.user.findFirstOrThrow({ where: { username: "helpdesk" } });
    expect("passwordHash" in user).toBe(false);
  });
});
