import { test, expect, type Page } from "@playwright/test";
import { OP_CLIENT_ID, OP_CLIENT_SECRET, startOidcProvider, type OidcTestProvider } from "../test/harness/oidc-provider";
import { alerts, signIn } from "./helpers";

/**
 * OIDC sign-in in the browser against a real OpenID Provider (oidc-provider) started by this spec on loopback
 * (the seeded URL allow-list lets the console reach 127.0.0.1). The admin configures the provider and the claim →
 * role mapping in Settings; a helpdesk user signs in at the provider, lands in the console with the mapped role, and
 * signs out. The spec switches OIDC sign-in off again at the end, so other specs see the sign-in page as before.
 */
let op: OidcTestProvider;

async function setOidc(page: Page, enabled: boolean, baseURL: string) {
  await signIn(page, "admin");
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "OpenID Connect" });
  const mappings = page.getByRole("region", { name: "Group to role mapping" });
  if (enabled) {
    await section.getByLabel("Button label").fill("Lab OP");
    await section.getByLabel("Issuer").fill(op.issuer);
    await section.getByLabel("Client ID").fill(OP_CLIENT_ID);
    await section.getByLabel(/Client secret/).fill(OP_CLIENT_SECRET);
    await section.getByLabel("Role claim").fill("groups");
    await section.getByLabel(/Redirect URL/).fill(`${baseURL}/auth/oidc/callback`);
    for (const [group, role] of [["console-admins", "admin"], ["helpdesk", "helpdesk"]] as const) {
      await mappings.getByRole("button", { name: "Add mapping" }).click();
      const n = await mappings.getByRole("row").count(); // header row + mappings: the new one is number n - 1
      await mappings.getByLabel(`Source of mapping ${n - 1}`).selectOption("oidc");
      await mappings.getByLabel(`Group of mapping ${n - 1}`).fill(group);
      await mappings.getByLabel(`Role of mapping ${n - 1}`).selectOption(role);
    }
  } else {
    // Remove what this spec added: the OIDC mappings and the stored secret.
    for (let n = await mappings.getByRole("row").count(); n > 1; n--) {
      if ((await mappings.getByLabel(`Source of mapping ${n - 1}`).inputValue()) === "oidc") await mappings.getByRole("button", { name: `Remove mapping ${n - 1}` }).click();
    }
    const clear = section.getByLabel("Remove the stored client secret");
    if (await clear.count()) await clear.check();
  }
  await section.getByLabel(/Offer "Sign in with/).setChecked(enabled);
  await page.getByRole("button", { name: "Save sign-in settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sign-in configuration saved." })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

test.describe("OIDC sign-in", () => {
  test.beforeAll(async ({ baseURL }) => {
    op = await startOidcProvider({ redirectUris: [`${baseURL}/auth/oidc/callback`] });
  });

  test.afterAll(async ({ browser, baseURL }) => {
    const page = await browser.newPage({ baseURL });
    try {
      await setOidc(page, false, baseURL!);
      await expect(page.getByRole("link", { name: /Sign in with/ })).toHaveCount(0);
    } finally {
      await page.close();
      await op?.stop();
    }
  });

  test("sign in at the provider, the groups claim maps to helpdesk, sign out ends the session", async ({ page, baseURL }) => {
    await setOidc(page, true, baseURL!);
    await page.goto("/certificates");
    await expect(page).toHaveURL(/\/login\?next=%2Fcertificates/);
    await page.getByRole("link", { name: "Sign in with Lab OP" }).click();
    await expect(page.getByRole("heading", { name: "Lab OpenID Provider" })).toBeVisible();
    await page.getByLabel("Login").fill("carol");
    await page.getByLabel("Password").fill("carol-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("whoami")).toHaveText("carol");
    await expect(page.getByTestId("role")).toHaveText("helpdesk");
    await expect(page).toHaveURL(/\/certificates$/);
    // Helpdesk is read-only here too.
    await page.goto("/settings");
    await expect(page.getByRole("button", { name: "Save sign-in settings" })).toHaveCount(0);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login/);
  });

  test("an admin group maps to admin; a forged callback (no sign-in started here) is refused with a clear message", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("link", { name: "Sign in with Lab OP" }).click();
    await page.getByLabel("Login").fill("alice");
    await page.getByLabel("Password").fill("alice-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("role")).toHaveText("admin");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);

    await page.goto("/auth/oidc/callback?code=forged&state=forged");
    await expect(page).toHaveURL(/\/login\?error=ERR_OIDC_STATE_MISMATCH/);
    await expect(alerts(page)).toContainText("did not belong to a sign-in started here");
  });
});
