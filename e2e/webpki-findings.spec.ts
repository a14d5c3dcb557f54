import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test, expect } from "@playwright/test";
import { apiToken, shot, signIn } from "./helpers";
import { auth, certificateNamed } from "./wizard-helpers";
import { buildWebPkiChain } from "../test/harness/webpki-chains";

test("Web PKI findings sit next to the Exchange status: none for the public mail certificate; an imported certificate without subjectAltName shows why browsers and Outlook refuse it (page and API)", async ({ page, request }) => {
  const admin = await apiToken(request, "admin");
  const mail = await certificateNamed(request, admin, "Contoso public mail 2026");
  const detail = (await (await request.get(`/api/v1/certificates/${mail.id}`, { headers: auth(admin) })).json()) as { installations: { serverId: string }[]; findings: unknown[] };
  expect(detail.findings).toEqual([]);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-webpki-"));
  const chain = buildWebPkiChain(dir, "no-san", { leaf: { subjectAltName: null } });
  const imported = await request.post("/api/v1/certificates/import", {
    headers: auth(admin),
    multipart: { file: { name: "no-san.pem", mimeType: "application/x-pem-file", buffer: fs.readFileSync(chain.leaf) }, serverIds: JSON.stringify([detail.installations[0]!.serverId]), friendlyName: "e2e no SAN" },
  });
  expect(imported.status()).toBe(200);
  const { id } = (await imported.json()) as { id: string };
  const api = (await (await request.get(`/api/v1/certificates/${id}`, { headers: auth(admin) })).json()) as { status: string; findings: { depth: number; code: string; rule: string; message: string }[] };
  expect(api.findings).toEqual([{ depth: 0, code: "ERR_WEBPKI_NO_SAN", rule: "BR §7.1.2.7.12", message: "No subjectAltName: browsers and Outlook ignore the CN, so the certificate matches no host name." }]);

  await signIn(page, "helpdesk");
  await page.goto(`/certificates/${mail.id}`);
  await expect(page.getByTestId("webpki-findings")).toHaveText(/Web PKI: no findings/);
  await page.goto(`/certificates/${id}`);
  const general = page.getByRole("region", { name: "General" });
  await expect(general.getByTestId("status-explanation")).toBeVisible();
  await expect(general.getByTestId("webpki-findings")).toContainText("Web PKI: 1 finding");
  await expect(general.getByTestId("webpki-findings")).toContainText("No subjectAltName: browsers and Outlook ignore the CN");
  await shot(page, "webpki-findings-no-san");
  fs.rmSync(dir, { recursive: true, force: true });
});
