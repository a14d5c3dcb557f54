import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { useTestDatabase } from "@/test/test-database";
import { OP_CLIENT_ID, OP_CLIENT_SECRET, startOidcProvider, type OidcTestProvider } from "@/test/harness/oidc-provider";

const REDIRECT = "http://127.0.0.1:9/auth/oidc/callback";
let op: OidcTestProvider;
let otherOp: OidcTestProvider;

beforeAll(async () => {
  await useTestDatabase();
  [op, otherOp] = await Promise.all([startOidcProvider({ redirectUris: [REDIRECT] }), startOidcProvider({ redirectUris: [REDIRECT] })]);
  const { ensureSettings } = await import("../bootstrap/ensure-users");
  const { db } = await import("../db");
  const { sealPrivateKey } = await import("../security/key-vault");
  const { loadMasterKey } = await import("../security/master-key");
  await ensureSettings();
  await db.setting.update({ where: { id: 1 }, data: { urlAllowList: "127.0.0.1", fetchTimeoutMs: 5_000 } });
  const data = {
    oidcEnabled: true,
    oidcIssuer: op.issuer,
    oidcClientId: OP_CLIENT_ID,
    oidcClientSecretSealed: new Uint8Array(sealPrivateKey(Buffer.from(OP_CLIENT_SECRET), loadMasterKey())),
    oidcRoleClaim: "groups",
    oidcRedirectUrl: REDIRECT,
    roleMappings: JSON.stringify([
      { source: "oidc", group: "console-admins", role: "admin" },
      { source: "oidc", group: "helpdesk", role: "helpdesk" },
    ]),
  };
  await db.signInSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
});

afterAll(async () => {
  await op?.stop();
  await otherOp?.stop();
});

/**
 * Plays the browser at the provider over HTTP: follows redirects with a cookie jar, fills in the login form, and
 * returns the URL the provider sends the browser back to (the console's callback with code, state and iss).
 */
async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  let url = new URL(authorizationUrl);
  let init: RequestInit = {};
  for (let hop = 0; hop < 12; hop++) {
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: cookie() } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    init = {};
    const location = response.headers.get("location");
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(REDIRECT)) return next;
      url = next;
      continue;
    }
    const body = await response.text();
    if (response.status === 200 && /\/interaction\//.test(url.pathname) && body.includes("<form")) {
      init = { method: "POST", body: new URLSearchParams({ login, password: `${login}-password` }).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } };
      continue;
    }
    throw new Error(`unexpected answer ${response.status} at ${url.href}: ${body.slice(0, 300)}`);
  }
  throw new Error("too many hops at the provider");
}

async function begin() {
  const { beginOidcSignIn } = await import("./begin-oidc-sign-in");
  return beginOidcSignIn({ next: "/certificates", clientAddress: "10.2.0.99" });
}

async function lastRefusal(address: string) {
  const { db } = await import("../db");
  const rows = await db.auditEvent.findMany({ where: { action: "auth.signIn", outcome: "refused" }, orderBy: { at: "desc" } });
  return rows.find((r) => (r.details as { clientAddress?: string }).clientAddress === address) ?? null;
}

describe("OIDC sign-in against a real OpenID Provider (oidc-provider)", () => {
  test("authorization code + PKCE: carol's groups claim maps to helpdesk; the user and session are created and audited", async () => {
    const { completeOidcSignIn } = await import("./complete-oidc-sign-in");
    const { actorFromToken } = await import("./session");
    const { db } = await import("../db");
    const started = await begin();
    const authorization = new URL(started.authorizationUrl);
    expect(authorization.searchParams.get("code_challenge_method")).toBe("S256");
    expect(started.transactionCookie).not.toContain(authorization.searchParams.get("state")!);
    const callback = await signInAtProvider(started.authorizationUrl, "carol");
    const session = await completeOidcSignIn({ callbackUrl: callback.href, transactionCookie: started.transactionCookie, clientAddress: "10.2.0.1" });
    expect(session.next).toBe("/certificates");
    expect(await actorFromToken(session.token)).toMatchObject({ username: "carol", role: "helpdesk" });
    expect(await db.user.findUniqueOrThrow({ where: { username: "carol" } })).toMatchObject({ source: "oidc", externalId: `${op.issuer}|carol` });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.signIn", outcome: "success", actorName: "carol" } });
    expect(audit.details).toMatchObject({ source: "oidc", claim: "groups", value: "helpdesk", clientAddress: "10.2.0.1" });
  });

  test("alice's console-admins group maps to admin", async () => {
    const { completeOidcSignIn } = await import("./complete-oidc-sign-in");
    const started = await begin();
    const session = await completeOidcSignIn({ callbackUrl: (await signInAtProvider(started.authorizationUrl, "alice")).href, transactionCookie: started.transactionCookie, clientAddress: "10.2.0.2" });
    expect(session.user.role).toBe("admin");
  });

  test("a user whose claim maps to no role is refused (ERR_NO_MAPPED_ROLE), audited, and no user is created", async () => {
    const { completeOidcSignIn } = await import("./complete-oidc-sign-in");
    const { db } = await import("../db");
    const started = await begin();
    const callback = await signInAtProvider(started.authorizationUrl, "dave");
    await expect(completeOidcSignIn({ callbackUrl: callback.href, transactionCookie: started.transactionCookie, clientAddress: "10.2.0.3" })).rejects.toMatchObject({ code: "ERR_NO_MAPPED_ROLE" });
    expect(await db.user.findUnique({ where: { username: "dave" } })).toBeNull();
    expect((await lastRefusal("10.2.0.3"))?.details).toMatchObject({ code: "ERR_NO_MAPPED_ROLE", values: ["sales"] });
  });

  test("a tampered state is refused (ERR_OIDC_STATE_MISMATCH) before the code is exchanged, audited, no session", async () => {
    const { completeOidcSignIn } = await import("./complete-oidc-sign-in");
    const { db } = await import("../db");
    const started = await begin();
    const callback = await signInAtProvider(started.authorizationUrl, "alice");
    const sessions = await db.session.count();
    const tampered = new URL(callback);
    tampered.searchParams.set("state", `${tampered.searchParams.get("state")}x`);
    await expect(completeOidcSignIn({ callbackUrl: tampered.href, transactionCookie: started.transactionCookie, clientAddress: "10.2.0.4" })).rejects.toMatchObject({ code: "ERR_OIDC_STATE_MISMATCH" });
    // A transaction cookie that was altered, or none at all, is refused the same way.
    const flipped = `${started.transactionCookie.slice(0, -2)}${started.transactionCookie.endsWith("A") ? "B" : "A"}A`;
    await expect(completeOidcSignIn({ callbackUrl: callback.href, transactionCookie: flipped, clientAddress: "10.2.0.4" })).rejects.toMatchObject({ code: "ERR_OIDC_STATE_MISMATCH" });
    await expect(completeOidcSignIn({ callbackUrl: callback.href, transactionCookie: undefined, clientAddress: "10.2.0.4" })).rejects.toMatchObject({ code: "ERR_OIDC_STATE_MISMATCH" });
    expect(await db.session.count()).toBe(sessions);
    expect((await lastRefusal("10.2.0.4"))?.details).toMatchObject({ code: "ERR_OIDC_STATE_MISMATCH", source: "oidc" });
    // The untouched response still works: nothing was consumed by the refusals.
    expect((await completeOidcSignIn({ callbackUrl: callback.href, transactionCookie: started.transactionCookie, clientAddress: "10.2.0.4" })).user.role).toBe("admin");
  });

  test("a replayed code is refused by the provider (ERR_OIDC_CODE_REJECTED) and audited", async () => {
    const { completeOidcSignIn } = await import("./complete-oidc-sign-in");
    const { db } = await import("../db");
    const started = await begin();
    const callback = await signInAtProvider(started.authorizationUrl, "alice");
    await completeOidcSignIn({ callbackUrl: callback.href, transactionCookie: started.transactionCookie, clientAddress: "10.2.0.5" });
    const sessions = await db.session.count();
    await expect(completeOidcSignIn({ callbackUrl: callback.href, transactionCookie: started.transactionCookie, clientAddress: "10.2.0.5" })).rejects.toMatchObject({ code: "ERR_OIDC_CODE_REJECTED" });
    expect(await db.session.count()).toBe(sessions);
    expect((await lastRefusal("10.2.0.5"))?.details).toMatchObject({ code: "ERR_OIDC_CODE_REJECTED" });
  });

  test("a response from another issuer (mix-up: the same request sent to a second provider) is refused (ERR_OIDC_ISSUER_MISMATCH)", async () => {
    const { completeOidcSignIn } = await import("./complete-oidc-sign-in");
    const started = await begin();
    const elsewhere = new URL(started.authorizationUrl);
    const other = new URL(otherOp.issuer);
    elsewhere.host = other.host;
    const callback = await signInAtProvider(elsewhere.href, "alice");
    expect(callback.searchParams.get("iss")).toBe(otherOp.issuer);
    await expect(completeOidcSignIn({ callbackUrl: callback.href, transactionCookie: started.transactionCookie, clientAddress: "10.2.0.6" })).rejects.toMatchObject({ code: "ERR_OIDC_ISSUER_MISMATCH" });
    expect((await lastRefusal("10.2.0.6"))?.details).toMatchObject({ code: "ERR_OIDC_ISSUER_MISMATCH", expected: op.issuer, received: otherOp.issuer });
    // Without the iss parameter the ID token's issuer is still checked by openid-client.
    const stripped = new URL(callback);
    stripped.searchParams.delete("iss");
    await expect(completeOidcSignIn({ callbackUrl: stripped.href, transactionCookie: started.transactionCookie, clientAddress: "10.2.0.6" })).rejects.toMatchObject({ code: expect.stringMatching(/^ERR_OIDC_(ISSUER_MISMATCH|CODE_REJECTED|TOKEN_INVALID)$/) });
  });

  test("an issuer whose discovery document names another issuer is refused at the start (ERR_OIDC_ISSUER_MISMATCH)", async () => {
    const { db } = await import("../db");
    await db.setting.update({ where: { id: 1 }, data: { urlAllowList: "127.0.0.1 localhost" } });
    await db.signInSettings.update({ where: { id: 1 }, data: { oidcIssuer: op.issuer.replace("127.0.0.1", "localhost") } });
    try {
      await expect(begin()).rejects.toMatchObject({ code: "ERR_OIDC_ISSUER_MISMATCH" });
      expect((await lastRefusal("10.2.0.99"))?.details).toMatchObject({ code: "ERR_OIDC_ISSUER_MISMATCH", source: "oidc" });
    } finally {
      await db.signInSettings.update({ where: { id: 1 }, data: { oidcIssuer: op.issuer } });
      await db.setting.update({ where: { id: 1 }, data: { urlAllowList: "127.0.0.1" } });
    }
  });

  test("the provider is reached through the SSRF guard: not in the allow-list, it is refused", async () => {
    const { db } = await import("../db");
    await db.setting.update({ where: { id: 1 }, data: { urlAllowList: "" } });
    try {
      await expect(begin()).rejects.toMatchObject({ code: "ERR_OIDC_UNREACHABLE" });
    } finally {
      await db.setting.update({ where: { id: 1 }, data: { urlAllowList: "127.0.0.1" } });
    }
  });

  test("HTTP level: /auth/oidc/start sets the sealed Lax cookie and redirects; /auth/oidc/callback sets the Strict session cookie and moves on with a same-site page; a tampered state goes back to the sign-in page", async () => {
    const start = await import("@/app/auth/oidc/start/route");
    const callback = await import("@/app/auth/oidc/callback/route");
    const started = await start.GET(new NextRequest("http://127.0.0.1:9/auth/oidc/start?next=%2Fservers"));
    expect(started.status).toBe(303);
    const transaction = started.headers.getSetCookie().find((c) => c.startsWith("certconsole_oidc="))!;
    expect(transaction).toMatch(/HttpOnly/i);
    expect(transaction).toMatch(/SameSite=lax/i);
    expect(transaction).toMatch(/Path=\/auth\/oidc/);
    const cookie = transaction.split(";")[0]!;
    const back = await signInAtProvider(started.headers.get("location")!, "carol");
    const tampered = new URL(back);
    tampered.searchParams.set("state", "tampered-state-value");
    const refused = await callback.GET(new NextRequest(`http://127.0.0.1:9/auth/oidc/callback${tampered.search}`, { headers: { cookie } }));
    expect(refused.status).toBe(303);
    expect(refused.headers.get("location")).toBe("/login?error=ERR_OIDC_STATE_MISMATCH");
    expect(refused.headers.getSetCookie().some((c) => c.startsWith("certconsole_session="))).toBe(false);
    const done = await callback.GET(new NextRequest(`http://127.0.0.1:9/auth/oidc/callback${back.search}`, { headers: { cookie } }));
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('<meta http-equiv="refresh" content="0;url=/servers">');
    const session = done.headers.getSetCookie().find((c) => c.startsWith("certconsole_session="))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=strict/i);
    expect(done.headers.getSetCookie().some((c) => /^certconsole_oidc=;/.test(c))).toBe(true);
  });
});
