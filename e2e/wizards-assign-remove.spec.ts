import { test, expect, type APIRequestContext, type Page } from "@playwright/test";
import { alerts, apiToken, shot, signIn } from "./helpers";
import { auditEvents, auth, certificateDetail, certificateNamed } from "./wizard-helpers";

const EMC = "The certificate status could not be determined because the revocation check failed.";

async function waitForStatus(request: APIRequestContext, token: string, name: string, status: string) {
  await expect.poll(async () => (await certificateNamed(request, token, name)).status, { timeout: 90_000 }).toBe(status);
  return certificateNamed(request, token, name);
}

async function setPolicy(page: Page, policy: "strict" | "warnButAllow") {
  await page.goto("/settings");
  await page.getByLabel(policy === "strict" ? /Strict \(Exchange 2010 EMC\)/ : /Warn but allow/).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
}

async function serverId(request: APIRequestContext, token: string, name: string) {
  const cert = await certificateNamed(request, token, "Contoso public mail 2026");
  const detail = (await (await request.get(`/api/v1/certificates/${cert.id}`, { headers: auth(token) })).json()) as { installations: { serverId: string; server: { name: string } }[] };
  const id = detail.installations.find((i) => i.server.name === name)?.serverId;
  if (id) return id;
  const edge = (await (await request.get(`/api/v1/certificates/${(await certificateNamed(request, token, "Edge SMTP (expiring)")).id}`, { headers: auth(token) })).json()) as { installations: { serverId: string; server: { name: string } }[] };
  return edge.installations.find((i) => i.server.name === name)!.serverId;
}

test("the revocation policy in action: the same RevocationCheckFailure certificate is refused under strict, then warned, acknowledged, assigned and audited under warnButAllow", async ({ page, request }) => {
  const admin = await apiToken(request, "admin");
  const name = "Autodiscover (CRL server offline)";
  const cert = await waitForStatus(request, admin, name, "RevocationCheckFailure");
  const before = await certificateDetail(request, admin, cert.id);
  await signIn(page, "admin");
  try {
    await setPolicy(page, "strict");
    await page.goto(`/certificates/${cert.id}`);
    // Properties → Revocation → Check now: every attempt with its URL, proxy, result and time.
    await page.getByRole("tab", { name: "Revocation" }).click();
    await page.getByRole("button", { name: "Check now" }).click();
    await expect(page.getByText("Status now RevocationCheckFailure")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("table", { name: "Revocation attempts" }).first()).toContainText("http://127.0.0.1:9/");
    await shot(page, "wizard-properties-06-revocation-check-now");
    await page.getByRole("link", { name: "Assign Services" }).click();
    await expect(page.getByTestId("policy-indicator")).toContainText("Revocation policy: Strict");
    await expect(page.getByTestId("diagnosis")).toContainText("127.0.0.1:9");
    // Decided before the click: the refusal is on screen at once, the diagnosis once, and Assign is disabled.
    await expect(page.getByTestId("decision")).toContainText(EMC);
    await expect(page.getByTestId("decision")).toContainText("The revocation policy is strict");
    await expect(page.getByText("127.0.0.1:9/decommissioned-crl-server")).toHaveCount(1);
    await expect(page.getByRole("button", { name: "Assign" })).toBeDisabled();
    await expect(page.getByLabel("Internet Information Services (IIS)")).toBeDisabled();
    await shot(page, "wizard-assign-01-strict");
    // The server still refuses (and audits) a submission that bypasses the page.
    const excasId = await serverId(request, admin, "EXCAS1");
    const bypass = await request.post(`/api/v1/certificates/${cert.id}/services`, { headers: auth(admin), data: { serverIds: [excasId], services: ["IIS"] } });
    expect(bypass.status()).toBeGreaterThanOrEqual(400);
    expect(((await bypass.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "ERR_REVOCATION_CHECK_FAILED", message: expect.stringContaining("The revocation policy is strict") });
    await shot(page, "wizard-assign-02-strict-refused");
    expect((await certificateDetail(request, admin, cert.id)).bindings).toEqual(before.bindings);

    await setPolicy(page, "warnButAllow");
    await page.goto(`/certificates/${cert.id}/assign`);
    await expect(page.getByTestId("policy-indicator")).toContainText("Revocation policy: Warn but allow");
    await expect(page.getByText("Warning: the revocation status could not be determined")).toBeVisible();
    await page.getByLabel("EXCAS1").check();
    await page.getByLabel("Internet Information Services (IIS)").check();
    await page.getByRole("button", { name: "Assign" }).click();
    await expect(alerts(page).last()).toContainText("Acknowledge this warning");
    expect((await certificateDetail(request, admin, cert.id)).bindings).toEqual(before.bindings);
    await page.getByLabel(/I understand that the revocation status/).check();
    await shot(page, "wizard-assign-03-warn-acknowledged");
    await page.getByRole("button", { name: "Assign" }).click();
    await expect(page.getByText("Services assigned.")).toBeVisible();
    await expect(page.getByText("The acknowledged revocation warning was recorded in the audit log.")).toBeVisible();
    await shot(page, "wizard-assign-04-assigned");

    const after = await certificateDetail(request, admin, cert.id);
    expect(after.bindings.find((b) => b.server.name === "EXCAS1" && b.service === "IIS")?.acknowledgedStatus).toBe("RevocationCheckFailure");
    const events = await auditEvents(request, admin, "service.enable");
    const ok = events.find((e) => e.targetId === cert.id && e.outcome === "success");
    expect(ok?.details).toMatchObject({ acknowledged: true, policy: "warnButAllow", status: "RevocationCheckFailure" });
    expect(String(ok?.details.acknowledgedWarning)).toContain(EMC);
    expect(events.filter((e) => e.targetId === cert.id && e.outcome === "refused").length).toBeGreaterThanOrEqual(2);
    await page.goto("/audit");
    await expect(page.getByRole("table", { name: "Audit events" })).toContainText("service.enable");
    await shot(page, "wizard-assign-05-audit");

    // Revoked stays refused under warnButAllow.
    const revoked = await waitForStatus(request, admin, "Webmail 2025 (revoked)", "Revoked");
    await page.goto(`/certificates/${revoked.id}/assign`);
    await expect(page.getByText("This certificate cannot be assigned")).toBeVisible();
    await expect(page.getByTestId("decision")).toContainText("revoked");
    await expect(page.getByRole("button", { name: "Assign" })).toBeDisabled();
    await shot(page, "wizard-assign-06-revoked-refused");
  } finally {
    await setPolicy(page, "strict");
    // IIS is exclusive per server: the Autodiscover certificate took EXCAS1's IIS binding; give it back to the mail certificate.
    const mail = await certificateNamed(request, admin, "Contoso public mail 2026");
    const excas = await serverId(request, admin, "EXCAS1");
    expect((await request.post(`/api/v1/certificates/${mail.id}/services`, { headers: auth(admin), data: { serverIds: [excas], services: ["IIS"] } })).status()).toBe(200);
  }
});

test("SMTP: replacing a server's default SMTP certificate asks first; assignment is additive", async ({ page, request }) => {
  const admin = await apiToken(request, "admin");
  const excas = await serverId(request, admin, "EXCAS1");
  const created = await request.post("/api/v1/certificates/self-signed", { headers: auth(admin), data: { serverId: excas, commonName: "smtp-e2e.contoso.com", friendlyName: "E2E SMTP candidate", services: [] } });
  expect(created.status()).toBe(200);
  const cert = (await created.json()) as { id: string };
  const mail = await certificateNamed(request, admin, "Contoso public mail 2026");
  await signIn(page, "admin");
  await page.goto(`/certificates/${cert.id}/assign`);
  await page.getByLabel("Simple Mail Transfer Protocol (SMTP)").check();
  // Asked once, as Exchange asks it; nothing is submitted until it is answered.
  await expect(page.getByTestId("smtp-question")).toContainText("Overwrite the existing default SMTP certificate?");
  await expect(page.getByTestId("smtp-question")).toContainText("EXCAS1");
  await expect(page.getByRole("button", { name: "Assign" })).toBeDisabled();
  expect((await certificateDetail(request, admin, cert.id)).bindings).toEqual([]);
  await page.getByLabel(/^Yes — this certificate becomes the default SMTP certificate/).check();
  await shot(page, "wizard-assign-07-smtp-confirm");
  await page.getByRole("button", { name: "Assign" }).click();
  await expect(page.getByText("Default SMTP certificate replaced on EXCAS1.")).toBeVisible();
  // Additive: IIS next keeps SMTP.
  const more = await request.post(`/api/v1/certificates/${cert.id}/services`, { headers: auth(admin), data: { serverIds: [excas], services: ["IIS", "SMTP"] } });
  expect(more.status()).toBe(200);
  expect((await more.json()).alreadyAssigned).toEqual([{ server: "EXCAS1", service: "SMTP" }]);
  expect((await certificateDetail(request, admin, cert.id)).bindings.map((b) => b.service).sort()).toEqual(["IIS", "SMTP"]);
  // Restore the seed's default SMTP certificate on EXCAS1.
  const restore = await request.post(`/api/v1/certificates/${mail.id}/services`, { headers: auth(admin), data: { serverIds: [excas], services: ["SMTP", "IIS"], replaceDefaultSmtp: true } });
  expect(restore.status()).toBe(200);
});

test("Remove: refused while bound (naming the services) and nothing changes; an unbound certificate is removed with its key", async ({ page, request }) => {
  const admin = await apiToken(request, "admin");
  const mail = await certificateNamed(request, admin, "Contoso public mail 2026");
  const before = await certificateDetail(request, admin, mail.id);
  await signIn(page, "admin");
  await page.goto(`/certificates/${mail.id}`);
  await page.getByRole("link", { name: "Remove" }).click();
  // Said at once, with no destructive button: bound on every server it is installed on (the services as they are
  // now: an earlier test may have moved IIS on EXCAS1 to another certificate).
  const inUse = (server: string) => `${before.bindings.filter((b) => b.server.name === server).map((b) => b.service).sort().join(", ")} on ${server}`;
  await expect(alerts(page)).toContainText("This certificate cannot be removed: it is in use");
  await expect(page.getByTestId("remove-in-use")).toContainText(inUse("EXCAS1"));
  await expect(page.getByTestId("remove-in-use")).toContainText(inUse("EX01"));
  await expect(page.getByRole("button", { name: "Remove" })).toHaveCount(0);
  await shot(page, "wizard-remove-01-bound");
  // The server still refuses a removal that bypasses the page, naming the services.
  const excasId = await serverId(request, admin, "EXCAS1");
  const bypass = await request.post(`/api/v1/certificates/${mail.id}/remove`, { headers: auth(admin), data: { serverIds: [excasId], confirm: true } });
  expect(bypass.status()).toBe(409);
  const refusal = ((await bypass.json()) as { error: { message: string } }).error.message;
  expect(refusal).toContain("on EXCAS1");
  for (const b of before.bindings.filter((x) => x.server.name === "EXCAS1")) expect(refusal).toContain(b.service);
  await shot(page, "wizard-remove-02-refused");
  const after = await certificateDetail(request, admin, mail.id);
  expect(after.installations).toEqual(before.installations);
  expect(after.bindings).toEqual(before.bindings);

  const ex01 = await serverId(request, admin, "EX01");
  const created = await request.post("/api/v1/certificates/self-signed", { headers: auth(admin), data: { serverId: ex01, commonName: "remove-me.contoso.com", friendlyName: "E2E remove me", services: [] } });
  const doomed = (await created.json()) as { id: string };
  await page.goto(`/certificates/${doomed.id}/remove`);
  await page.getByLabel(/Remove this certificate and its private key/).check();
  await page.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText("The certificate was removed.")).toBeVisible();
  await shot(page, "wizard-remove-03-removed");
  expect((await request.get(`/api/v1/certificates/${doomed.id}`, { headers: auth(admin) })).status()).toBe(404);
});
