import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "@/test/test-database";
import { startSignInDirectory, type SignInDirectory } from "@/test/harness/sign-in-directory";

let directory: SignInDirectory;

const MAPPINGS = JSON.stringify([
  { source: "ldap", group: "Console Admins", role: "admin" },
  { source: "ldap", group: "cn=Helpdesk,ou=Groups,dc=lab,dc=test", role: "helpdesk" },
]);

beforeAll(async () => {
  await useTestDatabase();
  directory = await startSignInDirectory();
  const { ensureSettings, ensureUsers } = await import("../bootstrap/ensure-users");
  const { db } = await import("../db");
  await ensureSettings();
  await ensureUsers({ CERTCONSOLE_ADMIN_PASSWORD: "correct horse" });
  await db.setting.update({ where: { id: 1 }, data: { urlAllowList: "127.0.0.1", fetchTimeoutMs: 5_000 } });
});

afterAll(async () => {
  await directory?.stop();
});

/** Points the sign-in settings at the lab directory; `overrides` change one aspect per test. */
async function configure(overrides: Record<string, unknown> = {}) {
  const { db } = await import("../db");
  const data = {
    ldapEnabled: true,
    ldapUrl: directory.ldapsUrl,
    ldapTransport: "ldaps",
    allowPlainLdap: false,
    ldapTrustPem: directory.caPem,
    ldapDomain: "lab.test",
    ldapUserDnTemplate: "uid={user},ou=People,dc=lab,dc=test",
    ldapBaseDn: "dc=lab,dc=test",
    ldapUserFilter: "(uid={user})",
    ldapGroupMode: "memberOf",
    roleMappings: MAPPINGS,
    ...overrides,
  };
  await db.signInSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
}

async function refusal(address: string) {
  const { db } = await import("../db");
  const rows = await db.auditEvent.findMany({ where: { action: "auth.signIn", outcome: "refused" }, orderBy: { at: "desc" } });
  return rows.find((r) => (r.details as { clientAddress?: string }).clientAddress === address) ?? null;
}

describe("directory (LDAP) sign-in against a real slapd", () => {
  test("a user in a nested helpdesk group (Tier 1 ⊂ Helpdesk, memberOf overlay) signs in over StartTLS as helpdesk", async () => {
    await configure({ ldapUrl: directory.ldapUrl, ldapTransport: "starttls" });
    const { signInWithPassword } = await import("./sign-in-with-password");
    const { actorFromToken } = await import("./session");
    const { db } = await import("../db");
    const session = await signInWithPassword({ username: "carol@lab.test", password: "carol-password", clientAddress: "10.1.0.1" });
    expect(session.user).toMatchObject({ username: "carol@lab.test", role: "helpdesk" });
    expect(await actorFromToken(session.token)).toMatchObject({ username: "carol@lab.test", role: "helpdesk" });
    expect(await db.user.findUniqueOrThrow({ where: { username: "carol@lab.test" } })).toMatchObject({ source: "ldap", externalId: directory.userDn("carol") });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.signIn", outcome: "success", actorName: "carol@lab.test" } });
    expect(audit.details).toMatchObject({ source: "ldap", group: "cn=Helpdesk,ou=Groups,dc=lab,dc=test" });
  });

  test.each([["groupSearch"], ["memberOf"]])("DOMAIN\\user over LDAPS with %s group lookup: the admin group gives admin, nested groups are followed", async (mode) => {
    await configure({ ldapGroupMode: mode });
    const { signInWithPassword } = await import("./sign-in-with-password");
    const alice = await signInWithPassword({ username: "LAB\\alice", password: "alice-password", clientAddress: "10.1.0.2" });
    expect(alice.user).toMatchObject({ username: "alice@lab.test", role: "admin" });
    const carol = await signInWithPassword({ username: "LAB\\carol", password: "carol-password", clientAddress: "10.1.0.2" });
    expect(carol.user.role).toBe("helpdesk");
  });

  test("a wrong password is refused with ERR_BAD_CREDENTIALS, counted by the throttle and audited; no session, no user", async () => {
    await configure();
    const { signInWithPassword } = await import("./sign-in-with-password");
    const { db } = await import("../db");
    const sessions = await db.session.count();
    await expect(signInWithPassword({ username: "dave@lab.test", password: "wrong", clientAddress: "10.1.0.3" })).rejects.toMatchObject({ code: "ERR_BAD_CREDENTIALS" });
    expect(await db.session.count()).toBe(sessions);
    expect(await db.user.findUnique({ where: { username: "dave@lab.test" } })).toBeNull();
    expect((await refusal("10.1.0.3"))?.details).toMatchObject({ code: "ERR_BAD_CREDENTIALS", source: "ldap", step: "bind" });
    expect(await db.loginThrottle.findUniqueOrThrow({ where: { key: "pair:dave@lab.test|10.1.0.3" } })).toMatchObject({ failures: 1 });
  });

  test("a user in no mapped group is refused with ERR_NO_MAPPED_ROLE and audited with the groups found", async () => {
    await configure();
    const { signInWithPassword } = await import("./sign-in-with-password");
    const { db } = await import("../db");
    await expect(signInWithPassword({ username: "dave@lab.test", password: "dave-password", clientAddress: "10.1.0.4" })).rejects.toMatchObject({ code: "ERR_NO_MAPPED_ROLE" });
    expect(await db.user.findUnique({ where: { username: "dave@lab.test" } })).toBeNull();
    expect((await refusal("10.1.0.4"))?.details).toMatchObject({ code: "ERR_NO_MAPPED_ROLE", groups: ["cn=Sales,ou=Groups,dc=lab,dc=test"] });
  });

  test("plain LDAP is refused (ERR_LDAP_PLAIN_REFUSED) unless an admin allows it for a lab; then it works", async () => {
    await configure({ ldapUrl: directory.ldapUrl, ldapTransport: "plain", allowPlainLdap: false });
    const { signInWithPassword } = await import("./sign-in-with-password");
    await expect(signInWithPassword({ username: "alice@lab.test", password: "alice-password", clientAddress: "10.1.0.5" })).rejects.toMatchObject({ code: "ERR_LDAP_PLAIN_REFUSED" });
    expect((await refusal("10.1.0.5"))?.details).toMatchObject({ code: "ERR_LDAP_PLAIN_REFUSED", step: "connect" });
    await configure({ ldapUrl: directory.ldapUrl, ldapTransport: "plain", allowPlainLdap: true });
    expect((await signInWithPassword({ username: "alice@lab.test", password: "alice-password", clientAddress: "10.1.0.5" })).user.role).toBe("admin");
  });

  test("an LDAPS server whose certificate does not chain to the configured CA is refused before the password is sent", async () => {
    await configure({ ldapTrustPem: directory.otherCaPem });
    const { signInWithPassword } = await import("./sign-in-with-password");
    await expect(signInWithPassword({ username: "alice@lab.test", password: "alice-password", clientAddress: "10.1.0.6" })).rejects.toMatchObject({ code: "ERR_LDAP_TLS_UNTRUSTED" });
    const audit = await refusal("10.1.0.6");
    expect(audit?.details).toMatchObject({ code: "ERR_LDAP_TLS_UNTRUSTED", step: "tls" });
    expect(JSON.stringify(audit?.details)).not.toContain("alice-password");
  });

  test("the SSRF guard applies: a loopback directory not in the URL allow-list is refused", async () => {
    await configure();
    const { db } = await import("../db");
    await db.setting.update({ where: { id: 1 }, data: { urlAllowList: "" } });
    try {
      const { signInWithPassword } = await import("./sign-in-with-password");
      await expect(signInWithPassword({ username: "alice@lab.test", password: "alice-password", clientAddress: "10.1.0.7" })).rejects.toMatchObject({ code: "ERR_LDAP_BLOCKED_ADDRESS" });
    } finally {
      await db.setting.update({ where: { id: 1 }, data: { urlAllowList: "127.0.0.1" } });
    }
  });

  test("failures are throttled like local sign-in: after five, ERR_RATE_LIMITED without asking the directory", async () => {
    await configure();
    const { signInWithPassword } = await import("./sign-in-with-password");
    const now = new Date();
    for (let i = 0; i < 5; i++) {
      await expect(signInWithPassword({ username: "alice@lab.test", password: `wrong-${i}`, clientAddress: "10.1.0.8" }, now)).rejects.toMatchObject({ code: "ERR_BAD_CREDENTIALS" });
    }
    await expect(signInWithPassword({ username: "alice@lab.test", password: "alice-password", clientAddress: "10.1.0.8" }, now)).rejects.toMatchObject({ code: "ERR_RATE_LIMITED" });
  });

  test("a local account keeps its name: a directory user of the same name is refused (ERR_ACCOUNT_CONFLICT); plain names stay local", async () => {
    await configure({ ldapUserFilter: "(uid={user})" });
    const { signInWithPassword } = await import("./sign-in-with-password");
    const { hashPassword } = await import("./password");
    const { db } = await import("../db");
    await db.user.create({ data: { username: "dave@lab.test", role: "admin", passwordHash: await hashPassword("local-only") } });
    await db.signInSettings.update({ where: { id: 1 }, data: { roleMappings: JSON.stringify([{ source: "ldap", group: "Sales", role: "helpdesk" }]) } });
    // The local account of that exact name is used (break-glass), and the directory is not asked.
    expect((await signInWithPassword({ username: "dave@lab.test", password: "local-only", clientAddress: "10.1.0.9" })).user.role).toBe("admin");
    // A user of another source holding the name is not taken over either.
    await db.user.update({ where: { username: "dave@lab.test" }, data: { source: "oidc", externalId: "elsewhere" } });
    await expect(signInWithPassword({ username: "dave@lab.test", password: "dave-password", clientAddress: "10.1.0.9" })).rejects.toMatchObject({ code: "ERR_ACCOUNT_CONFLICT" });
    expect(await db.user.findUniqueOrThrow({ where: { username: "dave@lab.test" } })).toMatchObject({ source: "oidc", role: "admin" });
    expect((await signInWithPassword({ username: "admin", password: "correct horse", clientAddress: "10.1.0.9" })).user.role).toBe("admin");
  });

  test("Settings \"Test connection\" reports each step (connect, tls, bind, search, groups) and the role, with the form's unsaved values", async () => {
    const { testDirectoryConnection } = await import("./test-directory-connection");
    const admin = { userId: null as unknown as string, username: "admin", role: "admin" as const };
    const form = { ...(await formValues()), ldapUrl: directory.ldapUrl, ldapTransport: "starttls", roleMappings: JSON.parse(MAPPINGS) as unknown[] };
    const report = await testDirectoryConnection(admin, { settings: form, account: { username: "carol@lab.test", password: "carol-password" } });
    expect(report.steps.map((s) => [s.step, s.ok])).toEqual([["connect", true], ["tls", true], ["bind", true], ["search", true], ["groups", true]]);
    expect(report).toMatchObject({ ok: true, role: "helpdesk", code: null });
    expect(report.groups).toEqual(expect.arrayContaining(["cn=Tier 1,ou=Groups,dc=lab,dc=test", "cn=Helpdesk,ou=Groups,dc=lab,dc=test"]));
    const untrusted = await testDirectoryConnection(admin, { settings: { ...form, ldapTrustPem: directory.otherCaPem }, account: { username: "carol@lab.test", password: "carol-password" } });
    expect(untrusted.steps.map((s) => [s.step, s.ok])).toEqual([["connect", true], ["tls", false]]);
    expect(untrusted).toMatchObject({ ok: false, code: "ERR_LDAP_TLS_UNTRUSTED" });
    await expect(testDirectoryConnection({ userId: "x", username: "helpdesk", role: "helpdesk" }, { settings: form, account: { username: "carol@lab.test", password: "carol-password" } })).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
  });

  test("saving sign-in settings: admin only, the OIDC client secret sealed and never shown or audited, bad PEM refused with nothing changed", async () => {
    const { updateSignInSettings } = await import("./update-sign-in-settings");
    const { getSignInSettings } = await import("./get-sign-in-settings");
    const { db } = await import("../db");
    const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" } });
    const actor = { userId: admin.id, username: "admin", role: "admin" as const };
    const form = await formValues();
    await expect(updateSignInSettings({ userId: "x", username: "helpdesk", role: "helpdesk" }, form)).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
    const secret = "s3cret-client-value-that-must-not-leak";
    await updateSignInSettings(actor, { ...form, oidcDisplayName: "Contoso Entra ID", oidcClientSecret: secret });
    const row = await db.signInSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(Buffer.from(row.oidcClientSecretSealed!).toString("latin1")).not.toContain(secret);
    const shown = await getSignInSettings(actor);
    expect(shown).toMatchObject({ hasClientSecret: true, oidcDisplayName: "Contoso Entra ID" });
    expect(JSON.stringify(shown)).not.toContain(secret);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "settings.signIn" }, orderBy: { at: "desc" } });
    expect(audit.details).toMatchObject({ clientCredential: "replaced", changed: { oidcDisplayName: { to: "Contoso Entra ID" } } });
    expect(JSON.stringify(audit.details)).not.toContain(secret);
    const before = await db.signInSettings.findUniqueOrThrow({ where: { id: 1 } });
    await expect(updateSignInSettings(actor, { ...form, ldapTrustPem: "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----", oidcDisplayName: "Changed" })).rejects.toMatchObject({ code: "ERR_VALIDATION" });
    await expect(updateSignInSettings(actor, { ...form, ldapTransport: "plain", allowPlainLdap: false })).rejects.toMatchObject({ code: "ERR_VALIDATION" });
    expect(await db.signInSettings.findUniqueOrThrow({ where: { id: 1 } })).toEqual(before);
  });
});

/** The Settings form's values for the current row (what the page would submit). */
async function formValues() {
  const { getSignInSettings } = await import("./get-sign-in-settings");
  const { hasClientSecret: _secret, ...values } = await getSignInSettings({ userId: "x", username: "admin", role: "admin" });
  return values;
}
