// Structured JSON logs with request ids (issue 15): every /api/v1 request gets an X-Request-Id (the caller's sane one,
// else a new UUID), echoed in the answer and in its one JSON log line; no password ever reaches the log — not the
// sign-in password, not a PFX password. Through the real route handlers with a real database.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { seedDemoConsole, useTestDatabase } from "./test-database";

const SIGN_IN_PASSWORD = "Sign-in-Secret-7f3a9c";
const PFX_PASSWORD = "Pfx-Secret-Pass-42b8";
let lines: string[] = [];
let stopCapture: () => void = () => undefined;
let adminToken = "";
let pfx: Buffer;

type Handler = (r: NextRequest, c: { params: Promise<never> }) => Promise<Response>;
async function post(handler: Handler, url: string, body: unknown, headers: Record<string, string> = {}) {
  return handler(
    new NextRequest(`http://127.0.0.1:3000${url}`, { method: "POST", headers: { host: "127.0.0.1:3000", "x-certconsole-peer": "127.0.0.1", "content-type": "application/json", ...headers }, body: JSON.stringify(body) }),
    { params: Promise.resolve({}) as Promise<never> },
  );
}

beforeAll(async () => {
  await useTestDatabase();
  const { db, tokenFor } = await seedDemoConsole();
  const { hashPassword } = await import("@/lib/server/auth/password");
  await db.user.update({ where: { username: "admin" }, data: { passwordHash: await hashPassword(SIGN_IN_PASSWORD) } });
  adminToken = await tokenFor("admin");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "certconsole-log-"));
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "k.pem", "-out", "c.pem", "-subj", "/CN=log.contoso.com", "-days", "30");
  openssl("pkcs12", "-export", "-inkey", "k.pem", "-in", "c.pem", "-passout", `pass:${PFX_PASSWORD}`, "-out", "x.pfx");
  pfx = fs.readFileSync(path.join(dir, "x.pfx"));
  const { captureLogs, log } = await import("@/lib/server/log");
  const level = log.level;
  log.level = "info";
  const stop = captureLogs((line) => lines.push(line));
  stopCapture = () => {
    stop();
    log.level = level;
  };
});
afterAll(() => stopCapture());

describe("request ids and JSON logs", () => {
  test("a sign-in (right and wrong password) and a PFX import: one JSON line each with the request id, no password anywhere", async () => {
    lines = [];
    const session = await import("@/app/api/v1/session/route");
    const imports = await import("@/app/api/v1/certificates/import/route");
    const ok = await post(session.POST, "/api/v1/session", { username: "admin", password: SIGN_IN_PASSWORD }, { "x-request-id": "lb-1234.abcd" });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(ok.headers.get("x-request-id")).toBe("lb-1234.abcd");
    const wrong = await post(session.POST, "/api/v1/session", { username: "admin", password: `${SIGN_IN_PASSWORD}-wrong` });
    expect(wrong.status).toBe(422); // ERR_BAD_CREDENTIALS
    const generated = wrong.headers.get("x-request-id");
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    const imported = await post(imports.POST, "/api/v1/certificates/import", { fileBase64: pfx.toString("base64"), fileName: "x.pfx", password: PFX_PASSWORD, serverIds: [] }, { authorization: `Bearer ${adminToken}`, "x-request-id": "bad id with spaces" });
    const badPassword = await post(imports.POST, "/api/v1/certificates/import", { fileBase64: pfx.toString("base64"), fileName: "x.pfx", password: `${PFX_PASSWORD}-wrong`, serverIds: [] }, { authorization: `Bearer ${adminToken}` });
    expect(badPassword.status).toBeGreaterThanOrEqual(400);
    // A hostile request id is not echoed: a new one replaces it.
    expect(imported.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    const output = lines.join("");
    expect(output).not.toContain(SIGN_IN_PASSWORD);
    expect(output).not.toContain(PFX_PASSWORD);
    expect(output).not.toContain(adminToken);
    const parsed = lines.map((l) => JSON.parse(l) as { requestId?: string; method?: string; path?: string; status?: number; level: string; time: string });
    const requests = parsed.filter((p) => p.requestId);
    expect(requests.map((r) => [r.requestId, r.path, r.status])).toEqual([
      ["lb-1234.abcd", "/api/v1/session", 200],
      [generated, "/api/v1/session", 422],
      [imported.headers.get("x-request-id"), "/api/v1/certificates/import", imported.status],
      [badPassword.headers.get("x-request-id"), "/api/v1/certificates/import", badPassword.status],
    ]);
    for (const r of requests) expect(r).toMatchObject({ level: "info", method: "POST", time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  });

  test("the logger redacts password, token and key fields even when a caller passes them", async () => {
    lines = [];
    const { log } = await import("@/lib/server/log");
    log.info({ password: "p1-secret", body: { password: "p2-secret", token: "t-secret" }, authorization: "Bearer b-secret" }, "careless");
    expect(lines.join("")).not.toMatch(/p1-secret|p2-secret|t-secret|b-secret/);
    expect(lines.join("")).toContain("[redacted]");
  });
});
