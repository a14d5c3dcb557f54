import { beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "@/test/test-database";

beforeAll(async () => {
  await useTestDatabase();
  const { ensureUsers } = await import("../bootstrap/ensure-users");
  const created = await ensureUsers({ CERTCONSOLE_ADMIN_PASSWORD: "correct horse" });
  expect(created.map((c) => [c.username, c.generated])).toEqual([["admin", false], ["helpdesk", true]]);
});

describe("sign-in", () => {
  test("the right password gives a session that resolves to the actor; session and audit row commit together", async () => {
    const { signIn } = await import("./sign-in");
    const { actorFromToken } = await import("./session");
    const { db } = await import("../db");
    const session = await signIn({ username: "admin", password: "correct horse", clientAddress: "10.0.0.1" });
    expect(await actorFromToken(session.token)).toMatchObject({ username: "admin", role: "admin" });
    expect(await actorFromToken(session.token, new Date(Date.now() + 9 * 3600_000))).toBeNull();
    expect(await actorFromToken("forged")).toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.signIn", outcome: "success" }, orderBy: { at: "desc" } });
    expect(audit.details).toMatchObject({ clientAddress: "10.0.0.1" });
  });

  test("sign-out deletes the session and records auth.signOut in the same transaction", async () => {
    const { signIn } = await import("./sign-in");
    const { signOut } = await import("./sign-out");
    const { actorFromToken } = await import("./session");
    const { db } = await import("../db");
    const session = await signIn({ username: "admin", password: "correct horse", clientAddress: "10.0.0.9" });
    expect(await signOut(session.token, "10.0.0.9")).toBe(true);
    expect(await actorFromToken(session.token)).toBeNull();
    const rows = await db.auditEvent.findMany({ where: { action: "auth.signOut" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorName: "admin", outcome: "success", details: { clientAddress: "10.0.0.9" } });
    // Signing out again changes nothing and writes nothing.
    expect(await signOut(session.token, "10.0.0.9")).toBe(false);
    expect(await db.auditEvent.count({ where: { action: "auth.signOut" } })).toBe(1);
  });

  // Regression (issue 12, finding 6): five failures from anywhere locked the admin out everywhere for 15 minutes.
  test("failures from address A throttle A only: the admin still signs in from address B", async () => {
    const { signIn } = await import("./sign-in");
    const { FREE_FAILURES } = await import("./login-throttle");
    const { db } = await import("../db");
    const before = await db.auditEvent.count({ where: { action: "auth.signIn", outcome: "refused" } });
    const now = new Date();
    for (let i = 0; i < FREE_FAILURES + 3; i += 1) {
      await signIn({ username: "admin", password: "wrong", clientAddress: "203.0.113.66" }, now).catch(() => undefined);
    }
    await expect(signIn({ username: "admin", password: "correct horse", clientAddress: "203.0.113.66" }, now)).rejects.toMatchObject({ code: "ERR_RATE_LIMITED" });
    const fromB = await signIn({ username: "admin", password: "correct horse", clientAddress: "10.0.2.1" }, now);
    expect(fromB.user.username).toBe("admin");
    // Every failure and the throttled attempt are audited with the address.
    const refused = await db.auditEvent.findMany({ where: { action: "auth.signIn", outcome: "refused" }, orderBy: { at: "asc" }, skip: before });
    expect(refused.length).toBeGreaterThanOrEqual(FREE_FAILURES + 1);
    expect(refused.every((r) => (r.details as { clientAddress: string }).clientAddress === "203.0.113.66")).toBe(true);
  });

  test("the wait doubles with each failure past the free ones, up to the cap", async () => {
    const { signIn } = await import("./sign-in");
    const { FREE_FAILURES, BASE_DELAY_MS, MAX_DELAY_MS, backoffMs } = await import("./login-throttle");
    const { db } = await import("../db");
    const address = "198.51.100.7";
    let now = new Date("2026-12-01T08:00:00Z");
    const waits: number[] = [];
    for (let i = 0; i < FREE_FAILURES + 3; i += 1) {
      await expect(signIn({ username: "helpdesk", password: "wrong", clientAddress: address }, now)).rejects.toMatchObject({ code: "ERR_BAD_CREDENTIALS" });
      const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: `pair:helpdesk|${address}` } });
      const wait = row.lockedUntil ? row.lockedUntil.getTime() - now.getTime() : 0;
      waits.push(wait);
      // Try again exactly when allowed; a moment earlier is refused.
      if (wait > 0) await expect(signIn({ username: "helpdesk", password: "wrong", clientAddress: address }, new Date(now.getTime() + wait - 1))).rejects.toMatchObject({ code: "ERR_RATE_LIMITED" });
      now = new Date(now.getTime() + wait);
    }
    expect(waits).toEqual([0, 0, 0, 0, BASE_DELAY_MS, 2 * BASE_DELAY_MS, 4 * BASE_DELAY_MS, 8 * BASE_DELAY_MS]);
    expect(backoffMs(FREE_FAILURES + 40, FREE_FAILURES)).toBe(MAX_DELAY_MS);
  });

  test("an unknown user costs a password hash too (against a dummy hash), and the answer is the same", async () => {
    const { signIn } = await import("./sign-in");
    const { verifyPassword } = await import("./password");
    const calls: string[] = [];
    const verify = async (password: string, stored: string) => {
      calls.push(stored);
      return verifyPassword(password, stored);
    };
    const unknown = signIn({ username: "nobody-here", password: "whatever", clientAddress: "192.0.2.1" }, new Date(), { verify });
    await expect(unknown).rejects.toMatchObject({ code: "ERR_BAD_CREDENTIALS", message: "The user name or password is incorrect." });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^scrypt\$32768\$8\$1\$/);
    const known = signIn({ username: "admin", password: "wrong", clientAddress: "192.0.2.1" }, new Date(), { verify });
    await expect(known).rejects.toMatchObject({ code: "ERR_BAD_CREDENTIALS", message: "The user name or password is incorrect." });
    expect(calls).toHaveLength(2);
  });

  test("the password hash is never selected by default", async () => {
    const { db } = await import("../db");
    const user = await db.user.findFirstOrThrow({ where: { username: "helpdesk" } });
    expect("passwordHash" in user).toBe(false);
  });
});
