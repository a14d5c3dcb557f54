// Issue 17, "Done means": a certificate issued through the browser from a real Pebble (Debian's ACME test CA) with the
// RFC 2136 solver against a real BIND on loopback, IIS assigned on EXCAS1, then renewed (Renew now) and the renewal
// approved after its impact preview. The spec gives everything back for the specs after it: IIS returns to "Contoso
// public mail 2026" on EXCAS1, the ACME certificates are removed, the account deactivated, the Pebble root taken out of
// EXCAS1's store and the revocation policy set back to strict.
import fs from "node:fs";
import { test, expect, type Page } from "@playwright/test";
import { apiToken, shot, signIn } from "./helpers";
import { auth, certificateDetail, certificateNamed } from "./wizard-helpers";
import { startBind9, type Bind9Server } from "../test/harness/bind9";
import { startPebble, type PebbleServer } from "../test/harness/pebble";
import { waitForFirstCheck } from "./ux-helpers";

const INSTALLED = fs.existsSync("/usr/bin/pebble") && fs.existsSync("/usr/sbin/named");
const FRIENDLY = "E2E ACME Pebble";
const ACCOUNT = "E2E Pebble (acme spec)";

// The first spec on the demo console: the seeded statuses are real (checked once) before it assigns services.
test.beforeAll(async ({ request }) => {
  await waitForFirstCheck(request);
});

test("without an ACME account, Settings says that no ACME CA is configured; helpdesk sees no controls", async ({ page }) => {
  await signIn(page, "helpdesk");
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Certificate authorities (ACME)" });
  await expect(section).toContainText("No ACME CA is configured.");
  await expect(section.getByRole("button")).toHaveCount(0);
  await page.context().clearCookies();
  await signIn(page, "admin");
  await page.goto("/settings");
  await expect(section).toContainText("No ACME CA is configured.");
  await expect(section.getByRole("form", { name: "New ACME account" })).toBeVisible();
  // The wizard offers the ACME path only once an account exists.
  await page.goto("/certificates/new");
  await expect(page.getByLabel(/^Issue from an ACME CA/)).toBeDisabled();
});

test.describe("issuing from Pebble", () => {
  test.skip(!INSTALLED, "Pebble (/usr/bin/pebble, Debian package pebble) and BIND (/usr/sbin/named, bind9) are not installed: the ACME issuance spec needs both on loopback.");
  let bind: Bind9Server;
  let pebble: PebbleServer;
  test.beforeAll(async () => {
    bind = await startBind9("contoso.test");
    pebble = await startPebble({ dnsServer: bind.address });
  });
  test.afterAll(async () => {
    await pebble?.stop();
    await bind?.stop();
  });

  async function setPolicy(page: Page, policy: "strict" | "warnButAllow") {
    await page.goto("/settings");
    await page.getByLabel(policy === "strict" ? /Strict \(Exchange 2010 EMC\)/ : /Warn but allow/).check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  }

  test("issue with RFC 2136 through the wizard, assign IIS on EXCAS1, renew and approve the renewal after its impact preview", async ({ page, request }) => {
    test.setTimeout(240_000);
    const admin = await apiToken(request, "admin");
    const mail = await certificateNamed(request, admin, "Contoso public mail 2026");
    const detail = (await (await request.get(`/api/v1/certificates/${mail.id}`, { headers: auth(admin) })).json()) as { installations: { serverId: string; server: { name: string } }[] };
    const excas = detail.installations.find((i) => i.server.name === "EXCAS1")!.serverId;
    const rootPem = await pebble.rootPem();
    await signIn(page, "admin");
    page.on("dialog", (dialog) => void dialog.accept());
    try {
      // Settings → Certificate authorities → New ACME account (the TSIG secret is write-only).
      await page.goto("/settings");
      const form = page.getByRole("form", { name: "New ACME account" });
      await form.getByLabel("Account name").fill(ACCOUNT);
      await form.getByLabel("Contact email").fill("pki-team@contoso.com");
      await form.getByLabel("Directory URL").fill(pebble.directoryUrl);
      await form.getByLabel(/CA certificate for a private ACME CA/).fill(pebble.directoryCaPem);
      await form.getByLabel(/RFC 2136 DNS server/).fill(bind.address);
      await form.getByLabel("TSIG key name").fill(bind.tsig.name);
      await form.getByLabel(/TSIG secret/).fill(bind.tsig.secret);
      await form.getByRole("button", { name: "Register account" }).click();
      await expect(form.getByRole("alert")).toContainText("Accept the CA's terms of service");
      await form.getByLabel("I accept the CA's terms of service").check();
      await form.getByRole("button", { name: "Register account" }).click();
      await expect(form.getByRole("status")).toContainText(`The account "${ACCOUNT}" was registered with the CA.`);
      await page.reload();
      const accounts = page.getByTestId("acme-accounts");
      await expect(accounts).toContainText(ACCOUNT);
      await expect(accounts).toContainText(`RFC 2136 via ${bind.address}`);
      await expect(page.locator("body")).not.toContainText(bind.tsig.secret);
      await shot(page, "acme-01-account");

      // EXCAS1 trusts this run's Pebble root (Third-Party Root), as it would a public CA's.
      await page.goto("/trust-stores?server=EXCAS1");
      const add = page.getByRole("form", { name: "Add to a store on EXCAS1" });
      await add.getByLabel("Store").selectOption("ThirdPartyRoot");
      await add.getByLabel("Source").selectOption("file");
      await add.getByLabel("Certificate file").setInputFiles({ name: "pebble-root.pem", mimeType: "application/x-pem-file", buffer: Buffer.from(rootPem) });
      await add.getByRole("button", { name: "Add" }).click();
      await expect(add.getByRole("status")).toBeVisible({ timeout: 30_000 });
      // Pebble's certificates carry no CRL or OCSP URL: assignable under "warn but allow" with an acknowledgement.
      await setPolicy(page, "warnButAllow");

      // New Exchange Certificate → Issue from an ACME CA, the same domain-scoping pages.
      await page.goto("/certificates/new");
      const step = page.getByTestId("wizard-step");
      await page.getByLabel(/^Issue from an ACME CA/).check();
      await page.getByLabel("Server").selectOption({ label: "EXCAS1 (excas1.contoso.local)" });
      await page.getByLabel("Friendly name").fill(FRIENDLY);
      await page.getByRole("button", { name: "Next" }).click();
      await expect(step).toHaveText("Step 2 of 8: Domain scope");
      await page.getByLabel("Root domain").fill("contoso.test");
      await page.getByRole("button", { name: "Next" }).click();
      await expect(step).toHaveText("Step 3 of 8: Exchange configuration");
      for (const row of ["Exchange ActiveSync", "Outlook Anywhere", "Offline Address Book"]) await page.getByLabel(row, { exact: true }).uncheck();
      await page.getByLabel("Outlook Web App internal host names").fill("");
      await page.getByLabel("Outlook Web App external host names").fill("acme-e2e.contoso.test");
      await page.getByLabel(/^Long URL form/).uncheck();
      await page.getByRole("button", { name: "Next" }).click();
      await expect(step).toHaveText("Step 4 of 8: Certificate domains");
      await expect(page.getByRole("table", { name: "Certificate domains" }).getByRole("row")).toHaveCount(2);
      await expect(page.getByRole("table", { name: "Certificate domains" })).toContainText("acme-e2e.contoso.test");
      await page.getByRole("button", { name: "Next" }).click();
      await expect(step).toHaveText("Step 5 of 8: ACME CA and servers");
      await expect(page.getByLabel(/^RFC 2136 dynamic update/)).toBeChecked();
      await expect(page.getByLabel("EXCAS1", { exact: true })).toBeChecked();
      await expect(page.getByLabel("EX01", { exact: true })).not.toBeChecked();
      await shot(page, "acme-02-wizard-acme-step");
      await page.getByRole("button", { name: "Next" }).click();
      await page.getByRole("button", { name: "Next" }).click();
      await expect(step).toHaveText("Step 7 of 8: Review");
      await expect(page.getByLabel("Request summary")).toContainText(ACCOUNT);
      await page.getByRole("button", { name: "Issue" }).click();
      await expect(step).toHaveText("Step 8 of 8: Issue", { timeout: 90_000 });
      await expect(page.getByText("The CA issued the certificate; it is installed on the chosen servers.")).toBeVisible();
      const thumbprint = (await page.getByTestId("acme-thumbprint").textContent())!.trim();
      expect(thumbprint).toMatch(/^[0-9A-F]{40}$/);
      await shot(page, "acme-03-issued");

      // Assign IIS on EXCAS1 (IIS moves from the mail certificate there).
      await page.getByRole("link", { name: "Assign services" }).click();
      await page.getByLabel("Internet Information Services (IIS)").check();
      await page.getByRole("button", { name: "Assign" }).click();
      const acknowledge = page.getByLabel(/I understand that the revocation status/);
      if (await acknowledge.isVisible()) {
        await acknowledge.check();
        await page.getByRole("button", { name: "Assign" }).click();
      }
      await expect(page.getByText("Services assigned.")).toBeVisible();
      const issued = await certificateNamed(request, admin, FRIENDLY);
      expect(issued.thumbprint).toBe(thumbprint);
      const iisOnExcas = async (id: string) => (await certificateDetail(request, admin, id)).bindings.filter((b) => b.server.name === "EXCAS1" && b.service === "IIS").length;
      expect(await iisOnExcas(issued.id)).toBe(1);
      expect(await iisOnExcas(mail.id)).toBe(0);

      // Renew now (as the renewal job would when due): installed on EXCAS1, IIS waits for approval.
      await page.goto("/settings");
      const table = page.getByRole("table", { name: "Certificates issued through ACME" });
      await expect(table).toContainText(thumbprint);
      await table.getByRole("button", { name: `Renew ${FRIENDLY} now` }).click();
      // The page refreshes with the renewal listed; the renewed certificate's row says "renewed".
      const pending = table.getByRole("row").filter({ hasText: `renews ${thumbprint}` });
      await expect(pending).toContainText("Renewal waiting for approval", { timeout: 90_000 });
      await expect(table.getByRole("row").filter({ hasText: thumbprint }).filter({ hasNotText: "renews" })).toContainText("renewed");
      await expect(pending).toContainText("IIS on EXCAS1");
      await pending.getByRole("button", { name: "Review the renewal impact" }).click();
      await expect(pending.getByLabel("Renewal impact")).toContainText("EXCAS1");
      await shot(page, "acme-04-renewal-impact");
      await pending.getByLabel(/I acknowledge any revocation-check warning/).check();
      await pending.getByRole("button", { name: "Approve renewal" }).click();
      // Approved: the page refreshes and the row no longer waits (a refusal would stay on screen in the row).
      await expect(pending).not.toContainText("Renewal waiting for approval", { timeout: 30_000 });
      const renewedThumbprint = (await pending.getAttribute("data-thumbprint"))!;
      expect(renewedThumbprint).not.toBe(thumbprint);
      const renewed = (await (await request.get(`/api/v1/acme/certificates`, { headers: auth(admin) })).json()).items.find((i: { thumbprint: string }) => i.thumbprint === renewedThumbprint) as { id: string };
      expect(await iisOnExcas(renewed.id)).toBe(1);
      expect(await iisOnExcas(issued.id)).toBe(0);
      await shot(page, "acme-05-renewal-approved");

      // Give everything back: IIS to the mail certificate, the ACME certificates removed from EXCAS1.
      expect((await request.post(`/api/v1/certificates/${mail.id}/services`, { headers: auth(admin), data: { serverIds: [excas], services: ["IIS"], acknowledged: true } })).status()).toBe(200);
      for (const id of [renewed.id, issued.id]) {
        expect((await request.post(`/api/v1/certificates/${id}/remove`, { headers: auth(admin), data: { serverIds: [excas], confirm: true } })).status()).toBe(200);
      }
      // Deactivate the account at the CA.
      await page.goto("/settings");
      await page.getByRole("button", { name: `Deactivate ${ACCOUNT}` }).click();
      // A deactivated account is no configured CA: Settings says so again and keeps it under "Deactivated accounts".
      await expect(page.getByTestId("acme-none")).toContainText("No ACME CA is configured.");
      await expect(page.getByTestId("acme-deactivated")).toContainText(ACCOUNT);
    } finally {
      await setPolicy(page, "strict");
      await page.goto("/trust-stores?server=EXCAS1");
      const pebbleRoot = page.getByRole("region", { name: "Third-Party Root Certification Authorities" }).getByRole("button", { name: /^Remove .*Pebble Root CA/ });
      if (await pebbleRoot.count()) {
        await pebbleRoot.first().click();
        await expect(pebbleRoot).toHaveCount(0, { timeout: 30_000 });
      }
    }
    expect(await certificateDetail(request, admin, mail.id).then((d) => d.bindings.some((b) => b.server.name === "EXCAS1" && b.service === "IIS"))).toBe(true);
  });
});
