// Local accounts (issue 16, part 3): the Users page's use-cases and the TOTP second factor, on a real database.
// The TOTP codes come from the test's own RFC 6238 computation (test/helpers/rfc6238.ts), not the library.
import { beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "@/test/test-database";
import { totpCode } from "@/test/helpers/rfc6238";
import type { Actor } from "../auth/actor";

let admin: Actor;
let helpdesk: Actor;
const ADDRESS = "192.0.2.16";

beforeAll(async () => {
  await useTestDatabase();
  const { ensureSettings, ensureUsers } = await import("../bootstrap/ensure-users");
  const { db } = await import("../db");
  await ensureSettings();
  await ensureUsers({ CERTCONSOLE_ADMIN_PASSWORD: "Adm1n!pass-12", CERTCONSOLE_HELPDESK_PASSWORD: "Help!pass-12" });
  const actor = async (username: string): Promise<Actor> => {
    const u = await db.user.findUniqueOrThrow({ where: { username } });
    return { userId: u.id, username, role: u.role as Actor["role"] };
  };
  admin = await actor("admin");
  helpdesk = await actor("helpdesk");
});

async function lastAudit(action: string) {
  const { db } = await import("../db");
  return db.auditEvent.findFirstOrThrow({ where: { action }, orderBy: { at: "desc" } });
}

describe("Users page", () => {
  test("helpdesk is refused the list and every change (ERR_FORBIDDEN); an admin lists role, source and last sign-in", async () => {
    const { listUsers } = await import("./list-users");
    const { createLocalUser } = await import("./create-local-user");
    await expect(listUsers(helpdesk)).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
    await expect(createLocalUser(helpdesk, { username: "hd-made", role: "admin" })).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
    const { signIn } = await import("../auth/sign-in");
    await signIn({ username: "helpdesk", password: "Help!pass-12", clientAddress: ADDRESS });
    const users = await listUsers(admin);
    expect(users.find((u) => u.username === "helpdesk")).toMatchObject({ role: "helpdesk", source: "local", disabled: false, lastSignInAt: expect.any(String) });
  });

  test("create a local account (generated password shown once), a taken name refused and audited", async () => {
    const { createLocalUser } = await import("./create-local-user");
    const { signIn } = await import("../auth/sign-in");
    const made = await createLocalUser(admin, { username: "ops-jane", role: "helpdesk" });
    expect(made.generatedPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect((await signIn({ username: "ops-jane", password: made.generatedPassword!, clientAddress: ADDRESS })).user.role).toBe("helpdesk");
    expect((await lastAudit("user.create")).details).toMatchObject({ username: "ops-jane", role: "helpdesk" });
    await expect(createLocalUser(admin, { username: "ops-jane", role: "admin", password: "another-password-1" })).rejects.toMatchObject({ code: "ERR_USERNAME_TAKEN" });
    expect(await lastAudit("user.create")).toMatchObject({ outcome: "refused", details: { code: "ERR_USERNAME_TAKEN" } });
    await expect(createLocalUser(admin, { username: "bad name", role: "admin" })).rejects.toMatchObject({ code: "ERR_VALIDATION" });
  });

  test("disabling ends the account's sessions and refuses its sign-in (ERR_ACCOUNT_DISABLED, audited); enabling restores it", async () => {
    const { createLocalUser } = await import("./create-local-user");
    const { setUserDisabled } = await import("./set-user-disabled");
    const { signIn } = await import("../auth/sign-in");
    const { actorFromToken, createSession } = await import("../auth/session");
    const { db } = await import("../db");
    const made = await createLocalUser(admin, { username: "ops-disabled", role: "admin", password: "Disabled!pass-1" });
    const session = await signIn({ username: "ops-disabled", password: "Disabled!pass-1", clientAddress: ADDRESS });
    expect(await actorFromToken(session.token)).not.toBeNull();
    await setUserDisabled(admin, { id: made.id, disabled: true });
    expect(await actorFromToken(session.token)).toBeNull();
    expect(await db.session.count({ where: { userId: made.id } })).toBe(0);
    await expect(signIn({ username: "ops-disabled", password: "Disabled!pass-1", clientAddress: ADDRESS })).rejects.toMatchObject({ code: "ERR_ACCOUNT_DISABLED" });
    expect(await lastAudit("auth.signIn")).toMatchObject({ outcome: "refused", details: { code: "ERR_ACCOUNT_DISABLED" } });
    // Every sign-in path ends in createSession: it refuses a disabled account too, and writes nothing.
    await expect(createSession(made.id)).rejects.toMatchObject({ code: "ERR_ACCOUNT_DISABLED" });
    expect(await db.session.count({ where: { userId: made.id } })).toBe(0);
    await setUserDisabled(admin, { id: made.id, disabled: false });
    expect((await lastAudit("user.enable")).targetId).toBe(made.id);
    expect((await signIn({ username: "ops-disabled", password: "Disabled!pass-1", clientAddress: ADDRESS })).user.username).toBe("ops-disabled");
  });

  test("a session of an account disabled afterwards (even directly in the database) no longer resolves", async () => {
    const { createLocalUser } = await import("./create-local-user");
    const { createSession, actorFromToken } = await import("../auth/session");
    const { db } = await import("../db");
    const made = await createLocalUser(admin, { username: "ops-later-disabled", role: "helpdesk", password: "Later!pass-123" });
    const { token } = await createSession(made.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: made.id } })).lastSignInAt).not.toBeNull();
    await db.user.update({ where: { id: made.id }, data: { disabled: true } });
    expect(await actorFromToken(token)).toBeNull();
  });

  test("the last enabled admin can be neither disabled nor demoted (ERR_LAST_ADMIN, audited, nothing changed)", async () => {
    const { db } = await import("../db");
    const { setUserDisabled } = await import("./set-user-disabled");
    const { setUserRole } = await import("./set-user-role");
    // Leave `admin` as the only enabled administrator.
    await db.user.updateMany({ where: { role: "admin", NOT: { id: admin.userId } }, data: { disabled: true } });
    await expect(setUserDisabled(admin, { id: admin.userId, disabled: true })).rejects.toMatchObject({ code: "ERR_LAST_ADMIN" });
    expect(await lastAudit("user.disable")).toMatchObject({ outcome: "refused", details: { code: "ERR_LAST_ADMIN" } });
    await expect(setUserRole(admin, { id: admin.userId, role: "helpdesk" })).rejects.toMatchObject({ code: "ERR_LAST_ADMIN" });
    expect(await lastAudit("user.role")).toMatchObject({ outcome: "refused", details: { code: "ERR_LAST_ADMIN" } });
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.userId } })).toMatchObject({ role: "admin", disabled: false });
    // With a second administrator, demoting the first works and is audited.
    const { createLocalUser } = await import("./create-local-user");
    const second = await createLocalUser(admin, { username: "ops-second-admin", role: "admin", password: "Second!pass-12" });
    await setUserRole(admin, { id: second.id, role: "helpdesk" });
    expect((await lastAudit("user.role")).details).toMatchObject({ from: "admin", to: "helpdesk" });
  });

  test("change your own password: the current one is required (ERR_BAD_CREDENTIALS, audited); reset gives a new one and ends sessions", async () => {
    const { createLocalUser } = await import("./create-local-user");
    const { changeOwnPassword } = await import("./change-own-password");
    const { resetLocalUser } = await import("./reset-local-user");
    const { signIn } = await import("../auth/sign-in");
    const { actorFromToken } = await import("../auth/session");
    const made = await createLocalUser(admin, { username: "ops-pw", role: "helpdesk", password: "First!pass-123" });
    const me: Actor = { userId: made.id, username: "ops-pw", role: "helpdesk" };
    await expect(changeOwnPassword(me, { currentPassword: "wrong", newPassword: "Second!pass-123" })).rejects.toMatchObject({ code: "ERR_BAD_CREDENTIALS" });
    expect(await lastAudit("user.changePassword")).toMatchObject({ outcome: "refused" });
    await expect(changeOwnPassword(me, { currentPassword: "First!pass-123", newPassword: "short" })).rejects.toMatchObject({ code: "ERR_VALIDATION" });
    await changeOwnPassword(me, { currentPassword: "First!pass-123", newPassword: "Second!pass-123" });
    const session = await signIn({ username: "ops-pw", password: "Second!pass-123", clientAddress: ADDRESS });
    const reset = await resetLocalUser(admin, { id: made.id });
    expect(await actorFromToken(session.token)).toBeNull();
    await expect(signIn({ username: "ops-pw", password: "Second!pass-123", clientAddress: "192.0.2.17" })).rejects.toMatchObject({ code: "ERR_BAD_CREDENTIALS" });
    expect((await signIn({ username: "ops-pw", password: reset.generatedPassword, clientAddress: ADDRESS })).user.username).toBe("ops-pw");
    // An API token cannot change accounts.
    await expect(changeOwnPassword({ ...me, token: { id: "t", name: "t", scopes: ["mutate"] } }, { currentPassword: reset.generatedPassword, newPassword: "Third!pass-1234" })).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
  });
});

describe("TOTP second factor", () => {
  test("enrol, confirm with a code, then sign-in needs a code; a wrong code and a reused code are refused and audited", async () => {
    const { createLocalUser } = await import("./create-local-user");
    const { beginTotpEnrolment } = await import("./begin-totp-enrolment");
    const { confirmTotpEnrolment } = await import("./confirm-totp-enrolment");
    const { signIn } = await import("../auth/sign-in");
    const { db } = await import("../db");
    const made = await createLocalUser(admin, { username: "ops-totp", role: "helpdesk", password: "Totp!pass-1234" });
    const me: Actor = { userId: made.id, username: "ops-totp", role: "helpdesk" };
    const t0 = new Date("2026-12-01T12:00:05Z");
    const { uri, secret } = await beginTotpEnrolment(me);
    expect(uri).toMatch(/^otpauth:\/\/totp\/certconsole:ops-totp\?/);
    expect(uri).toContain(`secret=${secret}`);
    // Sealed at rest: the stored bytes do not contain the secret.
    const stored = await db.user.findUniqueOrThrow({ where: { id: made.id } });
    expect(Buffer.from(stored.totpSecretSealed!).toString("latin1")).not.toContain(secret);
    // Not enforced until confirmed.
    expect((await signIn({ username: "ops-totp", password: "Totp!pass-1234", clientAddress: ADDRESS }, t0)).user.username).toBe("ops-totp");
    const wrongFirst = totpCode(secret, t0.getTime() + 10 * 60_000);
    await expect(confirmTotpEnrolment(me, { code: wrongFirst }, t0)).rejects.toMatchObject({ code: "ERR_TOTP_INVALID" });
    expect(await lastAudit("user.totp.enable")).toMatchObject({ outcome: "refused", details: { code: "ERR_TOTP_INVALID" } });
    await confirmTotpEnrolment(me, { code: totpCode(secret, t0) }, t0);
    expect(await lastAudit("user.totp.enable")).toMatchObject({ outcome: "success" });

    const t1 = new Date(t0.getTime() + 30_000);
    await expect(signIn({ username: "ops-totp", password: "Totp!pass-1234", clientAddress: ADDRESS }, t1)).rejects.toMatchObject({ code: "ERR_TOTP_REQUIRED" });
    expect(await lastAudit("auth.signIn")).toMatchObject({ outcome: "refused", details: { code: "ERR_TOTP_REQUIRED" } });
    const sessions = await db.session.count({ where: { userId: made.id } });
    await expect(signIn({ username: "ops-totp", password: "Totp!pass-1234", totpCode: wrongFirst, clientAddress: ADDRESS }, t1)).rejects.toMatchObject({ code: "ERR_TOTP_INVALID" });
    expect(await lastAudit("auth.signIn")).toMatchObject({ outcome: "refused", details: { code: "ERR_TOTP_INVALID" } });
    // The enrolment code (step of t0) cannot sign in, even inside the window.
    await expect(signIn({ username: "ops-totp", password: "Totp!pass-1234", totpCode: totpCode(secret, t0), clientAddress: ADDRESS }, t1)).rejects.toMatchObject({ code: "ERR_TOTP_REUSED" });
    const code = totpCode(secret, t1);
    const ok = await signIn({ username: "ops-totp", password: "Totp!pass-1234", totpCode: code, clientAddress: ADDRESS }, t1);
    expect(ok.user.username).toBe("ops-totp");
    expect(await lastAudit("auth.signIn")).toMatchObject({ outcome: "success", details: { secondFactor: "totp" } });
    await expect(signIn({ username: "ops-totp", password: "Totp!pass-1234", totpCode: code, clientAddress: ADDRESS }, new Date(t1.getTime() + 5_000))).rejects.toMatchObject({ code: "ERR_TOTP_REUSED" });
    expect(await lastAudit("auth.signIn")).toMatchObject({ outcome: "refused", details: { code: "ERR_TOTP_REUSED" } });
    expect(await db.session.count({ where: { userId: made.id } })).toBe(sessions + 1);
    // A right password without a code still reveals nothing more than ERR_TOTP_REQUIRED; a wrong password stays ERR_BAD_CREDENTIALS.
    await expect(signIn({ username: "ops-totp", password: "nope", totpCode: totpCode(secret, t1), clientAddress: ADDRESS }, t1)).rejects.toMatchObject({ code: "ERR_BAD_CREDENTIALS" });
  });

  test("turning it off needs the password; starting over while on is refused; an admin reset can remove it", async () => {
    const { createLocalUser } = await import("./create-local-user");
    const { beginTotpEnrolment } = await import("./begin-totp-enrolment");
    const { confirmTotpEnrolment } = await import("./confirm-totp-enrolment");
    const { disableOwnTotp } = await import("./disable-own-totp");
    const { resetLocalUser } = await import("./reset-local-user");
    const { db } = await import("../db");
    const made = await createLocalUser(admin, { username: "ops-totp-off", role: "helpdesk", password: "TotpOff!pass-12" });
    const me: Actor = { userId: made.id, username: "ops-totp-off", role: "helpdesk" };
    const { secret } = await beginTotpEnrolment(me);
    await confirmTotpEnrolment(me, { code: totpCode(secret) });
    await expect(beginTotpEnrolment(me)).rejects.toMatchObject({ code: "ERR_CONFLICT" });
    await expect(disableOwnTotp(me, { currentPassword: "wrong" })).rejects.toMatchObject({ code: "ERR_BAD_CREDENTIALS" });
    expect((await db.user.findUniqueOrThrow({ where: { id: made.id } })).totpEnabled).toBe(true);
    await disableOwnTotp(me, { currentPassword: "TotpOff!pass-12" });
    expect((await db.user.findUniqueOrThrow({ where: { id: made.id } })).totpEnabled).toBe(false);
    const again = await beginTotpEnrolment(me);
    await confirmTotpEnrolment(me, { code: totpCode(again.secret) });
    await resetLocalUser(admin, { id: made.id, removeTotp: true });
    expect(await db.user.findUniqueOrThrow({ where: { id: made.id } })).toMatchObject({ totpEnabled: false, totpSecretSealed: null });
  });
});
