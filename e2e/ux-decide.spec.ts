// Issue 13 item 3: decide before the click. The Assign wizard shows the policy's answer as the page opens (refused
// under strict with Assign disabled, warning plus acknowledgement under warn-but-allow), the diagnosis once; Remove of
// a bound certificate and Export of a non-exportable key say why at once with no button; Import greys out servers
// that already have the certificate; a missing PFX password is reported as missing. Helpdesk sees none of the buttons.
import fs from "node:fs";
import { test, expect, type APIRequestContext } from "@playwright/test";
import { alerts, apiToken, signIn } from "./helpers";
import { auth, certificateNamed, opensslLab } from "./wizard-helpers";
import { ROLES, VIEWPORTS, changeSettings, waitForFirstCheck } from "./ux-helpers";

const PFX_PASSWORD = "e2e-decide-Passw0rd";
const AUTODISCOVER = "Autodiscover (CRL server offline)";

const setPolicy = (request: APIRequestContext, policy: "strict" | "warnButAllow") => changeSettings(request, (s) => ({ ...s, revocationPolicy: policy }));

let mailPfx = "";

test.beforeAll(async ({ request }) => {
  await waitForFirstCheck(request);
  const token = await apiToken(request, "admin");
  const mail = await certificateNamed(request, token, "Contoso public mail 2026");
  const exported = await request.post(`/api/v1/certificates/${mail.id}/export`, { headers: auth(token), data: { password: PFX_PASSWORD, encryption: "aes256", includeChain: false } });
  expect(exported.status()).toBe(200);
  mailPfx = opensslLab().file("mail.pfx");
  fs.writeFileSync(mailPfx, Buffer.from(await exported.body()));
});

for (const size of VIEWPORTS) {
  for (const who of ROLES) {
    test.describe(`${who} at ${size.name}`, () => {
      test.use({ viewport: { width: size.width, height: size.height } });

      test("Assign shows the policy's answer as the page opens, the diagnosis once, and disables Assign when refused", async ({ page, request }) => {
        const token = await apiToken(request, "admin");
        const cert = await certificateNamed(request, token, AUTODISCOVER);
        await signIn(page, who);
        await page.goto(`/certificates/${cert.id}/assign`);
        if (who === "helpdesk") {
          await expect(page.getByText("The helpdesk role is read-only: assigning services needs an administrator.")).toBeVisible();
          await expect(page.getByRole("button", { name: "Assign" })).toHaveCount(0);
          return;
        }
        await expect(page.getByTestId("policy-indicator")).toContainText("Revocation policy: Strict");
        await expect(page.getByText("This certificate cannot be assigned")).toBeVisible();
        await expect(page.getByTestId("decision")).toContainText("The revocation policy is strict");
        await expect(page.getByTestId("decision")).not.toContainText("127.0.0.1:9");
        await expect(page.getByTestId("diagnosis")).toContainText("connection refused by 127.0.0.1:9");
        await expect(page.getByText(/connection refused by 127\.0\.0\.1:9/)).toHaveCount(1); // once, not three times
        await expect(page.getByRole("button", { name: "Assign" })).toBeDisabled();
        try {
          await setPolicy(request, "warnButAllow");
          await page.reload();
          await expect(page.getByTestId("policy-indicator")).toContainText("Revocation policy: Warn but allow");
          await expect(page.getByText("Warning: the revocation status could not be determined")).toBeVisible();
          await expect(page.getByLabel(/I understand that the revocation status/)).toBeVisible();
          await expect(page.getByText(/connection refused by 127\.0\.0\.1:9/)).toHaveCount(1);
          await page.getByLabel("EXCAS1").check();
          await page.getByLabel("IMAP", { exact: true }).check();
          await expect(page.getByRole("button", { name: "Assign" })).toBeEnabled();
        } finally {
          await setPolicy(request, "strict");
        }
      });

      test("Remove of a bound certificate and Export of a non-exportable key say why at once, with no button", async ({ page, request }) => {
        const token = await apiToken(request, "admin");
        const mail = await certificateNamed(request, token, "Contoso public mail 2026");
        const edge = await certificateNamed(request, token, "Edge SMTP (expiring)");
        await signIn(page, who);
        await page.goto(`/certificates/${mail.id}/remove`);
        if (who === "admin") {
          await expect(page.getByText("This certificate cannot be removed: it is in use")).toBeVisible();
          await expect(page.getByTestId("remove-in-use")).toHaveText(/^It serves IIS, SMTP on EX01; IIS, IMAP, POP, SMTP on EXCAS1\. Assign another certificate to those services first/);
        } else {
          await expect(page.getByText("The helpdesk role is read-only: removing certificates needs an administrator.")).toBeVisible();
        }
        await expect(page.getByRole("button", { name: /Remove/ })).toHaveCount(0);
        await expect(page.getByRole("checkbox")).toHaveCount(0);

        await page.goto(`/certificates/${edge.id}/export`);
        if (who === "admin") await expect(page.getByTestId("export-refused")).toContainText("marked as not exportable");
        else await expect(page.getByText("The helpdesk role may not export private keys.")).toBeVisible();
        await expect(page.getByRole("button", { name: "Export" })).toHaveCount(0);
        await expect(page.locator("input[type=password]")).toHaveCount(0);
      });

      test("Import reports a missing password as missing and greys out servers that already have the certificate", async ({ page }) => {
        await signIn(page, who);
        await page.goto("/certificates/import");
        if (who === "helpdesk") {
          await expect(page.getByText("The helpdesk role is read-only: importing needs an administrator.")).toBeVisible();
          await expect(page.locator("input[type=file]")).toHaveCount(0);
          return;
        }
        await page.locator("input[type=file]").setInputFiles(mailPfx);
        await page.getByRole("button", { name: "Next" }).click();
        await expect(alerts(page)).toContainText("This PKCS#12 file is protected by a password: enter the password it was exported with.");
        await expect(alerts(page)).not.toContainText("incorrect");
        await page.getByLabel("Password (PFX/P12 only)").fill("not-the-password");
        await page.getByRole("button", { name: "Next" }).click();
        await expect(alerts(page)).toContainText("incorrect");
        await page.getByLabel("Password (PFX/P12 only)").fill(PFX_PASSWORD);
        await page.getByRole("button", { name: "Next" }).click();
        await expect(page.getByText("This certificate is already in the console")).toBeVisible();
        for (const server of ["EX01", "EXCAS1"]) {
          await expect(page.getByLabel(server)).toBeDisabled();
          await expect(page.getByLabel(server)).not.toBeChecked();
        }
        await expect(page.getByLabel("EDGE1")).toBeEnabled();
        await expect(page.getByText("(already has it)")).toHaveCount(2);
      });
    });
  }
}
