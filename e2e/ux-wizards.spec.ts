// Issue 13 items 7, 8 and 9 (keyboard): the wildcard flow skips the per-service host names page and drops no
// entered name silently; Complete Pending Request is subtitled with the friendly name; every wizard is completed
// with the keyboard alone (Tab to reach a control, Space/Enter/typing to operate it — no clicks).
import fs from "node:fs";
import { test, expect, type Locator, type Page } from "@playwright/test";
import { apiToken, signIn } from "./helpers";
import { auth, certificateNamed, opensslLab, requestsList } from "./wizard-helpers";
import { VIEWPORTS, waitForFirstCheck } from "./ux-helpers";

/** Presses Tab until `target` has the focus (a control no Tab reaches fails the test). */
async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 120; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}
const press = async (page: Page, target: Locator, key: string) => (await tabTo(page, target), page.keyboard.press(key));
const type = async (page: Page, target: Locator, text: string) => (await tabTo(page, target), page.keyboard.press("Control+A"), page.keyboard.type(text));
const PFX_PASSWORD = "e2e-keyboard-Passw0rd";

test.beforeAll(async ({ request }) => {
  await waitForFirstCheck(request);
});

for (const size of VIEWPORTS) {
  test.describe(`at ${size.name}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test("wildcard: the host names page is skipped as in the EMC, and no entered name is dropped silently", async ({ page }) => {
      await signIn(page, "admin");
      await page.goto("/certificates/new");
      const step = page.getByTestId("wizard-step");
      await page.getByLabel("Friendly name").fill(`E2E wildcard names ${size.name}`);
      await page.getByRole("button", { name: "Next" }).click();
      await page.getByRole("button", { name: "Next" }).click();
      await expect(step).toHaveText("Step 3 of 8: Exchange configuration");
      await page.getByLabel("Outlook Web App external host names").fill("mail.contoso.com, owa.eu.contoso.com");
      await page.getByRole("button", { name: "Back" }).click();
      await page.getByLabel("Enable wildcard certificate").check();
      await page.getByRole("button", { name: "Next" }).click();
      await expect(step).toHaveText("Step 4 of 8: Certificate domains");
      const domains = page.getByRole("table", { name: "Certificate domains" });
      await expect(domains.getByRole("row").nth(1)).toContainText("*.contoso.com");
      await expect(domains).toContainText("owa.eu.contoso.com"); // deeper than the wildcard: kept
      await expect(page.getByTestId("covered-names")).toContainText("mail.contoso.com"); // covered: said so
      await page.getByLabel("Add a domain").fill("legacy.fabrikam.com");
      await page.getByRole("button", { name: "Add", exact: true }).click();
      await page.getByRole("button", { name: "Back" }).click();
      await expect(step).toHaveText("Step 2 of 8: Domain scope");
      await page.getByRole("button", { name: "Next" }).click();
      await expect(domains).toContainText("legacy.fabrikam.com"); // added by hand: kept
      await expect(domains).toContainText("owa.eu.contoso.com");
    });

    test("every wizard completed with the keyboard alone; Complete Pending Request names the request", async ({ page, request }) => {
      test.setTimeout(240_000);
      const token = await apiToken(request, "admin");
      const lab = opensslLab();
      const tag = size.name;
      await signIn(page, "admin");

      // New Exchange Certificate (wildcard) → a pending request.
      await page.goto("/certificates/new");
      const step = page.getByTestId("wizard-step");
      await type(page, page.getByLabel("Friendly name"), `E2E keyboard request ${tag}`);
      await press(page, page.getByRole("button", { name: "Next" }), "Enter");
      await expect(step).toHaveText("Step 2 of 8: Domain scope");
      await press(page, page.getByLabel("Enable wildcard certificate"), "Space");
      await press(page, page.getByRole("button", { name: "Next" }), "Enter");
      await expect(step).toHaveText("Step 4 of 8: Certificate domains");
      for (const expected of ["Step 5 of 8: Organization and location", "Step 6 of 8: Key", "Step 7 of 8: Review"]) {
        await press(page, page.getByRole("button", { name: "Next" }), "Enter");
        await expect(step).toHaveText(expected);
      }
      await press(page, page.getByRole("button", { name: "New" }), "Enter");
      await expect(step).toHaveText("Step 8 of 8: Save the request");
      const pending = (await requestsList(request, token)).find((r) => r.friendlyName === `E2E keyboard request ${tag}`);
      expect(pending?.status).toBe("Pending");

      // Complete Pending Request: subtitle by friendly name; the file chosen from the keyboard.
      const csr = await request.get(`/api/v1/certificate-requests/${pending!.id}?format=req`, { headers: auth(token) });
      fs.writeFileSync(lab.file("kb.csr"), await csr.body());
      const answer = lab.sign(lab.file("kb.csr"), "kb");
      await page.goto(`/requests/${pending!.id}/complete`);
      await expect(page.getByRole("heading", { level: 1 }).locator("xpath=following-sibling::p")).toHaveText(`E2E keyboard request ${tag} — import the certification authority's answer to this request.`);
      const chooser = page.waitForEvent("filechooser");
      await press(page, page.locator("input[type=file]"), "Space");
      await (await chooser).setFiles(answer);
      await press(page, page.getByRole("button", { name: "Complete" }), "Enter");
      await expect(page.getByText("The pending request was completed.")).toBeVisible();

      // New self-signed on EX01, exportable, no services.
      await page.goto("/certificates/self-signed");
      await tabTo(page, page.getByRole("combobox", { name: /^Server/ }));
      await page.keyboard.type("EX01");
      await type(page, page.getByLabel("Friendly name"), `E2E keyboard self-signed ${tag}`);
      for (const s of ["IMAP", "POP", "SMTP"]) await press(page, page.getByLabel(s, { exact: true }), "Space");
      await press(page, page.getByLabel("Make private key exportable"), "Space");
      await press(page, page.getByRole("button", { name: "Create self-signed certificate" }), "Enter");
      await expect(page.getByText("The self-signed certificate was created.")).toBeVisible();
      const self = await certificateNamed(request, token, `E2E keyboard self-signed ${tag}`);

      // Export with a password.
      await page.goto(`/certificates/${self.id}/export`);
      await type(page, page.getByLabel("Password", { exact: true }), PFX_PASSWORD);
      await type(page, page.getByLabel("Confirm password"), PFX_PASSWORD);
      const download = page.waitForEvent("download");
      await press(page, page.getByRole("button", { name: "Export" }), "Enter");
      const pfxPath = lab.file(`kb-${tag}.pfx`);
      await (await download).saveAs(pfxPath);
      await expect(page.getByText("The certificate was exported.")).toBeVisible();
      expect(lab.opensslAll("pkcs12", "-in", pfxPath, "-passin", `pass:${PFX_PASSWORD}`, "-nokeys", "-info")).toContain("E2E keyboard self-signed");

      // Assign IMAP on EX01.
      await page.goto(`/certificates/${self.id}/assign`);
      await press(page, page.getByLabel("EX01"), "Space");
      await press(page, page.getByLabel("IMAP", { exact: true }), "Space");
      await press(page, page.getByRole("button", { name: "Assign" }), "Enter");
      await expect(page.getByText("Services assigned.")).toBeVisible();

      // Renew (the self-signed certificate).
      await page.goto(`/certificates/${self.id}/renew`);
      await press(page, page.getByRole("button", { name: "Next" }), "Enter");
      await press(page, page.getByRole("button", { name: "Renew" }), "Enter");
      await expect(page.getByTestId("wizard-step")).toHaveText(/Step 3 of 3/);

      // Import a PFX onto EXCAS1.
      const made = lab.pfx(`kb-import-${tag.replace("x", "-")}`, PFX_PASSWORD);
      await page.goto("/certificates/import");
      const importChooser = page.waitForEvent("filechooser");
      await press(page, page.locator("input[type=file]"), "Space");
      await (await importChooser).setFiles(made.pfx);
      await type(page, page.getByLabel("Password (PFX/P12 only)"), PFX_PASSWORD);
      await press(page, page.getByRole("button", { name: "Next" }), "Enter");
      await press(page, page.getByLabel("EXCAS1"), "Space");
      await press(page, page.getByRole("button", { name: "Import" }), "Enter");
      await expect(page.getByText("The certificate was imported.")).toBeVisible();

      // Remove the imported certificate (not bound to anything).
      const imported = (await (await request.get(`/api/v1/certificates?pageSize=200&q=${encodeURIComponent(`kb-import-${tag.replace("x", "-")}`)}`, { headers: auth(token) })).json()).items[0] as { id: string };
      await page.goto(`/certificates/${imported.id}/remove`);
      await press(page, page.getByLabel(/Remove this certificate and its private key/), "Space");
      await press(page, page.getByRole("button", { name: "Remove", exact: true }), "Enter");
      await expect(page.getByText("The certificate was removed.")).toBeVisible();
    });
  });
}

test("helpdesk reaches every wizard page and is told it is read-only, with no action button", async ({ page, request }) => {
  const token = await apiToken(request, "admin");
  const mail = await certificateNamed(request, token, "Contoso public mail 2026");
  await signIn(page, "helpdesk");
  for (const path of ["/certificates/new", "/certificates/self-signed", "/certificates/import", `/certificates/${mail.id}/assign`, `/certificates/${mail.id}/export`, `/certificates/${mail.id}/renew`, `/certificates/${mail.id}/remove`]) {
    await page.goto(path);
    await expect(page.getByText(/read-only|may not export/).first(), path).toBeVisible();
    await expect(page.getByRole("button", { name: /^(Next|Assign|Export|Renew|Remove|Import|Create self-signed certificate)$/ }), path).toHaveCount(0);
  }
});
