// ACME against the real thing: Debian's pebble (ACME test CA) validating DNS-01 against a real bind9 named, both on
// loopback. The console reaches them through its outbound guard with 127.0.0.1 allow-listed in Settings.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { wizardOrg } from "@/lib/server/certificates/__fixtures__/wizard-org";
import { startBind9, type Bind9Server } from "./harness/bind9";
import { startPebble, type PebbleServer } from "./harness/pebble";

let org: Awaited<ReturnType<typeof wizardOrg>>;
let bind: Bind9Server;
let pebble: PebbleServer;
let pebbleEab: PebbleServer;
let elsewhere: Bind9Server;
const eabKid = "kid-certconsole";
const eabKey = randomBytes(32).toString("base64url");

beforeAll(async () => {
  org = await wizardOrg();
  await org.db.setting.update({ where: { id: 1 }, data: { urlAllowList: "127.0.0.1", fetchTimeoutMs: 10_000 } });
  [bind, elsewhere] = await Promise.all([startBind9("contoso.test"), startBind9("contoso.test")]);
  [pebble, pebbleEab] = await Promise.all([
    startPebble({ dnsServer: bind.address }),
    startPebble({ dnsServer: bind.address, eabRequired: true, macKeys: { [eabKid]: eabKey } }),
  ]);
});
afterAll(async () => {
  await Promise.all([pebble?.stop(), pebbleEab?.stop()]);
  await Promise.all([bind?.stop(), elsewhere?.stop()]);
});

const accountInput = (over: Record<string, unknown> = {}) => ({
  name: `Pebble ${randomBytes(3).toString("hex")}`,
  directoryUrl: pebble.directoryUrl,
  contactEmail: "pki-team@contoso.com",
  termsAccepted: true,
  directoryCaPem: pebble.directoryCaPem,
  dnsUpdateServer: bind.address,
  tsigKeyName: bind.tsig.name,
  tsigAlgorithm: bind.tsig.algorithm,
  tsigSecret: bind.tsig.secret,
  ...over,
});

describe("ACME accounts", () => {
  test("registers with the CA and stores the account key, EAB key and TSIG secret sealed; audited", async () => {
    const { createAcmeAccount } = await import("@/lib/server/acme/create-acme-account");
    const { listAcmeAccounts } = await import("@/lib/server/acme/list-acme-accounts");
    const created = await createAcmeAccount(org.admin, accountInput({ name: "Pebble (accounts test)" }));
    expect(created.accountUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/my-account\//);
    const row = await org.db.acmeAccount.findUniqueOrThrow({ where: { id: created.id } });
    expect(Buffer.from(row.accountKeySealed).toString("latin1")).not.toContain("PRIVATE KEY");
    expect(Buffer.from(row.tsigSecretSealed ?? []).toString("latin1")).not.toContain(bind.tsig.secret);
    const audit = await org.db.auditEvent.findFirstOrThrow({ where: { action: "acme.account.create", targetId: created.id } });
    expect(JSON.stringify(audit.details)).not.toContain(bind.tsig.secret);
    expect((await listAcmeAccounts(org.helpdesk)).map((a) => a.name)).toContain("Pebble (accounts test)");
  });

  test("without the directory's CA the HTTPS connection is not trusted: ERR_ACME_UNREACHABLE, nothing stored", async () => {
    const { createAcmeAccount } = await import("@/lib/server/acme/create-acme-account");
    const before = await org.db.acmeAccount.count();
    const error = await createAcmeAccount(org.admin, accountInput({ directoryCaPem: "" })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ERR_ACME_UNREACHABLE" });
    expect(await org.db.acmeAccount.count()).toBe(before);
  });

  test("a loopback directory not on the allow-list is refused by the outbound guard", async () => {
    const { createAcmeAccount } = await import("@/lib/server/acme/create-acme-account");
    await org.db.setting.update({ where: { id: 1 }, data: { urlAllowList: "" } });
    try {
      const error = await createAcmeAccount(org.admin, accountInput()).catch((e: unknown) => e as Error);
      expect(error).toMatchObject({ code: "ERR_ACME_UNREACHABLE", message: expect.stringContaining("loopback") });
    } finally {
      await org.db.setting.update({ where: { id: 1 }, data: { urlAllowList: "127.0.0.1" } });
    }
  });

  test("EAB required but missing is refused clearly (ERR_ACME_EAB_REQUIRED), audited as failed, nothing stored", async () => {
    const { createAcmeAccount } = await import("@/lib/server/acme/create-acme-account");
    const before = await org.db.acmeAccount.count();
    const input = accountInput({ name: "EAB missing", directoryUrl: pebbleEab.directoryUrl, directoryCaPem: pebbleEab.directoryCaPem });
    const error = await createAcmeAccount(org.admin, input).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ code: "ERR_ACME_EAB_REQUIRED", message: expect.stringContaining("External Account Binding") });
    expect(await org.db.acmeAccount.count()).toBe(before);
    expect(await org.db.auditEvent.count({ where: { action: "acme.account.create", targetId: "EAB missing", outcome: "failed" } })).toBe(1);
  });

  test("with EAB the CA registers the account", async () => {
    const { createAcmeAccount } = await import("@/lib/server/acme/create-acme-account");
    const created = await createAcmeAccount(org.admin, accountInput({ name: "EAB given", directoryUrl: pebbleEab.directoryUrl, directoryCaPem: pebbleEab.directoryCaPem, eabKeyId: eabKid, eabHmacKey: eabKey }));
    expect(created.accountUrl).toContain("/my-account/");
  });

  test("helpdesk cannot create an account; terms not accepted is refused", async () => {
    const { createAcmeAccount } = await import("@/lib/server/acme/create-acme-account");
    await expect(createAcmeAccount(org.helpdesk, accountInput())).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
    await expect(createAcmeAccount(org.admin, accountInput({ termsAccepted: false }))).rejects.toMatchObject({ code: "ERR_ACME_TERMS_NOT_ACCEPTED" });
  });
});

describe("issuance through ACME", () => {
  let accountId = "";
  const issueInput = (domains: string[], solver: "rfc2136" | "manual", over: Record<string, unknown> = {}) => ({
    accountId,
    serverIds: [serverId],
    friendlyName: `ACME ${domains[0]}`,
    commonName: domains[0],
    domains,
    solver,
    ...over,
  });
  let serverId = "";
  beforeAll(async () => {
    const { createAcmeAccount } = await import("@/lib/server/acme/create-acme-account");
    accountId = (await createAcmeAccount(org.admin, accountInput({ name: "Pebble (issuance)" }))).id;
    serverId = (await org.server("EX01")).id;
  });

  test("RFC 2136: TXT records added by TSIG update, validated by pebble against bind9, certificate installed, TXT removed, audited", async () => {
    const { issueAcmeCertificate } = await import("@/lib/server/acme/issue-acme-certificate");
    const result = await issueAcmeCertificate(org.admin, issueInput(["mail.contoso.test", "autodiscover.contoso.test"], "rfc2136"));
    if (result.status !== "Issued") throw new Error("not issued");
    const cert = await org.db.certificate.findUniqueOrThrow({ where: { id: result.certificate.id }, include: { installations: { include: { server: true } }, privateKey: true } });
    expect(cert.domains).toEqual(expect.arrayContaining(["mail.contoso.test", "autodiscover.contoso.test"]));
    expect(cert.issuer).toMatch(/Pebble Intermediate/);
    expect(cert.installations.map((i) => [i.server.name, i.hasPrivateKey])).toEqual([["EX01", true]]);
    expect(cert.privateKey?.exportable).toBe(true);
    expect(await bind.txt("_acme-challenge.mail.contoso.test")).toEqual([]);
    const order = await org.db.acmeOrder.findFirstOrThrow({ where: { certificateId: cert.id } });
    expect(order).toMatchObject({ status: "Issued", solver: "rfc2136", accountId });
    expect(await org.db.auditEvent.count({ where: { action: "acme.certificate.issue", targetId: cert.id, outcome: "success" } })).toBe(1);
  });

  test("manual: the exact TXT records are shown; confirming before they are published is refused by the pre-check; then issued", async () => {
    const { issueAcmeCertificate } = await import("@/lib/server/acme/issue-acme-certificate");
    const { confirmAcmeDnsRecords } = await import("@/lib/server/acme/confirm-acme-dns-records");
    const started = await issueAcmeCertificate(org.admin, issueInput(["owa.contoso.test"], "manual", { nameServers: [bind.address] }));
    if (started.status !== "AwaitingConfirmation") throw new Error("expected to wait");
    expect(started.records).toEqual([{ domain: "owa.contoso.test", name: "_acme-challenge.owa.contoso.test", value: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) }]);
    const early = await confirmAcmeDnsRecords(org.admin, { acmeOrderId: started.acmeOrderId }).catch((e: unknown) => e);
    expect(early).toMatchObject({ code: "ERR_ACME_DNS_NOT_PROPAGATED", message: expect.stringContaining("_acme-challenge.owa.contoso.test") });
    expect((await org.db.acmeOrder.findUniqueOrThrow({ where: { id: started.acmeOrderId } })).status).toBe("AwaitingConfirmation");
    // The admin publishes the record in their DNS.
    await bind.nsupdate([`update add ${started.records[0]!.name} 60 TXT "${started.records[0]!.value}"`]);
    const done = await confirmAcmeDnsRecords(org.admin, { acmeOrderId: started.acmeOrderId });
    if (done.status !== "Issued") throw new Error("not issued");
    expect(done.certificate.servers).toEqual(["EX01"]);
    expect((await org.db.certificate.findUniqueOrThrow({ where: { id: done.certificate.id } })).domains).toEqual(["owa.contoso.test"]);
  });

  test("a wrong TXT record fails validation: the CA's problem is shown (ERR_ACME_VALIDATION), the order is Failed, nothing installed", async () => {
    const { issueAcmeCertificate } = await import("@/lib/server/acme/issue-acme-certificate");
    const { confirmAcmeDnsRecords } = await import("@/lib/server/acme/confirm-acme-dns-records");
    // The console's pre-check asks a server that has the right value; the CA asks one that has a wrong one.
    const started = await issueAcmeCertificate(org.admin, issueInput(["ews.contoso.test"], "manual", { nameServers: [elsewhere.address] }));
    if (started.status !== "AwaitingConfirmation") throw new Error("expected to wait");
    const record = started.records[0]!;
    await elsewhere.nsupdate([`update add ${record.name} 60 TXT "${record.value}"`]);
    await bind.nsupdate([`update add ${record.name} 60 TXT "not-the-key-authorization"`]);
    const before = await org.counts();
    const error = await confirmAcmeDnsRecords(org.admin, { acmeOrderId: started.acmeOrderId }).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ code: "ERR_ACME_VALIDATION", message: expect.stringContaining("ews.contoso.test") });
    expect((error as Error).message).toMatch(/The CA said: ".+"/);
    expect(await org.counts()).toEqual(before);
    const order = await org.db.acmeOrder.findUniqueOrThrow({ where: { id: started.acmeOrderId } });
    expect(order).toMatchObject({ status: "Failed", errorCode: "ERR_ACME_VALIDATION", certificateId: null });
    expect(await org.db.auditEvent.count({ where: { action: "acme.order.confirm", targetId: order.id, outcome: "failed" } })).toBe(1);
  });

  test("RFC 2136 without a DNS server on the account is refused before anything is ordered", async () => {
    const { createAcmeAccount } = await import("@/lib/server/acme/create-acme-account");
    const { issueAcmeCertificate } = await import("@/lib/server/acme/issue-acme-certificate");
    const bare = await createAcmeAccount(org.admin, accountInput({ name: "Pebble (manual only)", dnsUpdateServer: "", tsigKeyName: "", tsigSecret: "" }));
    await expect(issueAcmeCertificate(org.admin, issueInput(["imap.contoso.test"], "rfc2136", { accountId: bare.id }))).rejects.toMatchObject({ code: "ERR_ACME_NO_DNS_UPDATE" });
    await expect(issueAcmeCertificate(org.helpdesk, issueInput(["imap.contoso.test"], "rfc2136"))).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
  });

  test("revocation through ACME with a reason code is accepted by the CA, recorded and audited; a second one is refused", async () => {
    const { issueAcmeCertificate } = await import("@/lib/server/acme/issue-acme-certificate");
    const { revokeAcmeCertificate } = await import("@/lib/server/acme/revoke-acme-certificate");
    const issued = await issueAcmeCertificate(org.admin, issueInput(["pop.contoso.test"], "rfc2136"));
    if (issued.status !== "Issued") throw new Error("not issued");
    await expect(revokeAcmeCertificate(org.helpdesk, { certificateId: issued.certificate.id, reason: "superseded" })).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
    const revoked = await revokeAcmeCertificate(org.admin, { certificateId: issued.certificate.id, reason: "keyCompromise" });
    expect(revoked).toMatchObject({ reasonCode: 1 });
    expect(await org.db.acmeOrder.findFirstOrThrow({ where: { certificateId: issued.certificate.id } })).toMatchObject({ revocationReason: 1, revokedAt: expect.any(Date) });
    expect(await org.db.auditEvent.count({ where: { action: "acme.certificate.revoke", targetId: issued.certificate.id, outcome: "success" } })).toBe(1);
    await expect(revokeAcmeCertificate(org.admin, { certificateId: issued.certificate.id, reason: "keyCompromise" })).rejects.toMatchObject({ code: "ERR_ACME_ALREADY_REVOKED" });
    const selfSigned = await org.db.certificate.findFirstOrThrow({ where: { isSelfSigned: true } });
    await expect(revokeAcmeCertificate(org.admin, { certificateId: selfSigned.id, reason: "superseded" })).rejects.toMatchObject({ code: "ERR_ACME_NOT_ISSUED_HERE" });
  });
});

describe("renewal job", () => {
  test("renews a due ACME certificate on the same servers and moves its services (auto-enable, audited); a failure alerts", async () => {
    const { createAcmeAccount } = await import("@/lib/server/acme/create-acme-account");
    const { issueAcmeCertificate } = await import("@/lib/server/acme/issue-acme-certificate");
    const { enableServices } = await import("@/lib/server/certificates/enable-services");
    const { renewAcmeCertificates } = await import("@/lib/server/acme/renew-acme-certificates");
    const { storeCertificate } = await import("@/lib/server/certificates/store-certificate");
    const ex01 = await org.server("EX01");
    // The admin trusts this run's Pebble root on EX01 (Third-Party Root store), as for any public CA.
    const root = await pebble.rootPem();
    const der = new Uint8Array(Buffer.from(root.replace(/-----[^-]+-----|\s/g, ""), "base64"));
    await org.db.$transaction(async (tx) => {
      const stored = await storeCertificate(tx, { der });
      await tx.trustStoreEntry.create({ data: { serverId: ex01.id, store: "ThirdPartyRoot", certificateId: stored.id } });
    });
    const account = await createAcmeAccount(org.admin, accountInput({ name: "Pebble (renewal)" }));
    const issued = await issueAcmeCertificate(org.admin, { accountId: account.id, serverIds: [ex01.id], friendlyName: "ACME renewal", commonName: "renew.contoso.test", domains: ["renew.contoso.test"], solver: "rfc2136", autoEnableServices: true });
    if (issued.status !== "Issued") throw new Error("not issued");
    const first = issued.certificate;
    // Pebble 2.4's certificates carry no CRL or OCSP URL: their status is RevocationCheckFailure, assignable under
    // "warn but allow" with an acknowledgement.
    await org.db.setting.update({ where: { id: 1 }, data: { revocationPolicy: "warnButAllow" } });
    await enableServices(org.admin, { certificateId: first.id, serverIds: [ex01.id], services: ["IIS"], acknowledged: true });
    // Only this account's certificates take part: the others are marked as already renewed-from for this test.
    await org.db.acmeOrder.updateMany({ where: { accountId: { not: account.id }, status: "Issued" }, data: { revokedAt: new Date() } });

    const notYet = await renewAcmeCertificates(new Date(first.notAfter.getTime() - 1000 * 86_400_000 * 5), () => 0.5);
    const mine = notYet.outcomes.find((o) => o.certificateId === first.id);
    expect(mine).toMatchObject({ action: "notDue", reason: expect.stringContaining("two thirds") });

    const { notBefore } = await org.db.certificate.findUniqueOrThrow({ where: { id: first.id } });
    // 70 % into the lifetime: due (after two thirds) for this certificate, not yet for its renewal issued minutes later.
    const later = new Date(notBefore.getTime() + 0.7 * (first.notAfter.getTime() - notBefore.getTime()));
    const { outcomes } = await renewAcmeCertificates(later, () => 0.5);
    const renewed = outcomes.find((o) => o.certificateId === first.id);
    expect(renewed).toMatchObject({ action: "renewed", servicesEnabled: true });
    const next = await org.db.certificate.findUniqueOrThrow({ where: { id: renewed!.renewedAs! }, include: { installations: { include: { server: true } }, bindings: true } });
    expect(next.installations.map((i) => i.server.name)).toEqual(["EX01"]);
    expect(next.bindings.map((b) => b.service)).toEqual(["IIS"]);
    expect(await org.db.serviceBinding.count({ where: { certificateId: first.id, service: "IIS" } })).toBe(0);
    expect(await org.db.auditEvent.count({ where: { action: "acme.certificate.renew", targetId: next.id, actorName: "system" } })).toBe(1);
    expect(await org.db.auditEvent.count({ where: { action: "service.enable", targetId: next.id, actorName: "admin" } })).toBe(1);

    expect(await org.db.auditEvent.count({ where: { action: "acme.renewal.autoEnable", targetId: next.id, actorName: "admin" } })).toBe(1);

    // Under "strict" the assignment is refused, so the renewed certificate waits for an admin's approval.
    await org.db.setting.update({ where: { id: 1 }, data: { revocationPolicy: "strict" } });
    const strict = await renewAcmeCertificates(new Date(next.notAfter.getTime() - 86_400_000), () => 0.5);
    const third = strict.outcomes.find((o) => o.certificateId === next.id);
    // Followed by its renewal, the first certificate is not renewed twice.
    expect(strict.outcomes.find((o) => o.certificateId === first.id)).toBeUndefined();
    expect(third).toMatchObject({ action: "renewed", servicesEnabled: false });
    expect(strict.alerts).toEqual([expect.objectContaining({ kind: "AcmeRenewalApproval", certificateId: third!.renewedAs, message: expect.stringContaining("approve moving IIS") })]);
    expect(await org.db.serviceBinding.count({ where: { certificateId: next.id, service: "IIS" } })).toBe(1);
    const last = await org.db.certificate.findUniqueOrThrow({ where: { id: third!.renewedAs! } });

    // The DNS server is gone at the next renewal: an error alert with the reason, like an expiry alert.
    await org.db.acmeAccount.update({ where: { id: account.id }, data: { dnsUpdateServer: "127.0.0.1:1" } });
    const failed = await renewAcmeCertificates(new Date(last.notAfter.getTime() - 86_400_000), () => 0.5);
    expect(failed.outcomes.find((o) => o.certificateId === last.id)).toMatchObject({ action: "failed" });
    expect(failed.alerts).toEqual([expect.objectContaining({ kind: "AcmeRenewalFailed", severity: "error", certificateId: last.id, message: expect.stringContaining("ERR_DNS_UNREACHABLE") })]);
  });
});
