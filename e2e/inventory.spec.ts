// Connecting a real organization: the hand-written Contoso inventory files (test/fixtures/inventory, completed
// with freshly issued certificates) go through the API and the Servers page: a bad file is refused per field and
// changes nothing; import → drift → accept → findings → renewal impact preview → the change script equals the
// golden file.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { test, expect, type APIRequestContext } from "@playwright/test";
import { apiToken, shot, signIn } from "./helpers";
import { auth } from "./wizard-helpers";
import { normalizeScript, readGolden } from "../test/fixtures/inventory/golden";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "certconsole-e2e-inventory-"));
const require = createRequire(import.meta.url);
execFileSync(process.execPath, [require.resolve("tsx/cli"), "test/fixtures/inventory/build-inventory.ts", dir], { stdio: "inherit" });
const orgFile = path.join(dir, "contoso-organization.json");
const edgeFile = path.join(dir, "contoso-edge01.json");
const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Json;
const labels = new Map(Object.entries(JSON.parse(fs.readFileSync(path.join(dir, "labels.json"), "utf8")) as Record<string, string>));
const thumbOf = (label: string) => [...labels].find(([, l]) => l === label)![0];

test.describe.configure({ mode: "serial" });

async function post(request: APIRequestContext, token: string, body: unknown) {
  return request.post("/api/v1/inventory", { headers: { ...auth(token), "content-type": "application/json" }, data: JSON.stringify(body) });
}

async function certificateId(request: APIRequestContext, token: string, label: string) {
  const res = await request.get(`/api/v1/certificates/${thumbOf(label)}`, { headers: auth(token) });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

test("API: bad file refused per field, then import → drift → accept → findings → impact preview → golden change script", async ({ request }) => {
  const admin = await apiToken(request, "admin");
  const helpdesk = await apiToken(request, "helpdesk");

  const schema = (await (await request.get("/api/v1/inventory/schema.json")).json()) as Json;
  expect(JSON.stringify(schema)).toContain('"InternalTransportCertificateThumbprint"');

  const bad = read(orgFile);
  bad.servers[0].certificates[0].NotAfter = "/Date(1796083200000)/";
  bad.servers[1].certificates[0].Status = 0;
  const refused = await post(request, admin, bad);
  expect(refused.status()).toBe(400);
  const body = (await refused.json()) as Json;
  expect(body.error.code).toBe("ERR_INVENTORY_INVALID");
  expect(body.error.details.fields.map((f: Json) => f.path)).toEqual(expect.arrayContaining(["servers[0].certificates[0].NotAfter", "servers[1].certificates[0].Status"]));
  expect((await request.get("/api/v1/servers/MBX01/drift", { headers: auth(admin) })).status()).toBe(404);
  expect((await post(request, helpdesk, read(orgFile))).status()).toBe(403);

  const imported = await post(request, admin, read(orgFile));
  expect(imported.status()).toBe(200);
  expect(((await imported.json()) as Json).servers.map((s: Json) => s.name)).toEqual(["MBX01", "MBX02", "CAS01"]);
  expect((await post(request, admin, read(edgeFile))).status()).toBe(200);
  expect(((await (await request.get("/api/v1/servers/MBX01/drift", { headers: auth(admin) })).json()) as Json).items).toEqual([]);

  // The server moves on: IIS on the new certificate, MBX02's self-signed certificate copied to MBX01.
  const later = read(orgFile);
  later.servers[0].certificates[1].Services = "IIS";
  later.servers[0].certificates.push(later.servers[1].certificates[2]);
  expect((await post(request, admin, later)).status()).toBe(200);
  const drift = (await (await request.get("/api/v1/servers/MBX01/drift", { headers: auth(admin) })).json()) as Json;
  expect(drift.items.map((i: Json) => i.kind).sort()).toEqual(["BindingOnlyOnServer", "CertificateOnlyOnServer"]);
  const accepted = await request.post("/api/v1/servers/MBX01/drift/accept", { headers: auth(admin), data: { keys: drift.items.map((i: Json) => i.key) } });
  expect(accepted.status()).toBe(200);
  expect(((await (await request.get("/api/v1/servers/MBX01/drift", { headers: auth(admin) })).json()) as Json).items).toEqual([]);

  const findings = (await (await request.get("/api/v1/inventory/findings", { headers: auth(helpdesk) })).json()) as Json;
  const codes = findings.findings.map((f: Json) => f.code);
  expect(codes).toEqual(expect.arrayContaining(["CONNECTOR_TLS_NAME_NO_MATCH", "PROTOCOL_NAME_NOT_COVERED", "AUTH_CERT_EXPIRING", "AUTH_NO_NEXT_CERT", "CLIENT_AUTH_MISSING", "PUBLIC_RENEWAL_CADENCE"]));

  const oldId = await certificateId(request, admin, "mail2025");
  const newId = await certificateId(request, admin, "mail2026");
  const impact = (await (await request.get(`/api/v1/certificates/${oldId}/impact?replacement=${newId}&operation=replace`, { headers: auth(helpdesk) })).json()) as Json;
  expect(impact.impact.connectors.map((c: Json) => c.stillMatches)).toEqual([false, false]);
  const script = await request.get(`/api/v1/certificates/${oldId}/impact?replacement=${newId}&operation=replace&format=ps1`, { headers: auth(helpdesk) });
  expect(script.headers()["content-disposition"]).toContain(".ps1");
  expect(normalizeScript(await script.text(), labels)).toBe(readGolden("mail-2025-to-2026.ps1"));
});

test("Servers page: collector download, refused upload lists the fields, import, drift accepted, impact preview downloads the golden script", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/servers");
  const collector = page.waitForEvent("download");
  await page.getByRole("link", { name: /collector script/ }).click();
  const script = fs.readFileSync((await (await collector).path())!, "utf8");
  expect(script).toContain("$Fields = [ordered]@{");

  const bad = read(orgFile);
  bad.servers[2].certificates[1].RawData = Buffer.from("not a certificate").toString("base64");
  fs.writeFileSync(path.join(dir, "bad.json"), JSON.stringify(bad));
  await page.getByLabel("Inventory file").setInputFiles(path.join(dir, "bad.json"));
  await page.getByRole("button", { name: "Import inventory" }).click();
  await expect(page.getByRole("list", { name: "Refused fields" })).toContainText("servers[2].certificates[1].RawData");
  await shot(page, "inventory-01-refused");

  // The original file again: the console (after the accepted drift) now has more than the server reports.
  await page.getByLabel("Inventory file").setInputFiles(orgFile);
  await page.getByRole("button", { name: "Import inventory" }).click();
  await expect(page.getByText("Inventory imported")).toBeVisible();
  await expect(page.getByTestId("last-inventory-MBX01")).toContainText("imported by admin");
  await expect(page.getByTestId("last-inventory-MBX01")).toContainText("2 difference(s)");
  await shot(page, "inventory-02-servers");

  await page.getByTestId("last-inventory-MBX01").getByRole("link").click();
  const table = page.getByRole("table", { name: "Drift of MBX01" });
  await expect(table).toContainText("CertificateOnlyInConsole");
  await expect(page.getByRole("region", { name: "EMS commands" })).toContainText("Import-ExchangeCertificate -Server MBX01");
  await table.getByRole("checkbox").first().check();
  await page.getByRole("button", { name: "Accept the server's state" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Accepted 1 difference(s)" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Drift of MBX01" }).getByRole("row")).toHaveCount(2);
  await shot(page, "inventory-03-drift");

  await page.goto("/exchange");
  await expect(page.getByRole("list", { name: "Exchange findings" })).toContainText("AUTH_CERT_EXPIRING");
  await expect(page.getByRole("table", { name: "Connectors" })).toContainText("Outbound to Office 365 - 7f3c2a9e");
  await shot(page, "inventory-04-connectors-auth");

  await page.goto(`/certificates/${thumbOf("mail2025")}/impact`);
  const replacedBy = page.getByLabel("Replaced by");
  await replacedBy.selectOption((await replacedBy.locator("option", { hasText: thumbOf("mail2026").slice(0, 12) }).getAttribute("value"))!);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("list", { name: "Connectors pinning the certificate" })).toContainText("will no longer match");
  await shot(page, "inventory-05-impact");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download .ps1" }).click();
  expect(normalizeScript(fs.readFileSync((await (await download).path())!, "utf8"), labels)).toBe(readGolden("mail-2025-to-2026.ps1"));
});

test("helpdesk sees inventories but cannot import or accept", async ({ page }) => {
  await signIn(page, "helpdesk");
  await page.goto("/servers");
  await expect(page.getByText("Importing an inventory needs an administrator.")).toBeVisible();
  await expect(page.getByLabel("Inventory file")).toHaveCount(0);
  await page.goto("/servers/MBX01");
  await expect(page.getByRole("button", { name: "Accept the server's state" })).toHaveCount(0);
});
