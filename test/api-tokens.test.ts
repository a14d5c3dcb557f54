// Scoped API tokens (issue 16, part 4) through the real /api/v1 route handlers and a real database:
// - a read-only token is refused on EVERY mutating route (the routes are walked from app/api/v1, not listed by hand);
// - an expired, revoked or unknown token is refused (401);
// - a token never exceeds its creator's role: a helpdesk cannot create a mutate token, and a token whose creator is
//   demoted loses the excess at once, and stops working when its creator is disabled.
import { beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { seedDemoConsole, useTestDatabase } from "./test-database";
import { apiV1RouteFiles, ROUTE_METHODS } from "./api-routes";
import type { Actor } from "@/lib/server/auth/actor";

const HOST = "127.0.0.1:3000";
type Handler = (r: NextRequest, c: { params: Promise<unknown> }) => Promise<Response>;
type Seeded = Awaited<ReturnType<typeof seedDemoConsole>>;
let seeded: Seeded;
let admin: Actor;
let helpdesk: Actor;

beforeAll(async () => {
  await useTestDatabase();
  seeded = await seedDemoConsole();
  const user = async (username: string): Promise<Actor> => {
    const u = await seeded.db.user.findUniqueOrThrow({ where: { username } });
    return { userId: u.id, username: u.username, role: u.role as Actor["role"] };
  };
  admin = await user("admin");
  helpdesk = await user("helpdesk");
});

function request(path: string, method: string, token: string, body?: string) {
  return new NextRequest(`http://${HOST}${path}`, {
    method,
    headers: { host: HOST, "x-certconsole-peer": "127.0.0.1", authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body ?? null,
  });
}

async function call(handler: Handler, req: NextRequest, params: Record<string, string> = {}) {
  const response = await handler(req, { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, body: (text.startsWith("{") ? JSON.parse(text) : {}) as { error?: { code: string; message: string } } & Record<string, unknown> };
}

async function newToken(actor: Actor, scopes: string[], expiresInDays = 30, name = `t-${scopes.join("+")}-${Math.random().toString(36).slice(2, 8)}`) {
  const { createApiToken } = await import("@/lib/server/api-tokens/create-api-token");
  return createApiToken(actor, { name, scopes, expiresInDays });
}

/** Row counts of every table a mutation could touch, to show a refusal changed nothing. */
async function snapshot() {
  const { db } = seeded;
  return {
    certificates: await db.certificate.count(),
    requests: await db.certificateRequest.count(),
    bindings: await db.serviceBinding.count(),
    endpoints: await db.endpoint.count(),
    partners: await db.partnerHost.count(),
    trust: await db.trustStoreEntry.count(),
    tokens: await db.apiToken.count(),
    sessions: await db.session.count(),
    settings: JSON.stringify(await db.setting.findUnique({ where: { id: 1 } })),
    successes: await db.auditEvent.count({ where: { outcome: "success" } }),
  };
}

describe("a read-only token on every mutating route", () => {
  // Not apiRoute handlers: the catch-all answers 404 to any address, and the server-action refusal endpoint only
  // audits refused server-action calls (cookie-based) and answers 404 otherwise; neither changes anything.
  const NOT_MUTATIONS = new Set(["/api/v1/{path}", "/api/v1/refusals/server-action"]);
  const routes = apiV1RouteFiles().filter((r) => !NOT_MUTATIONS.has(r.path));

  test("the walk finds the routes (and new ones as they are added)", () => {
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(["/api/v1/certificates/{id}/services", "/api/v1/inventory", "/api/v1/tokens/{id}", "/api/v1/settings"]));
  });

  test("every POST, PUT, PATCH and DELETE answers 403 ERR_FORBIDDEN, is audited as refused, and changes nothing", async () => {
    const { token } = await newToken(admin, ["read"]);
    const certificate = await seeded.db.certificate.findFirstOrThrow();
    const before = await snapshot();
    const refusedBefore = await seeded.db.auditEvent.count({ where: { outcome: "refused" } });
    const tried: string[] = [];
    for (const route of routes) {
      const mod = (await import(/* @vite-ignore */ route.module)) as Record<string, Handler>;
      const params = Object.fromEntries(route.params.map((p) => [p, p === "id" ? certificate.id : "EXMBX1"]));
      const url = route.path.replace(/\{(\w+)\}/g, (_, p: string) => params[p]!);
      for (const method of ROUTE_METHODS) {
        if (method === "GET" || method === "HEAD" || method === "OPTIONS" || !mod[method]) continue;
        const answer = await call(mod[method], request(url, method, token, "{}"), params);
        expect.soft(answer.status, `${method} ${route.path}`).toBe(403);
        expect.soft(answer.body.error?.code, `${method} ${route.path}`).toBe("ERR_FORBIDDEN");
        tried.push(`${method} ${route.path}`);
      }
    }
    expect(tried.length).toBeGreaterThanOrEqual(25);
    expect(await snapshot()).toEqual(before);
    const refused = await seeded.db.auditEvent.findMany({ where: { outcome: "refused" }, orderBy: { at: "asc" }, skip: refusedBefore });
    expect(refused).toHaveLength(tried.length);
    expect(refused.every((r) => (r.details as { code: string; credential: { kind: string } }).code === "ERR_FORBIDDEN" && (r.details as { credential: { kind: string } }).credential.kind === "api-token")).toBe(true);
  });

  test("the same token reads: GET /api/v1/certificates answers 200 and the token shows when it was last used", async () => {
    const created = await newToken(admin, ["read"]);
    expect(created.lastUsedAt).toBeNull();
    const { GET } = await import("@/app/api/v1/certificates/route");
    const answer = await call(GET as Handler, request("/api/v1/certificates", "GET", created.token));
    expect(answer.status).toBe(200);
    const row = await seeded.db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.lastUsedAt).not.toBeNull();
    // Stored hashed: the secret itself is nowhere in the row.
    expect(JSON.stringify(row)).not.toContain(created.token.slice(3));
  });
});

describe("the access the OpenAPI document gives each mutating operation is what its route enforces", () => {
  test("a diagnostics token is refused (403) exactly where the document says the operation needs more; a mutate token wherever it says session", async () => {
    const { API_OPERATIONS } = await import("@/lib/api/openapi/operations");
    const files = new Map(apiV1RouteFiles().map((r) => [r.path, r]));
    const diagnostics = (await newToken(admin, ["diagnostics"])).token;
    const mutate = (await newToken(admin, ["mutate"])).token;
    const mismatches: string[] = [];
    for (const op of API_OPERATIONS) {
      if (op.method === "GET" || op.access === "public" || op.access === "anonymous") continue;
      const route = files.get(op.path)!;
      const mod = (await import(/* @vite-ignore */ route.module)) as Record<string, Handler>;
      // Ids that do not exist: an operation the token may call answers 404 (or runs over nothing), never 403.
      const params = Object.fromEntries(route.params.map((p) => [p, "no-such-id"]));
      const url = op.path.replace(/\{(\w+)\}/g, "no-such-id");
      const withDiagnostics = await call(mod[op.method]!, request(url, op.method, diagnostics, "{}"), params);
      if ((withDiagnostics.status === 403) !== !["diagnostics", "read"].includes(op.access)) mismatches.push(`${op.method} ${op.path} (${op.access}): diagnostics token got ${withDiagnostics.status}`);
      if (op.access === "session") {
        const withMutate = await call(mod[op.method]!, request(url, op.method, mutate, "{}"), params);
        if (withMutate.status !== 403) mismatches.push(`${op.method} ${op.path} (session): mutate token got ${withMutate.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe("expired, revoked and unknown tokens", () => {
  test.each([
    ["expired", "expired"],
    ["revoked", "revoked"],
    ["unknown (well-formed)", "unknown"],
  ])("a %s token is refused with 401 ERR_UNAUTHENTICATED on a read and on a mutation", async (_label, kind) => {
    const { GET } = await import("@/app/api/v1/certificates/route");
    const { POST } = await import("@/app/api/v1/partners/route");
    let token = "cc_" + "A".repeat(43);
    if (kind !== "unknown") {
      const created = await newToken(admin, ["read", "mutate"], 1);
      token = created.token;
      if (kind === "expired") await seeded.db.apiToken.update({ where: { id: created.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      else {
        const { DELETE } = await import("@/app/api/v1/tokens/[id]/route");
        const { token: session } = await (async () => ({ token: await seeded.tokenFor("admin") }))();
        const revoked = await call(DELETE as Handler, request(`/api/v1/tokens/${created.id}`, "DELETE", session), { id: created.id });
        expect(revoked.status).toBe(200);
        expect(revoked.body.revokedAt).toEqual(expect.any(String));
        const audit = await seeded.db.auditEvent.findFirstOrThrow({ where: { action: "apiToken.revoke", targetId: created.id } });
        expect(audit.outcome).toBe("success");
      }
    }
    expect((await call(GET as Handler, request("/api/v1/certificates", "GET", token))).status).toBe(401);
    const partners = await seeded.db.partnerHost.count();
    const refused = await call(POST as Handler, request("/api/v1/partners", "POST", token, JSON.stringify({ domain: "fabrikam.com", host: "mx.fabrikam.com", port: 25, starttls: "smtp" })));
    expect(refused.status).toBe(401);
    expect(refused.body.error?.code).toBe("ERR_UNAUTHENTICATED");
    expect(await seeded.db.partnerHost.count()).toBe(partners);
  });
});

describe("a token never exceeds its creator's role", () => {
  test("helpdesk may create read and diagnostics tokens, not mutate or inventory:write (ERR_TOKEN_SCOPE_EXCEEDS_ROLE, audited, nothing stored)", async () => {
    const ok = await newToken(helpdesk, ["read", "diagnostics"]);
    expect(ok.scopes).toEqual(["read", "diagnostics"]);
    for (const scopes of [["mutate"], ["read", "inventory:write"]]) {
      const tokens = await seeded.db.apiToken.count();
      await expect(newToken(helpdesk, scopes, 30, "helpdesk-too-much")).rejects.toMatchObject({ code: "ERR_TOKEN_SCOPE_EXCEEDS_ROLE" });
      expect(await seeded.db.apiToken.count()).toBe(tokens);
    }
    const audit = await seeded.db.auditEvent.findMany({ where: { action: "apiToken.create", outcome: "refused", actorName: "helpdesk" } });
    expect(audit.map((a) => (a.details as { excess: string[] }).excess)).toEqual([["mutate"], ["inventory:write"]]);
  });

  test("an admin's mutate token loses mutate when the admin is demoted, and stops when the admin is disabled", async () => {
    const { db } = seeded;
    const { hashPassword } = await import("@/lib/server/auth/password");
    const user = await db.user.create({ data: { username: "tok-demoted-admin", role: "admin", passwordHash: await hashPassword("Demoted!pass-12") } });
    const creator: Actor = { userId: user.id, username: user.username, role: "admin" };
    const { token } = await newToken(creator, ["read", "mutate"]);
    const { actorFromToken } = await import("@/lib/server/auth/session");
    const { can } = await import("@/lib/server/auth/actor");
    const asAdmin = await actorFromToken(token);
    expect(asAdmin && can(asAdmin, "mutate")).toBe(true);
    await db.user.update({ where: { id: user.id }, data: { role: "helpdesk" } });
    const asHelpdesk = await actorFromToken(token);
    expect(asHelpdesk?.role).toBe("helpdesk");
    expect(asHelpdesk && can(asHelpdesk, "mutate")).toBe(false);
    expect(asHelpdesk && can(asHelpdesk, "read")).toBe(true);
    // Through a real mutating route: refused as the helpdesk role, nothing added.
    const { POST } = await import("@/app/api/v1/partners/route");
    const partners = await db.partnerHost.count();
    const refused = await call(POST as Handler, request("/api/v1/partners", "POST", token, JSON.stringify({ domain: "fabrikam.com", host: "mx.fabrikam.com", port: 25, starttls: "smtp" })));
    expect(refused.status).toBe(403);
    expect(await db.partnerHost.count()).toBe(partners);
    await db.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await actorFromToken(token)).toBeNull();
  });

  test("scopes cut the role down: diagnostics without mutate, inventory:write without read", async () => {
    const { actorFromToken } = await import("@/lib/server/auth/session");
    const { can } = await import("@/lib/server/auth/actor");
    const diagnostics = (await actorFromToken((await newToken(admin, ["diagnostics"])).token))!;
    expect([can(diagnostics, "read"), can(diagnostics, "diagnostics"), can(diagnostics, "mutate"), can(diagnostics, "readKeyMaterial")]).toEqual([true, true, false, false]);
    const collector = (await actorFromToken((await newToken(admin, ["inventory:write"])).token))!;
    expect([can(collector, "read"), can(collector, "inventoryWrite"), can(collector, "mutate")]).toEqual([false, true, false]);
    const { GET } = await import("@/app/api/v1/certificates/route");
    const token = (await newToken(admin, ["inventory:write"])).token;
    expect((await call(GET as Handler, request("/api/v1/certificates", "GET", token))).status).toBe(403);
  });

  test("through the routes: a diagnostics token may start a check but not change anything; an inventory:write token may upload an inventory only", async () => {
    const { POST: startJob } = await import("@/app/api/v1/jobs/[name]/route");
    const { POST: addPartner } = await import("@/app/api/v1/partners/route");
    const { POST: uploadInventory } = await import("@/app/api/v1/inventory/route");
    const partner = JSON.stringify({ domain: "fabrikam.com", host: "mx.fabrikam.com", port: 25, starttls: "smtp" });
    const diagnostics = (await newToken(admin, ["diagnostics"])).token;
    // Past the permission check: the job name is what is wrong.
    const started = await call(startJob as Handler, request("/api/v1/jobs/no-such-job", "POST", diagnostics, "{}"), { name: "no-such-job" });
    expect(started.body.error?.code).toBe("ERR_NOT_FOUND");
    expect((await call(addPartner as Handler, request("/api/v1/partners", "POST", diagnostics, partner))).status).toBe(403);
    expect((await call(uploadInventory as Handler, request("/api/v1/inventory", "POST", diagnostics, "{}"))).status).toBe(403);
    const collector = (await newToken(admin, ["inventory:write"])).token;
    // Past the permission check: the file is what is wrong.
    const uploaded = await call(uploadInventory as Handler, request("/api/v1/inventory", "POST", collector, "{}"));
    expect(uploaded.body.error?.code).toBe("ERR_INVENTORY_INVALID");
    expect((await call(addPartner as Handler, request("/api/v1/partners", "POST", collector, partner))).status).toBe(403);
    expect((await call(startJob as Handler, request("/api/v1/jobs/no-such-job", "POST", collector, "{}"), { name: "no-such-job" })).status).toBe(403);
  });

  test("an API token cannot create another token (tokens are managed by signed-in people)", async () => {
    const { POST } = await import("@/app/api/v1/tokens/route");
    const { token } = await newToken(admin, ["mutate"]);
    const tokens = await seeded.db.apiToken.count();
    const answer = await call(POST as Handler, request("/api/v1/tokens", "POST", token, JSON.stringify({ name: "minted", scopes: ["mutate"] })));
    expect(answer.status).toBe(403);
    expect(await seeded.db.apiToken.count()).toBe(tokens);
  });

  test("creating a token through the API shows it once; the list never shows it again; audited", async () => {
    const { POST, GET } = await import("@/app/api/v1/tokens/route");
    const session = await seeded.tokenFor("admin");
    const created = await call(POST as Handler, request("/api/v1/tokens", "POST", session, JSON.stringify({ name: "tok-list-check", scopes: ["read"], expiresInDays: 7 })));
    expect(created.status).toBe(200);
    expect(created.body.token).toMatch(/^cc_[A-Za-z0-9_-]{43}$/);
    const list = await call(GET as Handler, request("/api/v1/tokens", "GET", session));
    expect(JSON.stringify(list.body)).not.toContain(created.body.token as string);
    expect((list.body.items as { name: string }[]).some((t) => t.name === "tok-list-check")).toBe(true);
    const audit = await seeded.db.auditEvent.findFirstOrThrow({ where: { action: "apiToken.create", targetId: created.body.id as string } });
    expect(JSON.stringify(audit.details)).not.toContain(created.body.token as string);
    const bad = await call(POST as Handler, request("/api/v1/tokens", "POST", session, JSON.stringify({ name: "x", scopes: ["root"] })));
    expect([bad.status, bad.body.error?.code]).toEqual([400, "ERR_VALIDATION"]);
  });
});
