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
const eabKid = "kid-certconsole";
const eabKey = randomBytes(32).toString("base64url");

beforeAll(async () => {
  org = await wizardOrg();
  await org.db.setting.update({ where: { id: 1 }, data: { urlAllowList: "127.0.0.1", fetchTimeoutMs: 10_000 } });
  bind = await startBind9("contoso.test");
  [pebble, pebbleEab] = await Promise.all([
    startPebble({ dnsServer: bind.address }),
    startPebble({ dnsServer: bind.address, eabRequired: true, macKeys: { [eabKid]: eabKey } }),
  ]);
});
afterAll(async () => {
  await Promise.all([pebble?.stop(), pebbleEab?.stop()]);
  await bind?.stop();
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
