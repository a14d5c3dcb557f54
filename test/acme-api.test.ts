// The ACME API (app/api/v1/acme/**) through the real route handlers, against a real pebble validating DNS-01 on a
// real bind9 (both on loopback, allow-listed by the demo settings): accounts, the manual solver's records, confirm
// with the propagation pre-check, RFC 2136 issuance, the renewal setting, renew now, approve, revoke, deactivate;
// helpdesk refused and audited.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { seedDemoConsole, useTestDatabase } from "./test-database";
import { startBind9, type Bind9Server } from "./harness/bind9";
import { startPebble, type PebbleServer } from "./harness/pebble";

type Handler = (r: NextRequest, c: { params: Promise<never> }) => Promise<Response>;
type Body = { error?: { code: string; message: string } } & Record<string, unknown>;

let adminToken = "";
let helpdeskToken = "";
let bind: Bind9Server;
let pebble: PebbleServer;

async function call(handler: Handler, method: string, path: string, token: string, body?: unknown, params: Record<string, string> = {}) {
  const response = await handler(
    new NextRequest(`http://127.0.0.1:3000${path}`, {
      method,
      headers: { host: "127.0.0.1:3000", "x-certconsole-peer": "127.0.0.1", authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
    { params: Promise.resolve(params) as Promise<never> },
  );
  return { status: response.status, body: (await response.json()) as Body };
}

beforeAll(async () => {
  await useTestDatabase();
  const { db, tokenFor } = await seedDemoConsole();
  await db.setting.update({ where: { id: 1 }, data: { urlAllowList: "127.0.0.1", fetchTimeoutMs: 10_000, revocationPolicy: "warnButAllow" } });
  adminToken = await tokenFor("admin");
  helpdeskToken = await tokenFor("helpdesk");
  bind = await startBind9("contoso.test");
  pebble = await startPebble({ dnsServer: bind.address });
});
afterAll(async () => {
  await pebble?.stop();
  await bind?.stop();
});

const account = () => ({
  name: "Pebble (API)",
  directoryUrl: pebble.directoryUrl,
  contactEmail: "pki-team@contoso.com",
  termsAccepted: true,
  directoryCaPem: pebble.directoryCaPem,
  dnsUpdateServer: bind.address,
  tsigKeyName: bind.tsig.name,
  tsigSecret: bind.tsig.secret,
});

describe("ACME API", () => {
  let accountId = "";
  let ex01 = "";
  let issuedId = "";

  test("accounts: helpdesk is refused and audited; an admin registers one; the list shows no secret", async () => {
    const { db } = await import("@/lib/server/db");
    const accounts = await import("@/app/api/v1/acme/accounts/route");
    const refused = await call(accounts.POST, "POST", "/api/v1/acme/accounts", helpdeskToken, account());
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "ERR_FORBIDDEN" } } });
    expect(await db.auditEvent.count({ where: { action: "api.post", actorName: "helpdesk", outcome: "refused", targetId: "/api/v1/acme/accounts" } })).toBe(1);
    expect(await db.acmeAccount.count()).toBe(0);
    const bad = await call(accounts.POST, "POST", "/api/v1/acme/accounts", adminToken, { ...account(), directoryUrl: "ftp://x" });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "ERR_VALIDATION" } } });
    const created = await call(accounts.POST, "POST", "/api/v1/acme/accounts", adminToken, account());
    expect(created.status).toBe(200);
    accountId = created.body.id as string;
    const listed = await call(accounts.GET, "GET", "/api/v1/acme/accounts", helpdeskToken);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: accountId, name: "Pebble (API)", rfc2136: true, deactivatedAt: null })]);
    expect(JSON.stringify(listed.body)).not.toContain(bind.tsig.secret);
    ex01 = (await db.server.findUniqueOrThrow({ where: { name: "EX01" } })).id;
    // The admin trusts this run's Pebble root on EX01 (Third-Party Root store), as for any public CA.
    const { storeCertificate } = await import("@/lib/server/certificates/store-certificate");
    const der = new Uint8Array(Buffer.from((await pebble.rootPem()).replace(/-----[^-]+-----|\s/g, ""), "base64"));
    await db.$transaction(async (tx) => {
      const stored = await storeCertificate(tx, { der });
      await tx.trustStoreEntry.create({ data: { serverId: ex01, store: "ThirdPartyRoot", certificateId: stored.id } });
    });
  });

  test("manual solver: the exact TXT records, confirm refused until they are visible, then issued and installed", async () => {
    const orders = await import("@/app/api/v1/acme/orders/route");
    const order = await import("@/app/api/v1/acme/orders/[id]/route");
    const confirm = await import("@/app/api/v1/acme/orders/[id]/confirm/route");
    const input = { accountId, serverIds: [ex01], friendlyName: "API manual", commonName: "manual.contoso.test", domains: ["manual.contoso.test"], solver: "manual", nameServers: [bind.address] };
    expect((await call(orders.POST, "POST", "/api/v1/acme/orders", helpdeskToken, input)).status).toBe(403);
    const started = await call(orders.POST, "POST", "/api/v1/acme/orders", adminToken, input);
    expect(started.body).toMatchObject({ status: "AwaitingConfirmation", records: [{ name: "_acme-challenge.manual.contoso.test", value: expect.any(String) }] });
    const id = started.body.acmeOrderId as string;
    const state = await call(order.GET, "GET", `/api/v1/acme/orders/${id}`, helpdeskToken, undefined, { id });
    expect(state.body).toMatchObject({ status: "AwaitingConfirmation", records: started.body.records, nameServers: [bind.address] });
    const early = await call(confirm.POST, "POST", `/api/v1/acme/orders/${id}/confirm`, adminToken, {}, { id });
    expect(early).toMatchObject({ status: 409, body: { error: { code: "ERR_ACME_DNS_NOT_PROPAGATED" } } });
    const record = (started.body.records as Array<{ name: string; value: string }>)[0]!;
    await bind.nsupdate([`update add ${record.name} 60 TXT "${record.value}"`]);
    const done = await call(confirm.POST, "POST", `/api/v1/acme/orders/${id}/confirm`, adminToken, {}, { id });
    expect(done.body).toMatchObject({ status: "Issued", certificate: { servers: ["EX01"] } });
    const after = await call(order.GET, "GET", `/api/v1/acme/orders/${id}`, adminToken, undefined, { id });
    expect(after.body).toMatchObject({ status: "Issued", records: [], certificate: { thumbprint: expect.stringMatching(/^[0-9A-F]{40}$/) } });
  });

  test("RFC 2136: issued; renewal setting; renew now moves the services on approval; revoke with a reason", async () => {
    const { db } = await import("@/lib/server/db");
    const { enableServices } = await import("@/lib/server/certificates/enable-services");
    const orders = await import("@/app/api/v1/acme/orders/route");
    const list = await import("@/app/api/v1/acme/certificates/route");
    const mode = await import("@/app/api/v1/acme/certificates/[id]/renewal-mode/route");
    const renew = await import("@/app/api/v1/acme/certificates/[id]/renew/route");
    const approve = await import("@/app/api/v1/acme/certificates/[id]/approve-renewal/route");
    const revoke = await import("@/app/api/v1/acme/certificates/[id]/revoke/route");
    const issued = await call(orders.POST, "POST", "/api/v1/acme/orders", adminToken, { accountId, serverIds: [ex01], friendlyName: "API rfc2136", commonName: "api.contoso.test", domains: ["api.contoso.test"], solver: "rfc2136" });
    expect(issued.body).toMatchObject({ status: "Issued" });
    issuedId = (issued.body.certificate as { id: string }).id;
    const admin = { userId: (await db.user.findUniqueOrThrow({ where: { username: "admin" } })).id, username: "admin", role: "admin" as const };
    await enableServices(admin, { certificateId: issuedId, serverIds: [ex01], services: ["IIS"], acknowledged: true });

    expect((await call(mode.PUT, "PUT", "/", helpdeskToken, { mode: "automatic" }, { id: issuedId })).status).toBe(403);
    expect((await call(mode.PUT, "PUT", "/", adminToken, { mode: "sometimes" }, { id: issuedId })).body.error?.code).toBe("ERR_VALIDATION");
    expect((await call(mode.PUT, "PUT", "/", adminToken, { mode: "approval" }, { id: issuedId })).body).toMatchObject({ mode: "approval" });
    expect(await db.auditEvent.count({ where: { action: "acme.renewal.mode", targetId: issuedId } })).toBe(1);

    const renewed = await call(renew.POST, "POST", "/", adminToken, undefined, { id: issuedId });
    expect(renewed.body).toMatchObject({ servicesEnabled: false, pendingServices: ["IIS"] });
    const nextId = (renewed.body.certificate as { id: string }).id;
    expect((await call(renew.POST, "POST", "/", adminToken, undefined, { id: issuedId })).body.error?.code).toBe("ERR_ACME_ALREADY_RENEWED");
    const items = (await call(list.GET, "GET", "/", helpdeskToken)).body.items as Array<{ id: string; renewed: boolean; pendingServices: string[] }>;
    expect(items.find((i) => i.id === nextId)).toMatchObject({ pendingServices: ["IIS on EX01"] });
    expect(items.find((i) => i.id === issuedId)).toMatchObject({ renewed: true });

    expect((await call(approve.POST, "POST", "/", adminToken, {}, { id: nextId })).body.error?.code).toBe("ERR_ACKNOWLEDGEMENT_REQUIRED");
    const approved = await call(approve.POST, "POST", "/", adminToken, { acknowledged: true }, { id: nextId });
    expect(approved.body).toMatchObject({ services: ["IIS"] });
    expect(await db.serviceBinding.count({ where: { certificateId: nextId, service: "IIS" } })).toBe(1);
    expect(await db.serviceBinding.count({ where: { certificateId: issuedId } })).toBe(0);
    expect(((await call(list.GET, "GET", "/", adminToken)).body.items as Array<{ id: string; pendingServices: string[] }>).find((i) => i.id === nextId)).toMatchObject({ pendingServices: [] });
    expect((await call(approve.POST, "POST", "/", adminToken, { acknowledged: true }, { id: nextId })).body.error?.code).toBe("ERR_ACME_NOTHING_TO_APPROVE");
    expect(await db.auditEvent.count({ where: { action: "acme.renewal.approve", targetId: nextId } })).toBe(1);

    expect((await call(revoke.POST, "POST", "/", adminToken, { reason: "stolen" }, { id: issuedId })).body.error?.code).toBe("ERR_VALIDATION");
    const revoked = await call(revoke.POST, "POST", "/", adminToken, { reason: "superseded" }, { id: issuedId });
    expect(revoked.body).toMatchObject({ reasonCode: 4 });
  });

  test("deactivate: helpdesk refused; the CA deactivates the account; it orders nothing more", async () => {
    const deactivate = await import("@/app/api/v1/acme/accounts/[id]/deactivate/route");
    const orders = await import("@/app/api/v1/acme/orders/route");
    expect((await call(deactivate.POST, "POST", "/", helpdeskToken, {}, { id: accountId })).status).toBe(403);
    const done = await call(deactivate.POST, "POST", "/", adminToken, {}, { id: accountId });
    expect(done.body).toMatchObject({ id: accountId, deactivatedAt: expect.any(String) });
    expect((await call(deactivate.POST, "POST", "/", adminToken, {}, { id: accountId })).body.error?.code).toBe("ERR_ACME_ACCOUNT_DEACTIVATED");
    const refused = await call(orders.POST, "POST", "/", adminToken, { accountId, serverIds: [ex01], friendlyName: "x", commonName: "x.contoso.test", domains: ["x.contoso.test"], solver: "rfc2136" });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "ERR_ACME_ACCOUNT_DEACTIVATED" } } });
  });
});

describe("regression: removing an ACME-issued certificate from its last server crashed on the ACME order's key reference", () => {
  test("Remove-ExchangeCertificate deletes the certificate; the key stays with the ACME order (history) and nothing fails", async () => {
    const { db } = await import("@/lib/server/db");
    const remove = await import("@/app/api/v1/certificates/[id]/remove/route");
    const order = await db.acmeOrder.findFirstOrThrow({ where: { friendlyName: "API manual", status: "Issued" }, include: { certificate: { include: { installations: true } } } });
    const cert = order.certificate!;
    const answer = await call(remove.POST, "POST", "/", adminToken, { serverIds: cert.installations.map((i) => i.serverId), confirm: true }, { id: cert.id });
    expect(answer).toMatchObject({ status: 200, body: { deleted: true, keyDeleted: false } });
    expect(await db.certificate.count({ where: { id: cert.id } })).toBe(0);
    expect(await db.acmeOrder.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ certificateId: null, status: "Issued" });
  });
});
