// Issue 16, parts 3–5 in the browser: an admin creates a local account; that account enrols an authenticator app
// (the code is computed by the test's own RFC 6238 implementation) and signs in with it; a wrong and a reused code
// are refused. The admin creates a read-only API token and uses it with the API: a GET (200), a change (403); then
// revokes it (401). Names are this spec's own; the account is disabled and the token revoked at the end. The seeded
// admin and helpdesk accounts other specs sign in with never get a second factor.
import { expect, test, type Page } from "@playwright/test";
import { alerts, signIn } from "./helpers";
import { totpCode } from "../test/helpers/rfc6238";

const USER = "e2e-u16-totp-operator";
const PASSWORD = "e2e-u16-Operator-Passw0rd";
const TOKEN_NAME = "e2e-u16-read-token";

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

async function signInWithCode(page: Page, code: string) {
  await page.goto("/login");
  await page.getByLabel("User name").fill(USER);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Authenticator code").fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("users, TOTP and scoped API tokens", async ({ page, request }) => {
  // The admin creates a local account on the Users page.
  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users");
  const create = page.getByRole("form", { name: "Create a local account" });
  await create.getByLabel("User name").fill(USER);
  await create.getByLabel("Password").fill(PASSWORD);
  await create.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId(`user-${USER}`)).toContainText("never");
  await signOut(page);

  // The new account enrols an authenticator app on its Account page.
  await page.goto("/login");
  await page.getByLabel("User name").fill(USER);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("whoami")).toHaveText(USER);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" }).click();
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await expect(page.getByTestId("totp-uri")).toContainText(`otpauth://totp/certconsole:${USER}?`);
  await page.getByLabel("Code from the app").fill(totpCode(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("totp-state")).toContainText("On:");
  await signOut(page);

  // Without a code, and with a wrong code, the sign-in is refused.
  await page.getByLabel("User name").fill(USER);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(alerts(page)).toContainText("6-digit code");
  await signInWithCode(page, totpCode(secret, Date.now() + 10 * 60_000));
  await expect(alerts(page)).toContainText("wrong or has expired");
  // The next step's code (the enrolment code's step is spent) signs in.
  const code = totpCode(secret, Date.now() + 30_000);
  await signInWithCode(page, code);
  await expect(page.getByTestId("whoami")).toHaveText(USER);
  // The same code again is refused (same time step), through the API sign-in too.
  const reused = await request.post("/api/v1/session", { data: { username: USER, password: PASSWORD, totpCode: code } });
  expect(reused.status()).toBe(401);
  expect(((await reused.json()) as { error: { code: string } }).error.code).toBe("ERR_TOTP_REUSED");
  await signOut(page);

  // The admin creates a read-only token on the API page; it is shown once.
  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API" }).click();
  await expect(page.getByRole("link", { name: "/api/v1/openapi.json" })).toBeVisible();
  const form = page.getByRole("form", { name: "Create API token" });
  await form.getByLabel("Token name").fill(TOKEN_NAME);
  await form.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^cc_/);
  const auth = { authorization: `Bearer ${token}` };

  expect((await request.get("/api/v1/certificates", { headers: auth })).status()).toBe(200);
  const refused = await request.post("/api/v1/partners", { headers: auth, data: { domain: "e2e-u16.example", host: "mx.e2e-u16.example", port: 25, starttls: "smtp" } });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("ERR_FORBIDDEN");
  const doc = (await (await request.get("/api/v1/openapi.json")).json()) as { openapi: string; paths: Record<string, unknown> };
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toContain("/api/v1/partners");

  await page.reload();
  const row = page.getByTestId(`token-${TOKEN_NAME}`);
  await expect(row).not.toContainText("never");
  await row.getByRole("button", { name: `Revoke ${TOKEN_NAME}` }).click();
  await expect(row).toContainText("revoked");
  expect((await request.get("/api/v1/certificates", { headers: auth })).status()).toBe(401);

  // Clean up: the account is disabled (its sign-in refused from now on).
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await page.getByTestId(`user-${USER}`).getByRole("button", { name: `Disable ${USER}` }).click();
  await expect(page.getByTestId(`user-${USER}`)).toContainText("disabled");
  const disabled = await request.post("/api/v1/session", { data: { username: USER, password: PASSWORD, totpCode: totpCode(secret, Date.now() + 60_000) } });
  expect(((await disabled.json()) as { error: { code: string } }).error.code).toBe("ERR_ACCOUNT_DISABLED");
});
