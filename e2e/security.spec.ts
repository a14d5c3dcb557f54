// Regressions of issue 12 against the running console:
// - finding 2: a page served from ANOTHER local port created a partner as the signed-in admin (SameSite=Strict does
//   not cover another port: 127.0.0.1:other and 127.0.0.1:console are the same site), posting text/plain;
// - finding 2: cross-site and malformed server action calls came back as Next's HTTP 500 digest.
import http from "node:http";
import { test, expect, type APIRequestContext } from "@playwright/test";
import { apiToken, signIn } from "./helpers";

const EVIL_DOMAIN = "csrf-e2e.example";
let evil: http.Server;
let evilOrigin = "";
let consoleOrigin = "";

/** The attacker's page: a text/plain form (JSON smuggled in the field name) and a no-cors fetch, both to the console. */
function attackerPage(target: string): string {
  const name = JSON.stringify({ domain: EVIL_DOMAIN, host: `mx.${EVIL_DOMAIN}`, port: 25, starttls: "smtp", pad: "" }).slice(0, -2);
  return `<!doctype html><html><body>
<form id="f" method="POST" enctype="text/plain" action="${target}/api/v1/partners"><input type="hidden" name='${name}' value='"}'></form>
<form id="g" method="POST" enctype="multipart/form-data" action="${target}/settings"><input type="hidden" name="$ACTION_ID_0000000000000000000000000000000000000000" value=""></form>
<script>
  window.fetchAttack = () => fetch(${JSON.stringify(`${target}/api/v1/partners`)}, { method: "POST", mode: "no-cors", credentials: "include",
    headers: { "content-type": "text/plain" }, body: JSON.stringify({ domain: "fetch-${EVIL_DOMAIN}", host: "mx.fetch-${EVIL_DOMAIN}", port: 25, starttls: "smtp" }) }).then(() => "sent", (e) => String(e));
</script></body></html>`;
}

async function evilPartners(request: APIRequestContext, token: string) {
  const list = (await (await request.get("/api/v1/partners", { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { id: string; domain: string }[] };
  return list.items.filter((p) => p.domain.endsWith(EVIL_DOMAIN));
}

test.beforeAll(async ({ baseURL }) => {
  consoleOrigin = new URL(baseURL!).origin;
  evil = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(attackerPage(consoleOrigin));
  });
  await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
  evilOrigin = `http://127.0.0.1:${(evil.address() as { port: number }).port}`;
});

test.afterAll(async ({ request }) => {
  // Undo anything an unfixed console would have let through, so no other spec sees it.
  const token = await apiToken(request, "admin");
  for (const p of await evilPartners(request, token)) await request.delete(`/api/v1/partners/${p.id}`, { headers: { authorization: `Bearer ${token}` } });
  await new Promise<void>((resolve) => evil.close(() => resolve()));
});

test("a page on another local port cannot create a partner with the admin's cookie (form or fetch, text/plain)", async ({ page, request }) => {
  await signIn(page, "admin");
  await page.goto(`${evilOrigin}/`);
  // The no-cors fetch: the browser sends it with the cookie; its answer is opaque to the page.
  expect(await page.evaluate(() => (window as unknown as { fetchAttack: () => Promise<string> }).fetchAttack())).toBe("sent");
  // The form: a top-level navigation, whose answer we can read.
  const answer = page.waitForResponse((r) => r.url() === `${consoleOrigin}/api/v1/partners` && r.request().method() === "POST");
  await page.locator("#f").evaluate((form: HTMLFormElement) => form.submit());
  const response = await answer;
  expect(response.status()).toBe(403);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("ERR_CSRF_ORIGIN");
  expect(response.request().headers()["cookie"] ?? (await response.request().allHeaders())["cookie"]).toContain("certconsole_session=");
  // Nothing was created, by either.
  expect(await evilPartners(request, await apiToken(request, "admin"))).toEqual([]);
});

test("a cross-site form posting to a page (a server action) gets the stable error shape, not a 500", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto(`${evilOrigin}/`);
  const answer = page.waitForResponse((r) => r.url() === `${consoleOrigin}/settings` && r.request().method() === "POST");
  await page.locator("#g").evaluate((form: HTMLFormElement) => form.submit());
  const response = await answer;
  expect(response.status()).toBe(403);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("ERR_CSRF_ORIGIN");
});

test("scripted server action calls: a foreign Origin is 403 and a malformed body 400, both in the stable shape", async ({ request }) => {
  // The login page's own action id, as the page's script would send it.
  const html = await (await request.get("/login")).text();
  const actionId = /\$ACTION_ID_([0-9a-f]{40,})/.exec(html)?.[1] ?? /"id":"([0-9a-f]{40,})"/.exec(html)?.[1] ?? /([0-9a-f]{42})/.exec(html)?.[1];
  expect(actionId).toBeTruthy();
  const headers = { "next-action": actionId!, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8" };
  const foreign = await request.post("/login", { headers: { ...headers, origin: evilOrigin }, data: "[]" });
  expect(foreign.status()).toBe(403);
  expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe("ERR_CSRF_ORIGIN");
  const malformed = await request.post("/login", { headers: { ...headers, origin: consoleOrigin }, data: "[{not json" });
  expect(malformed.status()).toBe(400);
  expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe("ERR_VALIDATION");
});

test("the console's own pages still work: signing in is a server action that passes the checks", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("the audit log records the real peer: X-Forwarded-For (and a forged peer header) from an untrusted client are ignored", async ({ request }) => {
  const refused = await request.post("/api/v1/session", {
    headers: { "x-forwarded-for": "10.66.66.66", "x-certconsole-peer": "10.77.77.77" },
    data: { username: "xff-e2e-nobody", password: "not-a-password" },
  });
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("ERR_BAD_CREDENTIALS");
  const token = await apiToken(request, "admin");
  const audit = (await (await request.get("/api/v1/audit-events?action=auth.signIn&target=xff-e2e-nobody", { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { details: { clientAddress: string } }[] };
  expect(audit.items.map((i) => i.details.clientAddress)).toEqual(["127.0.0.1"]);
});
