// Regressions of issue 12 through the real /api/v1 route handlers and a real database:
// - finding 2: POST /api/v1/partners, /services and /export succeeded with the admin cookie, a foreign Origin and
//   `content-type: text/plain` (a page on another port created a partner as admin);
// - finding 5: bodies were buffered before authentication (an unauthenticated chunked 150 MB POST was read whole
//   and answered 413, not 401) and the size limit was checked only after reading;
// - finding 7: POST /api/v1/session ignored CERTCONSOLE_SECURE_COOKIES=1;
// - finding 8: refusals of unauthenticated callers were not audited (now at most one row per address per minute).
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { useTestDatabase } from "./test-database";

const HOST = "127.0.0.1:3000";
const FOREIGN = "http://127.0.0.1:4444";
const PEER = "x-certconsole-peer";
let adminToken = "";
let helpdeskToken = "";

type Handler = (r: NextRequest, c: { params: Promise<never> }) => Promise<Response>;

beforeAll(async () => {
  await useTestDatabase();
  const { ensureSettings, ensureUsers } = await import("@/lib/server/bootstrap/ensure-users");
  const { createSession } = await import("@/lib/server/auth/session");
  const { db } = await import("@/lib/server/db");
  await ensureSettings();
  await ensureUsers({ CERTCONSOLE_ADMIN_PASSWORD: "Adm1n!pass-12", CERTCONSOLE_HELPDESK_PASSWORD: "Help!pass-12" });
  adminToken = (await createSession((await db.user.findUniqueOrThrow({ where: { username: "admin" } })).id)).token;
  helpdeskToken = (await createSession((await db.user.findUniqueOrThrow({ where: { username: "helpdesk" } })).id)).token;
});

afterEach(async () => {
  const { db } = await import("@/lib/server/db");
  await db.partnerHost.deleteMany({});
});

function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: BodyInit | null; peer?: string }) {
  const headers = { host: HOST, [PEER]: init.peer ?? "127.0.0.1", ...init.headers };
  return new NextRequest(`http://${HOST}${path}`, { method: init.method ?? "POST", headers, body: init.body ?? null, ...(init.body instanceof ReadableStream ? { duplex: "half" } : {}) } as ConstructorParameters<typeof NextRequest>[1]);
}

async function call(handler: Handler, req: NextRequest, params: Record<string, string> = {}) {
  const response = await handler(req, { params: Promise.resolve(params) as Promise<never> });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text.startsWith("{") ? JSON.parse(text) : {}) as { error?: { code: string } } & Record<string, unknown> };
}

const cookie = (token: string) => ({ cookie: `certconsole_session=${token}` });
const partner = JSON.stringify({ domain: "fabrikam.com", host: "mx.fabrikam.com", port: 25, starttls: "smtp" });

/** A chunked body of `total` bytes made on demand, counting what the reader pulled and the peak of buffered memory. */
function countingStream(total: number, chunk = 64 * 1024) {
  const stats = { pulled: 0, peakArrayBuffers: 0 };
  const start = process.memoryUsage().arrayBuffers;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled >= total) return controller.close();
      const size = Math.min(chunk, total - stats.pulled);
      stats.pulled += size;
      stats.peakArrayBuffers = Math.max(stats.peakArrayBuffers, process.memoryUsage().arrayBuffers - start);
      controller.enqueue(new Uint8Array(size).fill(0x41));
    },
  });
  return { stream, stats };
}

describe("finding 2: cookie-authenticated mutations must be same-origin JSON", () => {
  test("a foreign Origin with the admin cookie and text/plain is refused (ERR_CSRF_ORIGIN); no partner is created", async () => {
    const { POST } = await import("@/app/api/v1/partners/route");
    const { db } = await import("@/lib/server/db");
    const refused = await call(POST, request("/api/v1/partners", { headers: { ...cookie(adminToken), origin: FOREIGN, "content-type": "text/plain" }, body: partner }));
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe("ERR_CSRF_ORIGIN");
    expect(await db.partnerHost.count()).toBe(0);
    const audited = await db.auditEvent.findFirst({ where: { outcome: "refused", targetId: "/api/v1/partners" }, orderBy: { at: "desc" } });
    expect(audited?.details).toMatchObject({ code: "ERR_CSRF_ORIGIN", clientAddress: "127.0.0.1" });
  });

  test.each([
    ["a foreign Origin, even with JSON", { origin: FOREIGN, "content-type": "application/json" }, 403, "ERR_CSRF_ORIGIN"],
    ["Origin: null (sandboxed frame)", { origin: "null", "content-type": "application/json" }, 403, "ERR_CSRF_ORIGIN"],
    ["a sibling host on the same port", { origin: "http://evil.127.0.0.1.nip.io:3000", "content-type": "application/json" }, 403, "ERR_CSRF_ORIGIN"],
    ["no Origin but Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site", "content-type": "application/json" }, 403, "ERR_CSRF_ORIGIN"],
    ["no Origin but Sec-Fetch-Site: same-site (another port)", { "sec-fetch-site": "same-site", "content-type": "application/json" }, 403, "ERR_CSRF_ORIGIN"],
    ["the same origin but text/plain", { origin: `http://${HOST}`, "content-type": "text/plain" }, 415, "ERR_UNSUPPORTED_MEDIA_TYPE"],
    ["the same origin but a form", { origin: `http://${HOST}`, "content-type": "application/x-www-form-urlencoded" }, 415, "ERR_UNSUPPORTED_MEDIA_TYPE"],
  ])("POST /api/v1/partners with the admin cookie and %s is refused", async (_name, headers, status, code) => {
    const { POST } = await import("@/app/api/v1/partners/route");
    const { db } = await import("@/lib/server/db");
    const answer = await call(POST, request("/api/v1/partners", { headers: { ...cookie(adminToken), ...headers }, body: partner }));
    expect([answer.status, answer.body.error?.code]).toEqual([status, code]);
    expect(await db.partnerHost.count()).toBe(0);
  });

  test("/services and /export with the admin cookie from a foreign origin are refused before the handler runs", async () => {
    const services = await import("@/app/api/v1/certificates/[id]/services/route");
    const exported = await import("@/app/api/v1/certificates/[id]/export/route");
    const headers = { ...cookie(adminToken), origin: FOREIGN, "content-type": "text/plain" };
    const a = await call(services.POST, request("/api/v1/certificates/x/services", { headers, body: JSON.stringify({ serverIds: [], services: ["IIS"] }) }), { id: "x" });
    const b = await call(exported.POST, request("/api/v1/certificates/x/export", { headers, body: JSON.stringify({ password: "Exp0rt!pass" }) }), { id: "x" });
    expect([a.status, a.body.error?.code, b.status, b.body.error?.code]).toEqual([403, "ERR_CSRF_ORIGIN", 403, "ERR_CSRF_ORIGIN"]);
  });

  test("the console's own page (same Origin, JSON) and a request with neither Origin nor Sec-Fetch-Site succeed", async () => {
    const { POST } = await import("@/app/api/v1/partners/route");
    const { db } = await import("@/lib/server/db");
    const own = await call(POST, request("/api/v1/partners", { headers: { ...cookie(adminToken), origin: `http://${HOST}`, "sec-fetch-site": "same-origin", "content-type": "application/json" }, body: partner }));
    expect(own.status).toBe(200);
    await db.partnerHost.deleteMany({});
    const script = await call(POST, request("/api/v1/partners", { headers: { ...cookie(adminToken), "content-type": "application/json" }, body: partner }));
    expect(script.status).toBe(200);
  });

  test("bearer-token calls are not affected by the Origin or the media type", async () => {
    const { POST } = await import("@/app/api/v1/partners/route");
    const answer = await call(POST, request("/api/v1/partners", { headers: { authorization: `Bearer ${adminToken}`, origin: FOREIGN, "content-type": "text/plain" }, body: partner }));
    expect(answer.status).toBe(200);
  });

  test("uploads accept multipart/form-data from the console's own page", async () => {
    const { POST } = await import("@/app/api/v1/certificates/import/route");
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array([1, 2, 3])]), "junk.cer");
    const answer = await call(POST, request("/api/v1/certificates/import?preview=1", { headers: { ...cookie(adminToken), origin: `http://${HOST}` }, body: form }));
    // Through the checks to the PKI reader, which refuses the junk with its own code.
    expect(answer.body.error?.code).not.toMatch(/ERR_CSRF_ORIGIN|ERR_UNSUPPORTED_MEDIA_TYPE|ERR_UNAUTHENTICATED/);
  });
});

describe("finding 2: refused server action calls (rewritten here by proxy.ts) are audited and answered in the stable shape", () => {
  test("a cross-site action call is 403 ERR_CSRF_ORIGIN and audited; a call that is not refused gets 404 and no row", async () => {
    const { POST } = await import("@/app/api/v1/refusals/server-action/route");
    const { db } = await import("@/lib/server/db");
    const action = { "next-action": "7f".padEnd(42, "0"), "content-type": "text/plain;charset=UTF-8" };
    const refused = await call(POST, request("/api/v1/refusals/server-action?path=%2Fsettings", { headers: { ...cookie(adminToken), ...action, origin: FOREIGN }, body: "[]", peer: "192.0.2.77" }));
    expect([refused.status, refused.body.error?.code]).toEqual([403, "ERR_CSRF_ORIGIN"]);
    const rows = await db.auditEvent.findMany({ where: { action: "action.post", targetId: "page:/settings" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorName: "admin", outcome: "refused", details: { code: "ERR_CSRF_ORIGIN", clientAddress: "192.0.2.77" } });
    const malformed = await call(POST, request("/api/v1/refusals/server-action?path=%2Flogin", { headers: { ...action, origin: `http://${HOST}` }, body: "[{not json" }));
    expect([malformed.status, malformed.body.error?.code]).toEqual([400, "ERR_VALIDATION"]);
    const fine = await call(POST, request("/api/v1/refusals/server-action?path=%2Fx", { headers: { ...cookie(adminToken), ...action, origin: `http://${HOST}` }, body: "[]", peer: "192.0.2.78" }));
    expect(fine.status).toBe(404);
    expect(await db.auditEvent.count({ where: { action: "action.post", targetId: "page:/x" } })).toBe(0);
  });
});

describe("finding 5: authenticate first, then read the body with a streaming limit", () => {
  test("an unauthenticated chunked 150 MB POST is 401 with almost nothing read", async () => {
    const { POST } = await import("@/app/api/v1/partners/route");
    const { stream, stats } = countingStream(150 * 1024 * 1024);
    const answer = await call(POST, request("/api/v1/partners", { headers: { "content-type": "application/json" }, body: stream }));
    expect([answer.status, answer.body.error?.code]).toEqual([401, "ERR_UNAUTHENTICATED"]);
    expect(stats.pulled).toBeLessThan(1024 * 1024);
  });

  test("an unauthenticated POST with a huge Content-Length is 401, not 413", async () => {
    const { POST } = await import("@/app/api/v1/certificates/import/route");
    const { stream } = countingStream(1024);
    const answer = await call(POST, request("/api/v1/certificates/import", { headers: { "content-type": "application/json", "content-length": String(150 * 1024 * 1024) }, body: stream }));
    expect([answer.status, answer.body.error?.code]).toEqual([401, "ERR_UNAUTHENTICATED"]);
  });

  test("an authenticated chunked JSON POST over the limit, without Content-Length, is 413 after about the limit", async () => {
    const { POST } = await import("@/app/api/v1/partners/route");
    const { MAX_JSON_BYTES } = await import("@/lib/api/read-body");
    const { stream, stats } = countingStream(150 * 1024 * 1024);
    const started = Date.now();
    const answer = await call(POST, request("/api/v1/partners", { headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" }, body: stream }));
    expect([answer.status, answer.body.error?.code]).toEqual([413, "ERR_INPUT_TOO_LARGE"]);
    expect(stats.pulled).toBeLessThanOrEqual(MAX_JSON_BYTES + 2 * 64 * 1024);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test("an authenticated 150 MB upload is cut at the upload limit: memory stays bounded", async () => {
    const { POST } = await import("@/app/api/v1/certificates/import/route");
    const { MAX_UPLOAD_BODY_BYTES } = await import("@/lib/api/read-upload");
    const { stream, stats } = countingStream(150 * 1024 * 1024);
    const answer = await call(POST, request("/api/v1/certificates/import", { headers: { authorization: `Bearer ${adminToken}`, "content-type": "multipart/form-data; boundary=x" }, body: stream }));
    expect([answer.status, answer.body.error?.code]).toEqual([413, "ERR_INPUT_TOO_LARGE"]);
    expect(stats.pulled).toBeLessThanOrEqual(MAX_UPLOAD_BODY_BYTES + 2 * 64 * 1024);
    // Loose: at most the limit (about 14 MB) buffered plus slack, never the 150 MB sent.
    expect(stats.peakArrayBuffers).toBeLessThan(60 * 1024 * 1024);
  });

  test("a helpdesk session is refused for the role, not for a body it never had to send", async () => {
    const { POST } = await import("@/app/api/v1/partners/route");
    const answer = await call(POST, request("/api/v1/partners", { headers: { authorization: `Bearer ${helpdeskToken}`, "content-type": "application/json" }, body: partner }));
    expect([answer.status, answer.body.error?.code]).toEqual([403, "ERR_FORBIDDEN"]);
  });
});

describe("finding 7: POST /api/v1/session honours CERTCONSOLE_SECURE_COOKIES", () => {
  test.each([
    ["1", true],
    [undefined, false],
  ])("CERTCONSOLE_SECURE_COOKIES=%s → Secure %s", async (value, secure) => {
    const { POST } = await import("@/app/api/v1/session/route");
    const previous = process.env.CERTCONSOLE_SECURE_COOKIES;
    if (value === undefined) delete process.env.CERTCONSOLE_SECURE_COOKIES;
    else process.env.CERTCONSOLE_SECURE_COOKIES = value;
    try {
      const response = await POST(
        request("/api/v1/session", { headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "admin", password: "Adm1n!pass-12" }), peer: "10.20.30.40" }),
        { params: Promise.resolve({}) },
      );
      expect(response.status).toBe(200);
      const setCookie = response.headers.get("set-cookie") ?? "";
      expect(setCookie).toMatch(/certconsole_session=/);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=strict/i);
      expect(/;\s*Secure/i.test(setCookie)).toBe(secure);
    } finally {
      if (previous === undefined) delete process.env.CERTCONSOLE_SECURE_COOKIES;
      else process.env.CERTCONSOLE_SECURE_COOKIES = previous;
    }
  });
});

describe("finding 8: unauthenticated refusals are audited, at most once per address per minute", () => {
  test("a burst of anonymous calls from one address leaves one row; another address gets its own", async () => {
    const { POST } = await import("@/app/api/v1/partners/route");
    const { GET } = await import("@/app/api/v1/certificates/route");
    const { db } = await import("@/lib/server/db");
    const anonymousRows = (address: string) =>
      db.auditEvent.findMany({ where: { actorRole: "anonymous", outcome: "refused" } }).then((rows) => rows.filter((r) => (r.details as { clientAddress?: string }).clientAddress === address));
    for (let i = 0; i < 25; i += 1) {
      expect((await call(POST, request("/api/v1/partners", { headers: { "content-type": "application/json" }, body: partner, peer: "198.51.100.50" }))).status).toBe(401);
      expect((await call(GET, request("/api/v1/certificates", { method: "GET", peer: "198.51.100.50" }))).status).toBe(401);
    }
    const rows = await anonymousRows("198.51.100.50");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.details).toMatchObject({ code: "ERR_UNAUTHENTICATED" });
    expect((await call(POST, request("/api/v1/partners", { headers: { "content-type": "application/json" }, body: partner, peer: "198.51.100.51" }))).status).toBe(401);
    expect(await anonymousRows("198.51.100.51")).toHaveLength(1);
  });
});
