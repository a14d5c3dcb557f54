import { test, expect, type APIRequestContext } from "@playwright/test";
import { apiToken, shot, signIn } from "./helpers";

async function waitForStatusRefresh(request: APIRequestContext, token: string) {
  await expect
    .poll(async () => {
      const res = await request.get("/api/v1/jobs/refresh-statuses", { headers: { authorization: `Bearer ${token}` } });
      const state = (await res.json()) as { running: boolean; lastRunAt: string | null };
      return !state.running && state.lastRunAt !== null;
    }, { timeout: 60_000 })
    .toBe(true);
}

async function certificateByName(request: APIRequestContext, token: string, name: string) {
  const res = await request.get(`/api/v1/certificates?pageSize=200&q=${encodeURIComponent(name)}`, { headers: { authorization: `Bearer ${token}` } });
  const items = ((await res.json()) as { items: { id: string; friendlyName: string; status: string; statusReason: string }[] }).items;
  const found = items.find((c) => c.friendlyName === name);
  expect(found, `seeded certificate ${name}`).toBeTruthy();
  return found!;
}

test("the demo organization shows every status, checked for real against the lab CRL endpoint", async ({ request, page }) => {
  const admin = await apiToken(request, "admin");
  await waitForStatusRefresh(request, admin);
  const expectations: [string, string, RegExp][] = [
    ["Contoso public mail 2026", "Valid", /no certificate in it is revoked/],
    ["Webmail 2025 (revoked)", "Revoked", /revoked \(keyCompromise\).*CRL http:\/\/127\.0\.0\.1:\d+\/lab\/pki\//],
    ["Autodiscover (CRL server offline)", "RevocationCheckFailure", /connection refused by 127\.0\.0\.1:9/],
    ["OWA (CRL only reachable without the proxy)", "RevocationCheckFailure", /proxy http:\/\/127\.0\.0\.1:3999/],
    ["Old mail certificate 2024", "DateInvalid", /expired/],
    ["Edge SMTP (expiring)", "Valid", /revoked/],
    ["Partner relay (Fabrikam root)", "Untrusted", /No trust anchor/],
  ];
  for (const [name, status, reason] of expectations) {
    const cert = await certificateByName(request, admin, name);
    expect(cert.status, name).toBe(status);
    expect(cert.statusReason, name).toMatch(reason);
  }
  await signIn(page, "helpdesk");
  await page.goto("/diagnostics");
  await expect(page.getByRole("table", { name: "Revocation checks" })).toContainText("could not connect to proxy http://127.0.0.1:3999");
  await shot(page, "revocation-01-diagnostics-helpdesk");
});

test("fixing the proxy bypass list turns the proxy-only failure Valid (kb979694); clearing the URL cache brings the failure back", async ({ request, page }) => {
  const admin = await apiToken(request, "admin");
  const auth = { authorization: `Bearer ${admin}` };
  const before = await (await request.get("/api/v1/settings", { headers: auth })).json();
  const owa = await certificateByName(request, admin, "OWA (CRL only reachable without the proxy)");
  const settings = { ...before };
  for (const k of ["id", "updatedAt"]) delete settings[k];
  try {
    const put = await request.put("/api/v1/settings", { headers: auth, data: { ...settings, proxyBypass: `${before.proxyBypass};127.0.0.2` } });
    expect(put.status()).toBe(200);
    const check = await request.post(`/api/v1/certificates/${owa.id}/revocation-check`, { headers: auth });
    expect((await check.json()).status).toBe("Valid");
  } finally {
    await request.put("/api/v1/settings", { headers: auth, data: settings });
  }
  // With the wrong proxy back, the CRL fetched meanwhile is served from the cache until its nextUpdate
  // (as Windows's URL cache does), and the recorded attempts say so.
  const again = await request.post(`/api/v1/certificates/${owa.id}/revocation-check`, { headers: auth });
  expect((await again.json()).status).toBe("Valid");
  const detail = await (await request.get(`/api/v1/certificates/${owa.id}`, { headers: auth })).json();
  const latest = detail.revocationChecks[0] as { attempts: { attempts: { method: string }[] }[] };
  expect(latest.attempts[0]!.attempts.map((a) => a.method)).toContain("Cache");

  // certutil -urlcache * delete: helpdesk has no button, the admin's clear is audited, and the next check goes
  // through the (wrong) proxy again, so the seeded failure is back for the specs after this one.
  await signIn(page, "helpdesk");
  await page.goto("/diagnostics");
  await expect(page.getByRole("button", { name: "Clear the URL cache" })).toHaveCount(0);
  await signIn(page, "admin");
  await page.goto("/diagnostics");
  await page.getByRole("button", { name: "Clear the URL cache" }).click();
  await expect(page.getByRole("region", { name: "URL cache" })).toContainText(/Removed [1-9]\d* cached CRL\(s\)/);
  const failing = await request.post(`/api/v1/certificates/${owa.id}/revocation-check`, { headers: auth });
  expect((await failing.json()).status).toBe("RevocationCheckFailure");
  const cleared = await (await request.get("/api/v1/audit-events?action=revocation.urlCache.clear", { headers: auth })).json();
  expect(JSON.stringify(cleared)).toContain("revocation.urlCache.clear");
});

test("URL retrieval (certutil -URL) in the browser: every AIA and CDP URL of the chain with route and time", async ({ page }) => {
  await signIn(page, "helpdesk");
  await page.goto("/diagnostics");
  const panel = page.getByRole("region", { name: "URL retrieval" });
  const select = panel.getByLabel("Certificate");
  const pick = async (name: string) => select.selectOption((await select.locator("option", { hasText: name }).getAttribute("value"))!);

  await pick("Contoso public mail 2026");
  await panel.getByRole("button", { name: "Retrieve URLs" }).click();
  const results = panel.getByRole("table", { name: "URL retrieval results" });
  await expect(results.getByRole("row").filter({ hasText: "CDP" }).first()).toContainText(/CRL OK/);
  await expect(results.getByRole("row").filter({ hasText: "AIA" }).first()).toContainText("direct");
  await shot(page, "revocation-02-url-retrieval");

  await pick("OWA (CRL only reachable without the proxy)");
  await panel.getByRole("button", { name: "Retrieve URLs" }).click();
  await expect(results.getByRole("row").filter({ hasText: "127.0.0.2" }).first()).toContainText("http://127.0.0.1:3999");
});
