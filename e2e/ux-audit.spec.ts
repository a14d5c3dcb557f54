// Issue 13 item 4: an audit a person can read — targets by name and thumbprint, a readable summary with the JSON
// folded, a filter for acknowledged warnings, CSV export — and paging on the Diagnostics history.
import fs from "node:fs";
import { test, expect } from "@playwright/test";
import { apiToken, signIn } from "./helpers";
import { auth, certificateDetail, certificateNamed } from "./wizard-helpers";
import { ROLES, VIEWPORTS, changeSettings, expectNoSidewaysScroll, waitForFirstCheck } from "./ux-helpers";

const OWA = "OWA (CRL only reachable without the proxy)";
let owa: { id: string; thumbprint: string };

test.beforeAll(async ({ request }) => {
  await waitForFirstCheck(request);
  const token = await apiToken(request, "admin");
  owa = await certificateNamed(request, token, OWA);
  // One acknowledged assignment under warn-but-allow (IMAP on EXCAS1), then the seeded strict policy again.
  const restore = await changeSettings(request, (s) => ({ ...s, revocationPolicy: "warnButAllow" }));
  try {
    const excas = (await certificateDetail(request, token, owa.id)) as unknown as { installations: { serverId: string; server: { name: string } }[] };
    const serverId = excas.installations.find((i) => i.server.name === "EXCAS1")!.serverId;
    // The monitoring job may re-check the certificate meanwhile (ERR_STATUS_CHANGED): then ask again.
    let body = "";
    for (let attempt = 0; attempt < 3; attempt++) {
      const res = await request.post(`/api/v1/certificates/${owa.id}/services`, { headers: auth(token), data: { serverIds: [serverId], services: ["IMAP"], acknowledged: true } });
      body = await res.text();
      if (res.status() === 200 || !body.includes("ERR_STATUS_CHANGED")) break;
    }
    expect(body).toContain('"acknowledged":true');
  } finally {
    await restore();
  }
});

for (const size of VIEWPORTS) {
  for (const who of ROLES) {
    test.describe(`${who} at ${size.name}`, () => {
      test.use({ viewport: { width: size.width, height: size.height } });

      test("audit rows name their targets, read as sentences, fold the JSON, filter acknowledged warnings and export CSV", async ({ page }) => {
        await signIn(page, who);
        await page.goto("/audit?action=service.enable");
        const table = page.getByRole("table", { name: "Audit events" });
        const row = table.getByRole("row").filter({ hasText: OWA }).first();
        await expect(row).toContainText(owa.thumbprint);
        await expect(row.getByTestId("audit-summary")).toHaveText(`Assigned services to ${OWA} — IMAP on EXCAS1; status RevocationCheckFailure; acknowledged RevocationCheckFailure warning`);
        const details = row.locator("details");
        await expect(details.locator("pre")).toBeHidden();
        await details.locator("summary").click();
        await expect(details.locator("pre")).toContainText('"acknowledged": true');
        // No internal id is shown as the target.
        await expect(row.getByRole("cell").nth(2)).not.toContainText(owa.id);
        await expectNoSidewaysScroll(page);

        await page.goto("/audit");
        await page.getByLabel("Only acknowledged warnings").check();
        await page.getByRole("button", { name: "Apply" }).click();
        await expect(page).toHaveURL(/acknowledged=1/);
        const rows = table.getByRole("row");
        await expect(rows.filter({ hasText: OWA })).not.toHaveCount(0);
        const summaries = await table.getByTestId("audit-summary").allInnerTexts();
        expect(summaries.length).toBeGreaterThan(0);
        for (const s of summaries) expect(s).toContain("acknowledged");

        const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
        expect(download.suggestedFilename()).toBe("certconsole-audit.csv");
        const csv = fs.readFileSync((await download.path())!, "utf8");
        const lines = csv.trim().split("\r\n");
        expect(lines[0]).toBe("when_utc,user,role,action,target_type,target,thumbprint,outcome,summary,details_json");
        expect(lines.length).toBe(summaries.length + 1);
        expect(lines[1]).toContain(`"${OWA}","${owa.thumbprint}","success"`);
      });

      test("Diagnostics history pages instead of growing without end", async ({ page, request }) => {
        const token = await apiToken(request, "admin");
        await signIn(page, who);
        await page.goto("/diagnostics");
        const checks = page.getByRole("table", { name: "Revocation checks" });
        const pager = page.getByRole("navigation", { name: "Pages" });
        const total = async () => Number((await pager.innerText()).match(/of (\d+)/)?.[1] ?? 0);
        // More checks until the history is longer than one page: "Check now" records one every time (the monitoring job only
        // records a changed outcome, so on this spec's fresh console its runs would add few).
        const mail = await certificateNamed(request, token, "Contoso public mail 2026");
        for (let round = 0; round < 3 && (await total()) <= 25; round++) {
          for (let i = 0; i < 10; i++) expect((await request.post(`/api/v1/certificates/${mail.id}/revocation-check`, { headers: auth(token) })).status()).toBe(200);
          await page.reload();
        }
        expect(await total()).toBeGreaterThan(25);
        await expect(checks.getByRole("row")).toHaveCount(26);
        await expect(pager).toContainText(/^1–25 of \d+/);
        await pager.getByRole("link", { name: "Next" }).click();
        await expect(page).toHaveURL(/page=2/);
        await expect(pager).toContainText(/26–\d+ of/);
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        expect(height).toBeLessThan(4300);
        await expectNoSidewaysScroll(page);
      });
    });
  }
}
