// Issue 13 item 9 and the page tour: every page, for both roles, at 1366×768 and 1920×1080 — axe-core finds no
// serious or critical violation, nothing scrolls sideways, the sidebar's Sign out stays reachable, and a screenshot
// named page-role-size lands in e2e/artifacts/screenshots/.
import { test, expect } from "@playwright/test";
import { signIn } from "./helpers";
import { ROLES, VIEWPORTS, consolePages, expectNoSidewaysScroll, loadAxe, seriousAxeViolations, waitForFirstCheck } from "./ux-helpers";

test.beforeAll(async ({ request }) => {
  await waitForFirstCheck(request);
});

test("the sign-in page has no serious accessibility violation", async ({ page }) => {
  await loadAxe(page);
  for (const size of VIEWPORTS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto("/login");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `e2e/artifacts/screenshots/login-anonymous-${size.name}.png` });
  }
});

test("regression: the overview's certificate links named themselves without the words they show (WCAG 2.5.3, label in name)", async ({ page }) => {
  // Each cell's link read "EX01 IIS: Contoso public mail 2026, Valid, 334 days left" to a screen reader while showing
  // "Contoso public mail 2026" over "334 days left": a voice-control user saying what they see matched nothing.
  await loadAxe(page);
  await signIn(page, "helpdesk");
  const overview = page.getByRole("table", { name: "Servers and services" });
  await expect(overview.getByRole("link").first()).toBeVisible();
  const mismatched = (await seriousAxeViolations(page)).filter((v) => v.includes("label-content-name-mismatch"));
  expect(mismatched).toEqual([]);
  // The rule had something to check: the links are there, named with their status and days left.
  expect(await overview.getByRole("link", { name: /, Valid, \d+ days left/ }).count()).toBeGreaterThan(3);
});

for (const size of VIEWPORTS) {
  for (const who of ROLES) {
    test.describe(`${who} at ${size.name}`, () => {
      test.use({ viewport: { width: size.width, height: size.height } });

      test("every page: no serious or critical axe violation, no sideways scroll, Sign out reachable, screenshot", async ({ page, request }) => {
        test.setTimeout(300_000);
        const pages = await consolePages(request);
        await loadAxe(page);
        await signIn(page, who);
        const problems: string[] = [];
        for (const [name, path] of pages) {
          await page.goto(path);
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          problems.push(...(await seriousAxeViolations(page)).map((v) => `${name}: ${v}`));
          await expectNoSidewaysScroll(page);
          // The sidebar stays in view: Sign out is reachable at the bottom of the page too.
          await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
          await expect(page.getByRole("button", { name: "Sign out" }), `Sign out on ${name}`).toBeInViewport();
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: `e2e/artifacts/screenshots/${name}-${who}-${size.name}.png`, fullPage: true });
        }
        expect(problems).toEqual([]);
      });
    });
  }
}
