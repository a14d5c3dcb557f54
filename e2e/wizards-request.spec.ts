import fs from "node:fs";
import { test, expect } from "@playwright/test";
import { alerts, apiToken, shot, signIn } from "./helpers";
import { auth, certificateTotal, opensslLab, requestsList, saveDownload } from "./wizard-helpers";

test("New Exchange Certificate → .req (openssl verifies) → non-matching answer refused → Complete Pending Request → Properties → Renew", async ({ page, request, context }) => {
  const lab = opensslLab();
  const admin = await apiToken(request, "admin");
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "admin");
  await page.goto("/certificates");
  await page.getByRole("link", { name: "New Exchange Certificate" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New Exchange Certificate");
  const step = page.getByTestId("wizard-step");

  await expect(step).toHaveText("Step 1 of 8: Introduction");
  await page.getByLabel("Server").selectOption({ label: "EXCAS1 (excas1.contoso.local)" });
  await page.getByRole("button", { name: "Next" }).click();
  await expect(alerts(page)).toContainText("Give the certificate a friendly name.");
  await page.getByLabel("Friendly name").fill("E2E mail 2027");
  await shot(page, "wizard-request-01-introduction");
  await page.getByRole("button", { name: "Next" }).click();

  await expect(step).toHaveText("Step 2 of 8: Domain scope");
  await expect(page.getByLabel("Root domain")).toHaveValue("contoso.com");
  await expect(page.getByLabel("Enable wildcard certificate")).not.toBeChecked();
  await shot(page, "wizard-request-02-domain-scope");
  await page.getByRole("button", { name: "Next" }).click();

  await expect(step).toHaveText("Step 3 of 8: Exchange configuration");
  await expect(page.getByLabel("Outlook Web App external host names")).toHaveValue("mail.contoso.com");
  await expect(page.getByLabel("Outlook Web App internal host names")).toHaveValue("excas1.contoso.local");
  await page.getByLabel("IMAP", { exact: true }).check();
  await shot(page, "wizard-request-03-exchange-configuration");
  await page.getByRole("button", { name: "Next" }).click();

  await expect(step).toHaveText("Step 4 of 8: Certificate domains");
  const domains = page.getByRole("table", { name: "Certificate domains" });
  for (const d of ["mail.contoso.com", "excas1.contoso.local", "imap.contoso.com", "autodiscover.contoso.com"]) await expect(domains).toContainText(d);
  await page.getByRole("button", { name: "Remove excas1.contoso.local" }).click();
  await expect(domains).not.toContainText("excas1.contoso.local");
  await page.getByLabel("Add a domain").fill("bad name!");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(alerts(page)).toBeVisible();
  await page.getByLabel("Add a domain").fill("webmail.contoso.com");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(domains).toContainText("webmail.contoso.com");
  await expect(page.getByLabel("Set mail.contoso.com as common name")).toBeChecked();
  await shot(page, "wizard-request-04-certificate-domains");
  await page.getByRole("button", { name: "Next" }).click();

  await expect(step).toHaveText("Step 5 of 8: Organization and location");
  await page.getByLabel("Organization", { exact: true }).fill("Contoso");
  await page.getByLabel("Organization unit").fill("Messaging");
  await page.getByLabel("Country/region (two letters)").fill("US");
  await page.getByLabel("State/province").fill("WA");
  await page.getByLabel("City/locality").fill("Redmond");
  await shot(page, "wizard-request-05-organization");
  await page.getByRole("button", { name: "Next" }).click();

  await expect(step).toHaveText("Step 6 of 8: Key");
  await expect(page.getByRole("combobox", { name: /^Key/ })).toHaveValue("RSA-2048");
  await expect(page.getByLabel("Make private key exportable")).toBeChecked();
  await shot(page, "wizard-request-06-key");
  await page.getByRole("button", { name: "Next" }).click();

  await expect(step).toHaveText("Step 7 of 8: Review");
  await expect(page.getByLabel("Request summary")).toContainText("webmail.contoso.com");
  await shot(page, "wizard-request-07-review");
  await page.getByRole("button", { name: "New", exact: true }).click();

  await expect(step).toHaveText("Step 8 of 8: Save the request");
  const pem = await page.getByTestId("csr-pem").inputValue();
  expect(pem).toContain("-----BEGIN NEW CERTIFICATE REQUEST-----");
  await page.getByRole("button", { name: "Copy to clipboard" }).click();
  await expect(page.getByRole("status").filter({ hasText: "copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(pem);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download .req" }).click()]);
  const reqPath = await saveDownload(download, lab.dir);
  expect(reqPath.endsWith("E2E_mail_2027.req")).toBe(true);
  const text = lab.openssl("req", "-in", reqPath, "-verify", "-noout", "-text");
  expect(text).toMatch(/Subject: C\s*=\s*US, ST\s*=\s*WA, L\s*=\s*Redmond, O\s*=\s*Contoso, OU\s*=\s*Messaging, CN\s*=\s*mail\.contoso\.com/);
  expect(text).toContain("DNS:webmail.contoso.com");
  expect(text).toContain("DNS:imap.contoso.com");
  expect(text).not.toContain("excas1.contoso.local");
  expect(text).toContain("Public-Key: (2048 bit)");
  await shot(page, "wizard-request-08-saved");

  const pending = (await requestsList(request, admin)).find((r) => r.friendlyName === "E2E mail 2027");
  expect(pending?.status).toBe("Pending");

  // Complete Pending Request: first an answer for another key — refused, nothing changes.
  const certsBefore = await certificateTotal(request, admin);
  await page.getByRole("link", { name: "Complete Pending Request" }).click();
  const other = lab.pfx("other-key", "x");
  await page.getByLabel("The CA's answer (.cer, .crt, .pem, .p7b)").setInputFiles(other.cer);
  await page.getByRole("button", { name: "Complete" }).click();
  await expect(alerts(page)).toContainText("does not match this pending request");
  await shot(page, "wizard-complete-01-mismatch-refused");
  expect((await requestsList(request, admin)).find((r) => r.id === pending!.id)?.status).toBe("Pending");
  expect(await certificateTotal(request, admin)).toBe(certsBefore);

  // A corrupt answer — refused, nothing changes.
  await page.getByLabel("The CA's answer (.cer, .crt, .pem, .p7b)").setInputFiles({ name: "broken.cer", mimeType: "application/pkix-cert", buffer: Buffer.from("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n") });
  await page.getByRole("button", { name: "Complete" }).click();
  await expect(alerts(page)).toBeVisible();
  expect(await certificateTotal(request, admin)).toBe(certsBefore);

  // The real answer signed by the CA for the downloaded request.
  const answer = lab.sign(reqPath, "e2e-mail-answer");
  await page.getByLabel("The CA's answer (.cer, .crt, .pem, .p7b)").setInputFiles(answer);
  await page.getByRole("button", { name: "Complete" }).click();
  await expect(page.getByText("The pending request was completed.")).toBeVisible();
  await shot(page, "wizard-complete-02-completed");
  expect((await requestsList(request, admin)).find((r) => r.id === pending!.id)?.status).toBe("Completed");
  expect(await certificateTotal(request, admin)).toBe(certsBefore + 1);

  // Properties: every tab.
  await page.getByRole("link", { name: "Open its properties" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("E2E mail 2027");
  await expect(page.getByRole("tabpanel", { name: "General" })).toContainText("mail.contoso.com");
  await shot(page, "wizard-properties-01-general");
  await page.getByRole("tab", { name: "Details" }).click();
  await expect(page.getByRole("tabpanel")).toContainText("Subject Alternative Name");
  await expect(page.getByLabel("Format-List view on EXCAS1")).toContainText("PrivateKeyExportable");
  await shot(page, "wizard-properties-02-details");
  await page.getByRole("tab", { name: "Certification Path" }).click();
  await expect(page.getByRole("tree", { name: "Certification path on EXCAS1" })).toContainText("mail.contoso.com");
  await shot(page, "wizard-properties-03-path");
  await page.getByRole("tab", { name: "Revocation" }).click();
  await expect(page.getByRole("button", { name: "Check now" })).toBeVisible();
  await shot(page, "wizard-properties-04-revocation");
  await page.getByRole("tab", { name: "Services" }).click();
  await expect(page.getByRole("table", { name: "Services per server" })).toContainText("EXCAS1");
  await shot(page, "wizard-properties-05-services");

  // Renew: same subject and SANs, a new key, linked.
  await page.getByRole("link", { name: "Renew" }).click();
  await expect(page.getByLabel("Common name")).toHaveValue("mail.contoso.com");
  await expect(page.getByLabel("Domains (one per line)")).toContainText("webmail.contoso.com");
  await shot(page, "wizard-renew-01-subject");
  await page.getByRole("button", { name: "Next" }).click();
  await shot(page, "wizard-renew-02-key");
  await page.getByRole("button", { name: "Renew" }).click();
  const [renewal] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download .req" }).click()]);
  const renewalPath = await saveDownload(renewal, lab.dir);
  const renewalText = lab.openssl("req", "-in", renewalPath, "-verify", "-noout", "-text");
  expect(renewalText).toContain("DNS:webmail.contoso.com");
  expect(renewalText).toMatch(/CN\s*=\s*mail\.contoso\.com/);
  expect(fs.readFileSync(renewalPath, "utf8")).not.toBe(fs.readFileSync(reqPath, "utf8"));
  await shot(page, "wizard-renew-03-saved");
  await page.goto("/requests");
  await expect(page.getByRole("table", { name: "Requests" })).toContainText("renews");
});

test("helpdesk: no wizard buttons, and the server refuses the wizards' endpoints", async ({ page, request }) => {
  const helpdesk = await apiToken(request, "helpdesk");
  await signIn(page, "helpdesk");
  await page.goto("/certificates");
  await expect(page.getByRole("link", { name: "New Exchange Certificate" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Import", exact: true })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "New self-signed", exact: true })).toHaveCount(0);
  await page.getByRole("table", { name: "Certificates" }).getByRole("link", { name: "Contoso public mail 2026" }).click();
  await expect(page.getByRole("tab", { name: "General" })).toBeVisible();
  for (const name of ["Assign Services", "Export", "Renew", "Remove"]) await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
  await page.goto("/requests");
  await expect(page.getByRole("link", { name: /Complete pending request/i })).toHaveCount(0);
  await shot(page, "wizard-helpdesk-requests");
  const refused = await request.post("/api/v1/certificate-requests", { headers: auth(helpdesk), data: { serverId: "x", friendlyName: "x", commonName: "x.contoso.com", domains: ["x.contoso.com"] } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("ERR_FORBIDDEN");
  const mail = (await (await request.get("/api/v1/certificates?q=Contoso%20public%20mail", { headers: auth(helpdesk) })).json()).items[0] as { id: string };
  const exportRefused = await request.post(`/api/v1/certificates/${mail.id}/export`, { headers: auth(helpdesk), data: { password: "Helpdesk-Try-1" } });
  expect(exportRefused.status()).toBe(403);
  const assignRefused = await request.post(`/api/v1/certificates/${mail.id}/services`, { headers: auth(helpdesk), data: { serverIds: ["x"], services: ["IIS"] } });
  expect(assignRefused.status()).toBe(403);
});
