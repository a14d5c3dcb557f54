import { test, expect } from "@playwright/test";
import { signIn } from "./helpers";

test("without an ACME account, Settings says that no ACME CA is configured (admin and helpdesk)", async ({ page }) => {
  for (const who of ["admin", "helpdesk"] as const) {
    await signIn(page, who);
    await page.goto("/settings");
    const section = page.getByRole("region", { name: "Certificate authorities (ACME)" });
    await expect(section).toContainText("No ACME CA is configured.");
    await expect(section.getByRole("button")).toHaveCount(0);
    await page.context().clearCookies();
  }
});
