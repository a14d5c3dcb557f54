// Issue 13 item 4: an audit a person can read — targets by name and thumbprint, a readable summary with the JSON
// folded, a filter for acknowledged warnings, CSV export — and paging on the Diagnostics history.
import fs from "node:fs";
import { test, expect } from "@playwright/test";
import { apiToken, signIn } from "./helpers";
import { auth, certificateDetail, certificateNamed } from "./wizard-helpers";
import { ROLES, VIEWPORTS, expectNoSidewaysScroll, waitForFirstCheck } from "./ux-helpers";

const OWA = "OWA (CRL only reachable without the proxy)";
let owa: { id: string; thumbprint: string };

test.beforeAll(async ({ request }) => {
  await waitForFirstCheck(request);
  const token = await apiToken(request, "admin");
  owa = await certificateNamed(request, token, OWA);
  // One acknowledged assignment under warn-but-allow (UM on EXCAS1), then the seeded strict policy again.
  const settings = (await (await request.get("/api/v1/settings", { headers: auth(token) })).json()) as Record<string, unknown>;
  delete settings.id;
  delete settings.updatedAt;
  expect((await request.put("/api/v1/settings", { headers: auth(token), data: { ...settings, revocationPolicy: "warnButAllow" } })).status()).toBe(200);
  try {
    const excas = (await certificateDetail(request, token, owa.id)) as unknown as { installations: { serverId: string; server: { name: string } }[] };
    const serverId = excas.installations.find((i) => i.server.name === "EXCAS1")!.serverId;
    const res = await request.post(`/api/v1/certificates/${owa.id}/services`, { headers: auth(token), data: { serverIds: [serverId], services: ["UM"], acknowledged: true } });
    expect(res.status()).toBe(200);
  } finally {
    await request.put("/api/v1/settings", { headers: auth(token), data: settings });
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
        await expect(row.getByTestId("audit-summary")).toHaveText(`Assigned services to ${OWA} — UM on EXCAS1; status RevocationCheckFailure; acknowledged RevocationCheckFailure warning`);
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
        const checked = async () => (await (await request.get("/api/v1/jobs/refresh-statuses", { headers: auth(token) })).json()) as { running: boolean; lastRunAt: string | null };
        // A second run of the monitoring job makes more than one page of history.
        const before = await checked();
        expect((await request.post("/api/v1/jobs/refresh-statuses", { headers: auth(token) })).status()).toBeLessThan(300);
        await expect.poll(async () => { const s = await checked(); return !s.running && s.lastRunAt !== before.lastRunAt; }, { timeout: 90_000 }).toBe(true);
        await signIn(page, who);
        await page.goto("/diagnostics");
        const checks = page.getByRole("table", { name: "Revocation checks" });
        await expect(checks.getByRole("row")).not.toHaveCount(0);
        expect(await checks.getByRole("row").count()).toBeLessThanOrEqual(26);
        const pager = page.getByRole("navigation", { name: "Pages" });
        await expect(pager).toContainText(/1–\d+ of \d+/);
        const total = Number((await pager.innerText()).match(/of (\d+)/)![1]);
        expect(total).toBeGreaterThan(25);
        await expect(checks.getByRole("row")).toHaveCount(26);
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
