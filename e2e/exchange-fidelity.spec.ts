// Issue 11, "Exchange fidelity": one test per defect, each named after it. Every test restores what it changed
// (bindings, default SMTP certificate, settings, statuses) for the specs that run after it.
import { test, expect, type APIRequestContext } from "@playwright/test";
import { apiToken, shot, signIn } from "./helpers";
import { auth, certificateDetail, certificateNamed, opensslLab } from "./wizard-helpers";

const EMS = "The following Exchange Management Shell command completed successfully:";

async function waitForStatus(request: APIRequestContext, token: string, name: string, status: string) {
  await expect.poll(async () => (await certificateNamed(request, token, name)).status, { timeout: 90_000 }).toBe(status);
  return certificateNamed(request, token, name);
}

async function serverIdOf(request: APIRequestContext, token: string, certificateName: string, server: string) {
  const cert = await certificateNamed(request, token, certificateName);
  const detail = (await (await request.get(`/api/v1/certificates/${cert.id}`, { headers: auth(token) })).json()) as { installations: { serverId: string; server: { name: string } }[] };
  return detail.installations.find((i) => i.server.name === server)!.serverId;
}

async function settings(request: APIRequestContext, token: string) {
  return (await (await request.get("/api/v1/settings", { headers: auth(token) })).json()) as Record<string, unknown>;
}

async function putSettings(request: APIRequestContext, token: string, body: Record<string, unknown>) {
  const res = await request.put("/api/v1/settings", { headers: auth(token), data: body });
  expect(res.status()).toBe(200);
}

/** The settings body PUT accepts, from what GET returned. */
function settingsBody(s: Record<string, unknown>) {
  const keys = ["revocationPolicy", "revocationOrder", "proxyServer", "proxyBypass", "useEnvironmentProxy", "urlAllowList", "fetchTimeoutMs", "expiryWarningDays"];
  return Object.fromEntries(keys.map((k) => [k, s[k]]));
}

test("strict policy bypass right after import: the import computes the revocation status and an immediate assignment is refused", async ({ request }) => {
  const admin = await apiToken(request, "admin");
  const lab = opensslLab();
  // A CA certificate without CDP or OCSP URL: no revocation answer can exist, so the status is RevocationCheckFailure.
  const { pfx } = lab.pfx("e2e-bypass", "Byp4ss!pass");
  const excas = await serverIdOf(request, admin, "Contoso public mail 2026", "EXCAS1");
  const file = { name: "e2e-bypass.pfx", mimeType: "application/x-pkcs12", buffer: (await import("node:fs")).readFileSync(pfx) };
  const preview = (await (await request.post("/api/v1/certificates/import?preview=1", { headers: auth(admin), multipart: { file, password: "Byp4ss!pass" } })).json()) as { chain: { thumbprint: string }[] };
  // Its CA into EXCAS1's Trusted Root with the import, so the path validates and only revocation is left open.
  const form = { file, password: "Byp4ss!pass", serverIds: JSON.stringify([excas]), trustStores: JSON.stringify(preview.chain.map((c) => ({ thumbprint: c.thumbprint, store: "TrustedRoot" }))) };
  const imported = await request.post("/api/v1/certificates/import", { headers: auth(admin), multipart: form });
  expect(imported.status()).toBe(200);
  const body = (await imported.json()) as { id: string; status: string; ems: string[] };
  expect(body.status).toBe("RevocationCheckFailure");
  expect(body.ems).toEqual(["Import-ExchangeCertificate -Server EXCAS1 -FileData ([System.IO.File]::ReadAllBytes('C:\\certs\\e2e-bypass.pfx')) -Password (Get-Credential).Password -PrivateKeyExportable $false"]);
  const assigned = await request.post(`/api/v1/certificates/${body.id}/services`, { headers: auth(admin), data: { serverIds: [excas], services: ["IMAP"], acknowledged: true } });
  expect(assigned.status()).toBe(422);
  expect(((await assigned.json()) as { error: { code: string } }).error.code).toBe("ERR_REVOCATION_CHECK_FAILED");
  expect((await certificateDetail(request, admin, body.id)).bindings).toEqual([]);
  expect((await request.post(`/api/v1/certificates/${body.id}/remove`, { headers: auth(admin), data: { serverIds: [excas], confirm: true } })).status()).toBe(200);
});

test("IIS is not exclusive: enabling IIS moves EXCAS1's binding, the previous certificate loses IIS there and can then be removed from it", async ({ page, request }) => {
  const admin = await apiToken(request, "admin");
  const excas = await serverIdOf(request, admin, "Contoso public mail 2026", "EXCAS1");
  const mail = await waitForStatus(request, admin, "Contoso public mail 2026", "Valid");
  const created = await request.post("/api/v1/certificates/self-signed", { headers: auth(admin), data: { serverId: excas, commonName: "iis-e2e.contoso.com", friendlyName: "E2E IIS candidate", services: [] } });
  expect(created.status()).toBe(200);
  const cert = (await created.json()) as { id: string; thumbprint: string };
  await signIn(page, "admin");
  await page.goto(`/certificates/${cert.id}/assign`);
  await page.getByLabel("Internet Information Services (IIS)").check();
  await expect(page.getByTestId("iis-moves")).toContainText("the certificate that has IIS on EXCAS1 now loses it there");
  await page.getByRole("button", { name: "Assign" }).click();
  await expect(page.getByText(`IIS moved from ${mail.thumbprint} on EXCAS1.`)).toBeVisible();
  await expect(page.getByTestId("ems-output")).toContainText(EMS);
  await expect(page.getByTestId("ems-lines")).toHaveText(`Enable-ExchangeCertificate -Server EXCAS1 -Thumbprint ${cert.thumbprint} -Services IIS`);
  await shot(page, "fidelity-iis-moved");
  const iisOnExcas = async (id: string) => (await certificateDetail(request, admin, id)).bindings.filter((b) => b.server.name === "EXCAS1" && b.service === "IIS").length;
  expect(await iisOnExcas(mail.id)).toBe(0);
  expect(await iisOnExcas(cert.id)).toBe(1);
  // Give IIS back to the mail certificate: the candidate loses it and can be removed.
  expect((await request.post(`/api/v1/certificates/${mail.id}/services`, { headers: auth(admin), data: { serverIds: [excas], services: ["IIS"] } })).status()).toBe(200);
  expect(await iisOnExcas(cert.id)).toBe(0);
  expect((await request.post(`/api/v1/certificates/${cert.id}/remove`, { headers: auth(admin), data: { serverIds: [excas], confirm: true } })).status()).toBe(200);
});

test("SMTP No: the question is asked once; No enables SMTP on the new certificate and keeps the old default, and the EMS line says so", async ({ page, request }) => {
  const admin = await apiToken(request, "admin");
  const excas = await serverIdOf(request, admin, "Contoso public mail 2026", "EXCAS1");
  const created = await request.post("/api/v1/certificates/self-signed", { headers: auth(admin), data: { serverId: excas, commonName: "smtp-no.contoso.com", friendlyName: "E2E SMTP No", services: [] } });
  const cert = (await created.json()) as { id: string; thumbprint: string };
  const servers = async () => (await (await request.get(`/api/v1/certificates/${cert.id}/services`, { headers: auth(admin) })).json()) as { servers: { name: string; defaultSmtp: { thumbprint: string } | null }[] };
  const defaultBefore = (await servers()).servers.find((s) => s.name === "EXCAS1")!.defaultSmtp!.thumbprint;
  await signIn(page, "admin");
  await page.goto(`/certificates/${cert.id}/assign`);
  await page.getByLabel("Simple Mail Transfer Protocol (SMTP)").check();
  await expect(page.getByText("Overwrite the existing default SMTP certificate?")).toHaveCount(1);
  await page.getByLabel(/^No — enable SMTP and keep the current default/).check();
  await page.getByRole("button", { name: "Assign" }).click();
  await expect(page.getByText("The existing default SMTP certificate was kept on EXCAS1.")).toBeVisible();
  await expect(page.getByTestId("smtp-question")).toHaveCount(0);
  await expect(page.getByTestId("ems-lines")).toHaveText(`Enable-ExchangeCertificate -Server EXCAS1 -Thumbprint ${cert.thumbprint} -Services SMTP # answered No to "Overwrite the existing default SMTP certificate?"`);
  await shot(page, "fidelity-smtp-no");
  expect((await servers()).servers.find((s) => s.name === "EXCAS1")!.defaultSmtp!.thumbprint).toBe(defaultBefore);
  expect((await certificateDetail(request, admin, cert.id)).bindings.map((b) => b.service)).toEqual(["SMTP"]);
});

test("services the server's role does not run: EDGE1 (Edge Transport) is offered SMTP only, with the reason, and IMAP there is refused", async ({ page, request }) => {
  const admin = await apiToken(request, "admin");
  await signIn(page, "admin");
  await page.goto("/certificates/self-signed");
  await page.getByRole("combobox", { name: /^Server/ }).selectOption({ label: "EDGE1 (edge1.contoso.com)" });
  await expect(page.getByTestId("unavailable-services")).toContainText("EDGE1 is an Edge Transport server: it runs SMTP only");
  for (const s of ["IIS", "IMAP", "POP", "UM"]) await expect(page.getByLabel(s, { exact: true })).toHaveCount(0);
  await expect(page.getByLabel("SMTP", { exact: true })).toBeChecked();
  await shot(page, "fidelity-edge-smtp-only");
  const edgeCert = await certificateNamed(request, admin, "Edge SMTP (expiring)");
  const edge = await serverIdOf(request, admin, "Edge SMTP (expiring)", "EDGE1");
  const refused = await request.post(`/api/v1/certificates/${edgeCert.id}/services`, { headers: auth(admin), data: { serverIds: [edge], services: ["IMAP"] } });
  expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "ERR_SERVICE_NOT_ON_ROLE", message: "EDGE1 is an Edge Transport server: it runs SMTP only, so IMAP cannot be enabled there." });
});

test("renewing a self-signed certificate makes a new self-signed certificate at once (no pending request) and offers to move its services", async ({ page, request }) => {
  const admin = await apiToken(request, "admin");
  const ex01 = await serverIdOf(request, admin, "Contoso public mail 2026", "EX01");
  const created = await request.post("/api/v1/certificates/self-signed", { headers: auth(admin), data: { serverId: ex01, commonName: "renew-self.contoso.com", friendlyName: "E2E self-signed to renew", services: ["IMAP"] } });
  const old = (await created.json()) as { id: string; thumbprint: string };
  const pendingBefore = ((await (await request.get("/api/v1/certificate-requests", { headers: auth(admin) })).json()) as { items?: unknown[] } | unknown[]);
  await signIn(page, "admin");
  await page.goto(`/certificates/${old.id}/renew`);
  await expect(page.getByText("This certificate is self-signed: renewing it makes a new self-signed certificate at once")).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Renew" }).click();
  await expect(page.getByText("A new self-signed certificate was created.")).toBeVisible();
  await expect(page.getByTestId("ems-lines").first()).toHaveText(new RegExp(`^Get-ExchangeCertificate -Server EX01 -Thumbprint ${old.thumbprint} \\| New-ExchangeCertificate -Force -KeySize 2048 -PrivateKeyExportable \\$true$`));
  await expect(page.getByTestId("move-services")).toContainText("The old certificate is enabled for IMAP");
  await page.getByRole("button", { name: "Move services to the new certificate" }).click();
  await expect(page.getByText("Services moved.")).toBeVisible();
  await shot(page, "fidelity-renew-self-signed");
  expect(JSON.stringify((await (await request.get("/api/v1/certificate-requests", { headers: auth(admin) })).json()) as unknown)).toBe(JSON.stringify(pendingBefore));
});

test("the Certification Path tab says Valid for the revoked and the RevocationCheckFailure demo certificates", async ({ page, request }) => {
  const admin = await apiToken(request, "admin");
  const revoked = await waitForStatus(request, admin, "Webmail 2025 (revoked)", "Revoked");
  const failing = await waitForStatus(request, admin, "Autodiscover (CRL server offline)", "RevocationCheckFailure");
  await signIn(page, "admin");
  for (const [cert, status] of [[revoked, "Revoked"], [failing, "RevocationCheckFailure"]] as const) {
    await page.goto(`/certificates/${cert.id}?tab=certification-path`);
    const section = page.locator("section[aria-label='Certification Path']");
    await expect(section.locator("h3").first()).toContainText(status);
    await expect(section.locator("h3").first()).not.toContainText(/\bValid\b/);
    await expect(page.getByTestId("path-reason").first()).not.toBeEmpty();
  }
  await shot(page, "fidelity-path-revoked");
});

test("alerts that no longer hold stay on the dashboard: after the KB 979694 fix and Check now, RevocationFailing for OWA resolves into the history", async ({ page, request }) => {
  const admin = await apiToken(request, "admin");
  const owa = await waitForStatus(request, admin, "OWA (CRL only reachable without the proxy)", "RevocationCheckFailure");
  await signIn(page, "admin");
  await expect
    .poll(async () => {
      await page.goto("/dashboard");
      return page.locator("ul[aria-label='Alerts'] li", { hasText: "OWA (CRL only reachable without the proxy)" }).filter({ hasText: "RevocationFailing" }).count();
    }, { timeout: 90_000 })
    .toBeGreaterThan(0);
  const before = await settings(request, admin);
  try {
    await putSettings(request, admin, { ...settingsBody(before), proxyBypass: `${String(before.proxyBypass)};127.0.0.2` });
    const checked = await request.post(`/api/v1/certificates/${owa.id}/revocation-check`, { headers: auth(admin) });
    expect(((await checked.json()) as { status: string }).status).toBe("Valid");
    await page.goto("/dashboard");
    await expect(page.locator("ul[aria-label='Alerts'] li", { hasText: "OWA (CRL only reachable without the proxy)" }).filter({ hasText: "RevocationFailing" })).toHaveCount(0);
    await page.getByTestId("resolved-alerts").locator("summary").click();
    await expect(page.getByRole("list", { name: "Resolved alerts", exact: true })).toContainText(/RevocationFailing OWA \(CRL only reachable without the proxy\) — raised .* UTC, cleared .* UTC/);
    await shot(page, "fidelity-alert-resolved");
  } finally {
    // Back to the seeded failure for the specs after this one: the wrong proxy again, and the CRL fetched
    // meanwhile forgotten (certutil -urlcache * delete), else it would serve from the cache until its nextUpdate.
    await putSettings(request, admin, settingsBody(before));
    expect((await request.delete("/api/v1/url-cache", { headers: auth(admin) })).status()).toBe(200);
    const restored = await request.post(`/api/v1/certificates/${owa.id}/revocation-check`, { headers: auth(admin) });
    expect(((await restored.json()) as { status: string }).status).toBe("RevocationCheckFailure");
  }
});

test("one name order everywhere: the Requests page and path-validation messages show names CN-first", async ({ page, request }) => {
  const admin = await apiToken(request, "admin");
  const ex01 = await serverIdOf(request, admin, "Contoso public mail 2026", "EX01");
  const made = await request.post("/api/v1/certificate-requests", {
    headers: auth(admin),
    data: { serverId: ex01, friendlyName: "E2E name order", commonName: "order.contoso.com", domains: ["order.contoso.com"], organization: { organization: "Contoso", organizationalUnit: "IT", locality: "Redmond", state: "WA", country: "US" } },
  });
  expect(made.status()).toBe(200);
  expect(((await made.json()) as { subject: string }).subject).toBe("CN=order.contoso.com, OU=IT, O=Contoso, L=Redmond, S=WA, C=US");
  await signIn(page, "admin");
  await page.goto("/requests");
  await expect(page.getByText("CN=order.contoso.com, OU=IT, O=Contoso, L=Redmond, S=WA, C=US")).toBeVisible();
  await expect(page.getByText(/C=US,S=WA/)).toHaveCount(0);
  const expired = await certificateNamed(request, admin, "Old mail certificate 2024");
  await page.goto(`/certificates/${expired.id}?tab=certification-path`);
  await expect(page.locator("section[aria-label='Certification Path']")).toContainText('The certificate "CN=oldmail.contoso.com, O=Contoso, C=US" expired on');
  await shot(page, "fidelity-cn-first");
});
