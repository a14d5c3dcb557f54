// Issue 13 item 5: lists hold only what they say. The certificates list holds Exchange certificates (CA certificates
// behind "Show CA certificates"), pending requests appear under the PendingRequest status filter, an uploaded root
// shows its subject and real status, and every badge's tooltip describes that badge.
import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import { test, expect } from "@playwright/test";
import { apiToken, signIn } from "./helpers";
import { auth, certificateNamed, opensslLab } from "./wizard-helpers";
import { ROLES, VIEWPORTS, expectNoSidewaysScroll, waitForFirstCheck } from "./ux-helpers";

/** The console id of the root this spec uploads: other specs import their own CAs named "E2E Wizard CA" too. */
let uploadedId = "";

const BADGE_TITLES: Record<string, RegExp> = {
  Valid: /^The certificate is valid for Exchange use\./,
  PendingRequest: /^This is a pending certificate request/,
  Completed: /^The request was completed/,
  ConnectionFailed: /^Nothing answered, or TLS could not be established\./,
  RevocationCheckFailure: /^The certificate status could not be determined because the revocation check failed\./,
  DateInvalid: /^The certificate has expired or is not yet valid\./,
  Revoked: /^The certificate has been revoked/,
  Untrusted: /^The certificate is not trusted/,
};

test.beforeAll(async ({ request, browser }) => {
  await waitForFirstCheck(request);
  const token = await apiToken(request, "admin");
  const lab = opensslLab();
  // A completed request (Completed badge) ...
  const mail = await certificateNamed(request, token, "Contoso public mail 2026");
  const detail = (await (await request.get(`/api/v1/certificates/${mail.id}`, { headers: auth(token) })).json()) as { installations: { serverId: string; server: { name: string } }[] };
  const serverId = detail.installations.find((i) => i.server.name === "EXCAS1")!.serverId;
  const created = await request.post("/api/v1/certificate-requests", { headers: auth(token), data: { serverId, friendlyName: "E2E lists completed", commonName: "lists.contoso.com", domains: ["lists.contoso.com"] } });
  expect(created.status()).toBe(200);
  const { id, csrPem } = (await created.json()) as { id: string; csrPem: string };
  fs.writeFileSync(lab.file("lists.csr"), csrPem);
  const answer = fs.readFileSync(lab.sign(lab.file("lists.csr"), "lists"));
  const completed = await request.post(`/api/v1/certificate-requests/${id}/complete`, { headers: auth(token), multipart: { file: { name: "lists.cer", mimeType: "application/pkix-cert", buffer: answer } } });
  expect(completed.status()).toBe(200);
  // ... a probed endpoint that does not answer (ConnectionFailed badge) ...
  const endpoints = ((await (await request.get("/api/v1/endpoints", { headers: auth(token) })).json()) as { items: { id: string; host: string; port: number }[] }).items;
  const demo = endpoints.find((e) => e.host === "smtp.contoso.com")!;
  expect((await request.post(`/api/v1/endpoints/${demo.id}/probe`, { headers: auth(token) })).status()).toBe(200);
  // ... and a root uploaded to EX01's Third-Party Root store through the Trust stores page.
  const page = await browser.newPage();
  await signIn(page, "admin");
  await page.goto("/trust-stores?server=EX01");
  const form = page.getByRole("form", { name: "Add to a store on EX01" });
  await form.getByLabel("Store").selectOption("ThirdPartyRoot");
  await form.getByLabel("Source").selectOption("file");
  await form.getByLabel("Certificate file").setInputFiles(lab.file("ca.pem"));
  await form.getByRole("button", { name: "Add" }).click();
  await expect(form.getByRole("status")).toContainText(/Added to|already there/, { timeout: 60_000 });
  await page.close();
  const thumbprint = new X509Certificate(fs.readFileSync(lab.file("ca.pem"))).fingerprint.replaceAll(":", "");
  uploadedId = ((await (await request.get(`/api/v1/certificates/${thumbprint}`, { headers: auth(token) })).json()) as { id: string }).id;
});

for (const size of VIEWPORTS) {
  for (const who of ROLES) {
    test.describe(`${who} at ${size.name}`, () => {
      test.use({ viewport: { width: size.width, height: size.height } });

      test("the certificates list holds Exchange certificates; CA certificates and pending requests where asked for", async ({ page }) => {
        await signIn(page, who);
        await page.goto("/certificates");
        const table = page.getByRole("table", { name: "Certificates" });
        await expect(table).toContainText("Contoso public mail 2026");
        const named = (name: RegExp) => table.getByRole("row").filter({ has: page.getByRole("link", { name }) });
        await expect(named(/^Contoso Lab Root CA$/)).toHaveCount(0);
        await expect(named(/^Contoso Lab Issuing CA 1$/)).toHaveCount(0);
        await expect(named(/E2E Wizard CA/)).toHaveCount(0);
        await expectNoSidewaysScroll(page);
        await page.getByLabel("Show CA certificates").check();
        await page.getByRole("button", { name: "Apply" }).click();
        await expect(page).toHaveURL(/ca=show/);
        await expect(named(/^Contoso Lab Root CA$/)).toHaveCount(1);
        // The uploaded root shows its subject and its real status.
        const uploaded = table.getByRole("row").filter({ has: page.locator(`a[href="/certificates/${uploadedId}"]`) });
        await expect(uploaded).toContainText("CN=E2E Wizard CA");
        await expect(uploaded.locator("[data-status]")).toHaveAttribute("data-status", "Valid");

        await page.goto("/certificates");
        await page.locator("select[name=status]").selectOption("PendingRequest");
        await page.getByRole("button", { name: "Apply" }).click();
        await expect(page.getByRole("table", { name: "Pending requests" })).toContainText("Webmail 2027 (pending)");
        await expect(page.getByRole("table", { name: "Pending requests" })).not.toContainText("E2E lists completed");
      });

      test("an uploaded root shows its subject and real status on Trust stores", async ({ page }) => {
        await signIn(page, who);
        await page.goto("/trust-stores?server=EX01");
        const store = page.getByRole("region", { name: "Third-Party Root Certification Authorities" });
        const item = store.getByRole("listitem").filter({ has: page.locator(`a[href="/certificates/${uploadedId}"]`) });
        await expect(item.getByRole("link")).toHaveText(/CN=E2E Wizard CA/);
        await expect(item.locator("[data-status]")).toHaveAttribute("data-status", "Valid");
      });

      test("every badge's tooltip describes that badge", async ({ page }) => {
        await signIn(page, who);
        const seen = new Set<string>();
        for (const path of ["/certificates?ca=show", "/requests", "/endpoints", "/dashboard", "/diagnostics"]) {
          await page.goto(path);
          // Every badge's status and tooltip in one read of the page (not two round trips per badge).
          const badges = await page.locator("[data-status]").evaluateAll((els) => els.map((el) => ({ status: el.getAttribute("data-status")!, title: el.getAttribute("title")! })));
          for (const { status, title } of badges) {
            if (status !== "Unknown") expect(title, `tooltip of ${status} on ${path}`).not.toContain("has not been determined");
            if (BADGE_TITLES[status]) expect(title, `tooltip of ${status} on ${path}`).toMatch(BADGE_TITLES[status]);
            seen.add(status);
          }
        }
        for (const s of ["Completed", "ConnectionFailed", "PendingRequest", "Valid"]) expect([...seen]).toContain(s);
      });
    });
  }
}
