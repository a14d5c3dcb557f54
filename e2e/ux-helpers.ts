// Shared by the console-as-people-use-it specs (issue 13): both roles, both screen sizes, every page.
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import axe, { type AxeResults } from "axe-core";
import type { Who } from "./helpers";
import { auth, certificateNamed, requestsList } from "./wizard-helpers";
import { apiToken } from "./helpers";

export const ROLES: Who[] = ["admin", "helpdesk"];

/** The two screen sizes the console must work at. */
export const VIEWPORTS = [
  { name: "1366x768", width: 1366, height: 768 },
  { name: "1920x1080", width: 1920, height: 1080 },
] as const;

/** The axe-core rules every page is held to: WCAG 2.0 and 2.1, levels A and AA, and axe's best practices. */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/**
 * Loads axe-core into every document the page opens from now on, as an init script. `@axe-core/playwright` injects
 * the 0.5 MB script into each frame on every check and then finishes the run in a second, blank page: about 2 s a
 * page here, against about 0.4 s for the same rules run in place.
 */
export async function loadAxe(page: Page) {
  await page.addInitScript({ content: axe.source });
}

/**
 * axe-core's serious and critical violations on the page as it stands, one line each. Runs axe in the page itself
 * (injecting it first when {@link loadAxe} was not called); a page with frames goes through `@axe-core/playwright`,
 * which checks every frame, with the same axe-core (the project's pinned version, not the one bundled with it).
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  let results: AxeResults;
  if (page.frames().length > 1) {
    results = await new AxeBuilder({ page, axeSource: axe.source }).withTags(AXE_TAGS).analyze();
  } else {
    if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
    results = await page.evaluate((tags) => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: "tag", values: tags } }), AXE_TAGS);
  }
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

/** The page scrolls nowhere sideways: neither the document nor any element wider than its box (tables, pre blocks). */
export async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => {
    const doc = document.scrollingElement ?? document.documentElement;
    const out: string[] = [];
    if (doc.scrollWidth > doc.clientWidth + 1) out.push(`document ${doc.scrollWidth} > ${doc.clientWidth}`);
    for (const el of Array.from(document.querySelectorAll("main *"))) {
      const style = getComputedStyle(el);
      if (!/(auto|scroll)/.test(style.overflowX) || el.tagName === "PRE") continue;
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName.toLowerCase()}.${String(el.className).slice(0, 40)} ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return out;
  });
  expect(overflow, "nothing scrolls sideways").toEqual([]);
}

/** The console's pages, by name, with paths resolved against the seeded organization. */
export async function consolePages(request: APIRequestContext) {
  const token = await apiToken(request, "admin");
  const mail = await certificateNamed(request, token, "Contoso public mail 2026");
  const autodiscover = await certificateNamed(request, token, "Autodiscover (CRL server offline)");
  const pending = (await requestsList(request, token)).find((r) => r.friendlyName === "Webmail 2027 (pending)");
  expect(pending, "seeded pending request").toBeTruthy();
  return [
    ["dashboard", "/dashboard"],
    ["certificates", "/certificates"],
    ["certificate-general", `/certificates/${autodiscover.id}`],
    ["certificate-revocation", `/certificates/${autodiscover.id}?tab=revocation`],
    ["certificate-path", `/certificates/${mail.id}?tab=certification-path`],
    ["new-certificate", "/certificates/new"],
    ["new-self-signed", "/certificates/self-signed"],
    ["import", "/certificates/import"],
    ["assign", `/certificates/${autodiscover.id}/assign`],
    ["export", `/certificates/${mail.id}/export`],
    ["renew", `/certificates/${mail.id}/renew`],
    ["remove", `/certificates/${mail.id}/remove`],
    ["requests", "/requests"],
    ["complete-request", `/requests/${pending!.id}/complete`],
    ["servers", "/servers"],
    ["trust-stores", "/trust-stores"],
    ["endpoints", "/endpoints"],
    ["partners", "/partners"],
    ["diagnostics", "/diagnostics"],
    ["audit", "/audit"],
    ["settings", "/settings"],
    ["users", "/users"],
    ["account", "/account"],
    ["api-docs", "/api-docs"],
  ] as const;
}

/** Waits until the background job has checked every seeded certificate once (statuses are real, not Unknown). */
export async function waitForFirstCheck(request: APIRequestContext) {
  const token = await apiToken(request, "admin");
  await expect
    .poll(async () => {
      const state = await (await request.get("/api/v1/jobs/refresh-statuses", { headers: auth(token) })).json();
      return !state.running && state.lastRunAt !== null;
    }, { timeout: 60_000 })
    .toBe(true);
}

/**
 * Changes console settings through the API; returns a function that puts the previous ones back (given the request
 * context of the hook or test that calls it: Playwright does not let a beforeAll's context be reused in afterAll).
 */
export async function changeSettings(request: APIRequestContext, change: (current: Record<string, unknown>) => Record<string, unknown>) {
  const token = await apiToken(request, "admin");
  const current = (await (await request.get("/api/v1/settings", { headers: auth(token) })).json()) as Record<string, unknown>;
  delete current.id;
  delete current.updatedAt;
  expect((await request.put("/api/v1/settings", { headers: auth(token), data: change({ ...current }) })).status()).toBe(200);
  return async (context: APIRequestContext = request) => {
    expect((await context.put("/api/v1/settings", { headers: auth(await apiToken(context, "admin")), data: current })).status()).toBe(200);
  };
}
