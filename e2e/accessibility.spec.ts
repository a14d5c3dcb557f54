// Issue 13 item 9 and the page tour: every page, for both roles, at 1366×768 and 1920×1080 — axe-core finds no
// serious or critical violation, nothing scrolls sideways, the sidebar's Sign out stays reachable, and a screenshot
// named page-role-size lands in e2e/artifacts/screenshots/.
import AxeBuilder from "@axe-core/playwright";
import { test, expect, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { ROLES, VIEWPORTS, consolePages, expectNoSidewaysScroll, waitForFirstCheck } from "./ux-helpers";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

test.beforeAll(async ({ request }) => {
  await waitForFirstCheck(request);
});

test("the sign-in page has no serious accessibility violation", async ({ page }) => {
  for (const size of VIEWPORTS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto("/login");
    expect(await seriousViolations(page)).toEqual([]);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `e2e/artifacts/screenshots/login-anonymous-${size.name}.png` });
  }
});

for (const size of VIEWPORTS) {
  for (const who of ROLES) {
    test.describe(`${who} at ${size.name}`, () => {
      test.use({ viewport: { width: size.width, height: size.height } });

      test("every page: no serious or critical axe violation, no sideways scroll, Sign out reachable, screenshot", async ({ page, request }) => {
        test.setTimeout(300_000);
        const pages = await consolePages(request);
        await signIn(page, who);
        const problems: string[] = [];
        for (const [name, path] of pages) {
          await page.goto(path);
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          problems.push(...(await seriousViolations(page)).map((v) => `${name}: ${v}`));
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
