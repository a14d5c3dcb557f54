import { test, expect } from "@playwright/test";
import { apiToken, shot, signIn } from "./helpers";

test("the monitoring job raises alerts that appear on the dashboard; re-check shows progress; admins acknowledge", async ({ page, request }) => {
  const admin = await apiToken(request, "admin");
  await expect
    .poll(async () => {
      const state = await (await request.get("/api/v1/jobs/refresh-statuses", { headers: { authorization: `Bearer ${admin}` } })).json();
      return !state.running && state.lastRunAt !== null;
    }, { timeout: 60_000 })
    .toBe(true);

  await signIn(page, "admin");
  await page.goto("/dashboard");
  const alerts = page.getByRole("list", { name: "Alerts" });
  await expect(alerts.getByRole("listitem").filter({ hasText: "ExpiresSoon 12018" })).toContainText(/hours left.*smtp\.contoso\.com/);
  await expect(alerts.getByRole("listitem").filter({ hasText: "Expired 12016" })).toContainText("oldmail.contoso.com");
  await expect(alerts.getByRole("listitem").filter({ hasText: /^Revoked/ })).toContainText("keyCompromise");
  await expect(alerts.getByRole("listitem").filter({ hasText: "RevocationFailing" }).first()).toContainText("Revocation check failing since");
  await expect(page.getByTestId("count-Revoked")).toHaveText("1");
  await expect(page.getByRole("list", { name: "What expires next" }).getByRole("listitem").first()).toContainText(/expired \d+ days ago/);
  const inUse = page.getByRole("table", { name: "Certificates in use" });
  await expect(inUse.getByRole("row").nth(1)).not.toContainText("Valid :"); // problems first
  await shot(page, "dashboard-01-alerts");

  await page.getByRole("button", { name: "Re-check all certificates now" }).click();
  await expect(page.getByRole("button", { name: "Re-checking…" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Checking chain and revocation" })).toBeVisible();
  await shot(page, "dashboard-02-recheck-progress");
  await expect(page.getByRole("button", { name: "Re-check all certificates now" })).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByTestId("last-run")).toContainText("Last checked");

  const expiring = alerts.getByRole("listitem").filter({ hasText: "ExpiresSoon 12018" });
  await expiring.getByRole("button", { name: "Acknowledge" }).click();
  await expect(expiring).toContainText("acknowledged by admin");
  // No duplicate alerts after a second run.
  await expect(alerts.getByRole("listitem").filter({ hasText: "ExpiresSoon 12018" })).toHaveCount(1);
});

test("helpdesk sees the dashboard and alerts without their controls", async ({ page }) => {
  await signIn(page, "helpdesk");
  await page.goto("/dashboard");
  await expect(page.getByRole("list", { name: "Alerts" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Mute this certificate" })).toHaveCount(0);
});
