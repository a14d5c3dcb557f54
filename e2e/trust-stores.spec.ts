import { test, expect } from "@playwright/test";
import { shot, signIn } from "./helpers";

test("RootCAType: the hybrid finding on EXCAS1 is fixed in one click, and removing the root brings it back", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/trust-stores?server=EXCAS1");
  const rootCaTypes = page.getByRole("table", { name: "RootCAType on EXCAS1" });
  const mailRow = rootCaTypes.getByRole("row").filter({ hasText: "Contoso public mail 2026" });
  await expect(mailRow).toContainText("Registry");
  const health = page.getByRole("region", { name: "Hybrid health" });
  await expect(health).toContainText(/hybrid \/ Office 365 mail may stay Pending: the root \(.*CN=Contoso Lab Root CA.*\) is only in Trusted Root on EXCAS1 — add it to Third-Party Root/);
  await shot(page, "trust-01-excas1-registry");

  await health.getByRole("button", { name: "Fix: add to Third-Party Root on EXCAS1" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added the root to Third-Party Root on EXCAS1." })).toBeVisible();
  await expect(mailRow).toContainText("ThirdParty");
  await expect(health).toContainText("No hybrid findings on this server any more.");
  await expect(health.getByRole("button", { name: /Fix:/ })).toHaveCount(0);
  const thirdParty = page.getByRole("region", { name: "Third-Party Root Certification Authorities" });
  await expect(thirdParty).toContainText("CN=Contoso Lab Root CA");
  await shot(page, "trust-02-excas1-thirdparty");

  // The certificates list and the Properties dialog show it per server.
  await page.goto("/certificates?q=mail.contoso.com");
  const listRow = page.getByRole("table", { name: "Certificates" }).getByRole("row").filter({ hasText: "Contoso public mail 2026" });
  await expect(listRow).toContainText("EXCAS1: ThirdParty");
  await expect(listRow).toContainText("EX01: ThirdParty");
  await listRow.getByRole("link", { name: "Contoso public mail 2026" }).click();
  await page.getByRole("tab", { name: "Certification Path" }).click();
  await expect(page.getByRole("heading", { name: /As seen from EXCAS1/ })).toContainText("RootCAType: ThirdParty");
  await page.getByRole("tab", { name: "Details" }).click();
  await expect(page.getByText(/RootCAType\s+: ThirdParty/).first()).toBeVisible();

  // The audit log has it.
  await page.goto("/audit?action=trustStore.add");
  await expect(page.getByRole("table", { name: "Audit events" })).toContainText("ThirdPartyRoot");

  // Undo through the store's Remove button: RootCAType goes back to Registry.
  await page.goto("/trust-stores?server=EXCAS1");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("region", { name: "Third-Party Root Certification Authorities" }).getByRole("button", { name: /^Remove .*CN=Contoso Lab Root CA/ }).click();
  await expect(page.getByRole("table", { name: "RootCAType on EXCAS1" }).getByRole("row").filter({ hasText: "Contoso public mail 2026" })).toContainText("Registry");
});

test("helpdesk sees trust stores and findings but no controls", async ({ page }) => {
  await signIn(page, "helpdesk");
  await page.goto("/trust-stores?server=EXCAS1");
  await expect(page.getByRole("region", { name: "Hybrid health" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Fix:/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await expect(page.getByRole("form", { name: /Add to a store/ })).toHaveCount(0);
});
