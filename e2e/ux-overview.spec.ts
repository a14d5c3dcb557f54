// Issue 13 item 1: the server × service overview is the first panel of the dashboard, where sign-in lands; sign-in
// returns to the page asked for, and never to another origin. A real TLS server presents the seeded "Old mail
// certificate 2024" as EXCAS1's IIS endpoint: the overview cell shows the live mismatch.
import https from "node:https";
import type { AddressInfo } from "node:net";
import { test, expect, type APIRequestContext } from "@playwright/test";
import { E2E_ACCOUNTS } from "./accounts.mjs";
import { apiToken, signIn } from "./helpers";
import { auth, certificateNamed } from "./wizard-helpers";
import { ROLES, VIEWPORTS, changeSettings, waitForFirstCheck } from "./ux-helpers";

const PFX_PASSWORD = "e2e-overview-Passw0rd";
let tlsServer: https.Server | undefined;
let endpointId: string | undefined;
let restoreSettings: ((context: APIRequestContext) => Promise<void>) | undefined;

test.beforeAll(async ({ request }) => {
  await waitForFirstCheck(request);
  const token = await apiToken(request, "admin");
  const old = await certificateNamed(request, token, "Old mail certificate 2024");
  const exported = await request.post(`/api/v1/certificates/${old.id}/export`, { headers: auth(token), data: { password: PFX_PASSWORD, encryption: "aes256", includeChain: true } });
  expect(exported.status()).toBe(200);
  tlsServer = https.createServer({ pfx: Buffer.from(await exported.body()), passphrase: PFX_PASSWORD }, (_req, res) => res.end("ok\n"));
  tlsServer.on("tlsClientError", () => undefined);
  await new Promise<void>((resolve) => tlsServer!.listen(0, "127.0.0.1", () => resolve()));
  const port = (tlsServer.address() as AddressInfo).port;
  restoreSettings = await changeSettings(request, (s) => {
    const allow = String(s.urlAllowList ?? "");
    return allow.split(/[;\s]+/).includes("127.0.0.1") ? s : { ...s, urlAllowList: `${allow};127.0.0.1` };
  });
  const endpoints = ((await (await request.get("/api/v1/endpoints", { headers: auth(token) })).json()) as { items: { server: string; serverId: string }[] }).items;
  const excasId = endpoints.find((e) => e.server === "EXCAS1")!.serverId;
  const added = await request.post("/api/v1/endpoints", { headers: auth(token), data: { serverId: excasId, service: "IIS", host: "127.0.0.1", port, starttls: null } });
  expect(added.status()).toBe(200);
  endpointId = ((await added.json()) as { id: string }).id;
  expect((await request.post(`/api/v1/endpoints/${endpointId}/probe`, { headers: auth(token) })).status()).toBe(200);
});

test.afterAll(async ({ request }) => {
  const token = await apiToken(request, "admin");
  if (endpointId) await request.delete(`/api/v1/endpoints/${endpointId}`, { headers: auth(token) });
  await restoreSettings?.(request);
  await new Promise<void>((resolve) => (tlsServer ? tlsServer.close(() => resolve()) : resolve()));
  tlsServer?.closeAllConnections();
});

for (const size of VIEWPORTS) {
  for (const who of ROLES) {
    test.describe(`${who} at ${size.name}`, () => {
      test.use({ viewport: { width: size.width, height: size.height } });

      test("sign-in lands on the dashboard whose first panel is the server × service overview", async ({ page }) => {
        await signIn(page, who);
        await expect(page).toHaveURL(/\/dashboard$/);
        const overview = page.getByRole("table", { name: "Servers and services" });
        await expect(overview).toBeInViewport();
        const headers = await overview.getByRole("columnheader").allInnerTexts();
        expect(headers.map((h) => h.trim().toUpperCase())).toEqual(["SERVER", "IIS", "SMTP", "IMAP", "POP", "UM", "FEDERATION"]);
        await expect(overview.getByRole("rowheader")).toHaveText([/EDGE1/, /EX01/, /EXCAS1/]);
        // Each cell: the certificate serving the service, days left, status colour, a link to it.
        const iis = page.getByTestId("cell-EXCAS1-IIS").getByRole("link", { name: /Contoso public mail 2026, Valid, \d+ days left/ });
        await expect(iis).toHaveAttribute("href", /\/certificates\/c/);
        await expect(iis).toHaveClass(/bg-green-100/);
        await expect(iis).toContainText(/Valid · \d+ days left/); // the status in words too, not by colour alone
        // The default SMTP certificate is marked; EDGE1 runs SMTP only.
        await expect(page.getByTestId("cell-EX01-SMTP").getByRole("link", { name: /Microsoft Exchange.*default SMTP certificate/ })).toBeVisible();
        await expect(page.getByTestId("cell-EX01-SMTP").getByRole("link", { name: /Contoso public mail 2026/ })).not.toContainText("default");
        await expect(page.getByTestId("cell-EDGE1-SMTP").getByRole("link", { name: /Edge SMTP \(expiring\), Valid, \d+ days? left, default \(the server's default SMTP certificate\)/ })).toHaveClass(/bg-green-100/);
        await expect(page.getByTestId("cell-EDGE1-IIS")).toHaveText("not on this role");
        // The live probe of EXCAS1 IIS saw the old certificate: a mismatch, linking to what was presented.
        const probe = page.getByTestId("probe-EXCAS1-IIS");
        await expect(probe).toContainText("Mismatch: live Old mail certificate 2024");
        await probe.getByRole("link", { name: "Old mail certificate 2024" }).click();
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("Old mail certificate 2024");
      });

      test("sign-in returns to the page asked for, and never to another origin", async ({ page }) => {
        await page.goto("/audit?outcome=refused");
        await expect(page).toHaveURL(/\/login\?next=%2Faudit%3Foutcome%3Drefused$/);
        await page.getByLabel("User name").fill(E2E_ACCOUNTS[who].username);
        await page.getByLabel("Password").fill(E2E_ACCOUNTS[who].password);
        await page.getByRole("button", { name: "Sign in" }).click();
        await expect(page).toHaveURL(/\/audit\?outcome=refused$/);
        await expect(page.getByLabel("Outcome")).toHaveValue("refused");

        await page.context().clearCookies();
        for (const evil of ["//evil.example/steal", "https://evil.example/", "/\\evil.example"]) {
          await page.goto(`/login?next=${encodeURIComponent(evil)}`);
          await expect(page.locator("input[name=next]")).toHaveValue("/dashboard");
        }
        // A tampered form is refused by the sign-in action itself.
        await page.locator("input[name=next]").evaluate((input: HTMLInputElement) => (input.value = "//evil.example/steal"));
        await page.getByLabel("User name").fill(E2E_ACCOUNTS[who].username);
        await page.getByLabel("Password").fill(E2E_ACCOUNTS[who].password);
        await page.getByRole("button", { name: "Sign in" }).click();
        await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/dashboard$/);
      });
    });
  }
}
