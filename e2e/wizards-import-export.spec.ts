import fs from "node:fs";
import { test, expect } from "@playwright/test";
import { alerts, apiToken, shot, signIn } from "./helpers";
import { auditEvents, auth, certificateDetail, certificateNamed, certificateTotal, opensslLab, saveDownload } from "./wizard-helpers";

test("Import: wrong password and corrupt file refused; PFX imported with exportable key and its root; duplicate detected; Export AES-256 and TripleDES opened by openssl", async ({ page, request }) => {
  const lab = opensslLab();
  const admin = await apiToken(request, "admin");
  const files = lab.pfx("e2e-import", "Import-Pa55!");
  const total = await certificateTotal(request, admin);
  await signIn(page, "admin");
  await page.goto("/certificates");
  await page.getByRole("link", { name: "Import", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import Exchange Certificate");
  const fileInput = page.getByLabel("Certificate file (.pfx, .p12, .p7b, .cer, .crt, .pem)");

  await fileInput.setInputFiles(files.pfx);
  await page.getByLabel("Password (PFX/P12 only)").fill("wrong-password");
  await shot(page, "wizard-import-01-choose-file");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(alerts(page)).toContainText(/password/i);
  await shot(page, "wizard-import-02-wrong-password");
  expect(await certificateTotal(request, admin)).toBe(total);

  await fileInput.setInputFiles({ name: "corrupt.pfx", mimeType: "application/x-pkcs12", buffer: Buffer.concat([fs.readFileSync(files.pfx).subarray(0, 300), Buffer.alloc(50, 0x41)]) });
  await page.getByRole("button", { name: "Next" }).click();
  await expect(alerts(page)).toBeVisible();
  await shot(page, "wizard-import-03-corrupt-file");
  expect(await certificateTotal(request, admin)).toBe(total);

  await fileInput.setInputFiles(files.pfx);
  await page.getByLabel("Password (PFX/P12 only)").fill("Import-Pa55!");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("wizard-step")).toHaveText("Step 2 of 3: Servers and options");
  await expect(page.getByLabel("Certificate in the file")).toContainText("e2e-import.contoso.com");
  await page.getByLabel("EDGE1").uncheck();
  await page.getByLabel("EX01").check();
  await page.getByLabel("Mark private key exportable").check();
  await page.getByLabel(/Trust store for .*E2E Wizard CA/).selectOption("TrustedRoot");
  await shot(page, "wizard-import-04-servers-options");
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("The certificate was imported.")).toBeVisible();
  await shot(page, "wizard-import-05-imported");
  expect(await certificateTotal(request, admin)).toBe(total + 2); // the certificate and its root

  const list = (await (await request.get("/api/v1/certificates?q=e2e-import", { headers: auth(admin) })).json()).items as { id: string }[];
  expect(list).toHaveLength(1);
  const detail = await certificateDetail(request, admin, list[0]!.id);
  expect(detail.installations.map((i) => i.server.name)).toEqual(["EX01"]);
  // The test CA publishes no CRL distribution point: the import now checks revocation before it returns (issue 11,
  // defect 1), and a certificate whose revocation cannot be checked is RevocationCheckFailure, never Valid.
  expect(detail.status).toBe("RevocationCheckFailure");

  // The same file again: the duplicate is shown before anything happens.
  await page.goto("/certificates/import");
  await fileInput.setInputFiles(files.pfx);
  await page.getByLabel("Password (PFX/P12 only)").fill("Import-Pa55!");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("This certificate is already in the console")).toBeVisible();
  await shot(page, "wizard-import-06-duplicate");

  // Export: AES-256 (default) and TripleDES-SHA1, each opened with openssl.
  for (const [encryption, flags, algorithm] of [
    ["aes256", [], /AES-256-CBC/],
    ["tripleDesSha1", ["-legacy"], /3-KeyTripleDES-CBC|des-ede3-cbc/i],
  ] as const) {
    await page.goto(`/certificates/${detail.id}`);
    await page.getByRole("link", { name: "Export", exact: true }).click();
    await page.getByLabel("Password", { exact: true }).fill("Exp0rt-2027-Secret");
    await expect(page.getByTestId("password-strength")).toContainText("strong");
    await page.getByLabel("Confirm password").fill("Exp0rt-2027-Secret");
    if (encryption === "tripleDesSha1") await page.getByLabel(/TripleDES-SHA1/).check();
    await shot(page, `wizard-export-01-${encryption}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export" }).click()]);
    const pfxPath = await saveDownload(download, lab.dir);
    await expect(page.getByText("The certificate was exported.")).toBeVisible();
    await shot(page, `wizard-export-02-${encryption}-done`);
    const info = lab.opensslAll("pkcs12", "-in", pfxPath, "-info", "-passin", "pass:Exp0rt-2027-Secret", "-nodes", ...flags);
    expect(info).toContain("BEGIN PRIVATE KEY");
    expect(info).toMatch(/subject=CN ?= ?e2e-import\.contoso\.com/);
    expect(info).toMatch(algorithm);
  }
  const exports = await auditEvents(request, admin, "certificate.export");
  const mine = exports.filter((e) => e.targetId === detail.id && e.outcome === "success");
  expect(mine.map((e) => e.details.encryption).sort()).toEqual(["aes256", "tripleDesSha1"]);
  expect(JSON.stringify(exports)).not.toContain("Exp0rt-2027-Secret");
});

test("Export of a non-exportable key is refused with the EMC's reason, audited, and nothing is downloaded", async ({ page, request }) => {
  const admin = await apiToken(request, "admin");
  const edge = await certificateNamed(request, admin, "Edge SMTP (expiring)");
  await signIn(page, "admin");
  await page.goto(`/certificates/${edge.id}/export`);
  // Said at once instead of showing the form.
  await expect(page.getByTestId("export-refused")).toContainText("marked as not exportable");
  await expect(page.getByLabel("Password", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Export" })).toHaveCount(0);
  await shot(page, "wizard-export-03-not-exportable");
  // The server still refuses an export that bypasses the page, and audits it.
  const bypass = await request.post(`/api/v1/certificates/${edge.id}/export`, { headers: auth(admin), data: { password: "Whatever-123456", encryption: "aes256", includeChain: true } });
  expect(bypass.status()).toBe(403);
  expect(((await bypass.json()) as { error: { code: string } }).error.code).toBe("ERR_KEY_NOT_EXPORTABLE");
  const refused = (await auditEvents(request, admin, "certificate.export")).filter((e) => e.targetId === edge.id && e.outcome === "refused");
  expect(refused.length).toBeGreaterThan(0);
});

test("New self-signed certificate: IMAP, POP and SMTP by default, installed and trusted on its server", async ({ page, request }) => {
  const admin = await apiToken(request, "admin");
  await signIn(page, "admin");
  await page.goto("/certificates");
  await page.getByRole("link", { name: "New self-signed" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New self-signed certificate");
  await page.getByRole("combobox", { name: /^Server/ }).selectOption({ label: "EX01 (ex01.contoso.local)" });
  await page.getByLabel("Friendly name").fill("E2E self-signed EX01");
  for (const s of ["IMAP", "POP", "SMTP"]) await expect(page.getByLabel(s, { exact: true })).toBeChecked();
  await expect(page.getByLabel("IIS", { exact: true })).not.toBeChecked();
  await shot(page, "wizard-self-signed-01-form");
  await page.getByRole("button", { name: "Create self-signed certificate" }).click();
  await expect(page.getByText("The self-signed certificate was created.")).toBeVisible();
  await shot(page, "wizard-self-signed-02-created");
  const cert = await certificateNamed(request, admin, "E2E self-signed EX01");
  const detail = await certificateDetail(request, admin, cert.id);
  expect(detail.bindings.map((b) => `${b.server.name}:${b.service}`).sort()).toEqual(["EX01:IMAP", "EX01:POP", "EX01:SMTP"]);
  expect(detail.status).toBe("Valid");
});
