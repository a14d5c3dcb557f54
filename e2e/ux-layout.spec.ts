// Issue 13 item 6: layout at 1366×768 and 1920×1080 — Requests and Endpoints do not scroll sideways, the sidebar
// stays in view, Settings' Save is visible without scrolling, the expiry view is a sorted timeline of names and
// services inside its panel, and the helpdesk's read-only Settings shows the policy in force.
import { test, expect } from "@playwright/test";
import { signIn } from "./helpers";
import { ROLES, VIEWPORTS, expectNoSidewaysScroll, waitForFirstCheck } from "./ux-helpers";

test.beforeAll(async ({ request }) => {
  await waitForFirstCheck(request);
});

for (const size of VIEWPORTS) {
  for (const who of ROLES) {
    test.describe(`${who} at ${size.name}`, () => {
      test.use({ viewport: { width: size.width, height: size.height } });

      test("Requests and Endpoints fit the width; the sidebar and Sign out stay in view while scrolling", async ({ page }) => {
        await signIn(page, who);
        for (const path of ["/requests", "/endpoints", "/certificates", "/audit"]) {
          await page.goto(path);
          await expectNoSidewaysScroll(page);
          const table = page.getByRole("table").first();
          const box = (await table.boundingBox())!;
          expect(box.x + box.width, `${path} table inside the window`).toBeLessThanOrEqual(size.width);
        }
        await page.goto("/audit");
        await page.mouse.wheel(0, 5000);
        await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" })).toBeInViewport();
        await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
      });

      test("the expiry view answers what expires next and where it is used, inside its panel", async ({ page }) => {
        await signIn(page, who);
        await page.goto("/dashboard");
        const timeline = page.getByRole("list", { name: "What expires next" });
        const items = timeline.getByRole("listitem");
        await expect(items.first()).toBeVisible();
        const texts = await items.allInnerTexts();
        const dates = texts.map((t) => t.match(/\d{4}-\d{2}-\d{2}/)![0]);
        expect(dates).toEqual([...dates].sort());
        await expect(items.filter({ hasText: "Edge SMTP (expiring)" })).toContainText(/in \d+ days?[\s\S]*Used by EDGE1 SMTP/);
        await expect(items.filter({ hasText: "Old mail certificate 2024" })).toContainText(/expired \d+ days ago[\s\S]*Installed on EXCAS1, not assigned/);
        const panel = (await timeline.locator("xpath=ancestor::section[1]").boundingBox())!;
        for (const item of await items.all()) {
          const b = (await item.boundingBox())!;
          expect(b.x).toBeGreaterThanOrEqual(panel.x);
          expect(b.x + b.width).toBeLessThanOrEqual(panel.x + panel.width + 0.5);
        }
        await expectNoSidewaysScroll(page);
      });

      test("Settings: Save visible without scrolling for admins; the policy in force stated for helpdesk", async ({ page }) => {
        await signIn(page, who);
        await page.goto("/settings");
        if (who === "admin") {
          await expect(page.getByRole("button", { name: "Save settings" })).toBeInViewport();
          await page.getByLabel("Webhook URL").scrollIntoViewIfNeeded();
          await expect(page.getByRole("button", { name: "Save settings" })).toBeInViewport();
        } else {
          await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0);
          const inForce = page.getByRole("region", { name: "Settings in force" });
          await expect(inForce).toBeInViewport();
          await expect(inForce.getByTestId("policy-in-force")).toHaveText(/^Strict \(Exchange 2010 EMC\): a certificate whose revocation check failed cannot be assigned to services\.$/);
          await expect(inForce).toContainText("http://127.0.0.1:3999");
          await expect(inForce).toContainText("127.0.0.1;localhost;<local>");
        }
      });
    });
  }
}
