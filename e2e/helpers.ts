import { expect, type Page, type APIRequestContext } from "@playwright/test";
import { E2E_ACCOUNTS } from "./accounts.mjs";

export type Who = keyof typeof E2E_ACCOUNTS;

/** Signs in through the login form. */
export async function signIn(page: Page, who: Who) {
  await page.goto("/login");
  await page.getByLabel("User name").fill(E2E_ACCOUNTS[who].username);
  await page.getByLabel("Password").fill(E2E_ACCOUNTS[who].password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("whoami")).toHaveText(E2E_ACCOUNTS[who].username);
}

/** Signs in through the API and returns a bearer token. */
export async function apiToken(request: APIRequestContext, who: Who): Promise<string> {
  const res = await request.post("/api/v1/session", { data: E2E_ACCOUNTS[who] });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** Saves a full-page screenshot as a test artifact. */
export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `e2e/artifacts/screenshots/${name}.png`, fullPage: true });
}

/** The page's own alert messages (Next.js's route announcer also has role=alert). */
export function alerts(page: Page) {
  return page.locator("[role=alert]:not(#__next-route-announcer__)");
}
