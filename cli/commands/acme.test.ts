// certctl acme against a real pebble validating DNS-01 on a real bind9 (loopback, allow-listed by the demo settings).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startBind9, type Bind9Server } from "@/test/harness/bind9";
import { startPebble, type PebbleServer } from "@/test/harness/pebble";
import { certctl as run, consoleOrg } from "./__fixtures__/console-org";

let bind: Bind9Server;
let pebble: PebbleServer;
beforeAll(async () => {
  await consoleOrg();
  bind = await startBind9("contoso.test");
  pebble = await startPebble({ dnsServer: bind.address });
});
afterAll(async () => {
  await pebble?.stop();
  await bind?.stop();
});

describe("certctl acme", () => {
  test("accounts, issue (RFC 2136 and manual), renew, revoke; helpdesk refused", async () => {
    const { db } = await import("@/lib/server/db");
    expect((await run("acme", "accounts")).out).toContain("No ACME CA is configured.");
    const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" } });
    const { createAcmeAccount } = await import("@/lib/server/acme/create-acme-account");
    await createAcmeAccount({ userId: admin.id, username: "admin", role: "admin" }, { name: "Pebble CLI", directoryUrl: pebble.directoryUrl, contactEmail: "pki@contoso.com", termsAccepted: true, directoryCaPem: pebble.directoryCaPem, dnsUpdateServer: bind.address, tsigKeyName: bind.tsig.name, tsigSecret: bind.tsig.secret });
    const accounts = await run("acme", "accounts", "--json");
    expect(JSON.parse(accounts.out)).toMatchObject({ ok: true, accounts: [{ name: "Pebble CLI", rfc2136: true }] });
    expect(accounts.out).not.toContain(bind.tsig.secret);

    const refused = await run("acme", "issue", "--account", "Pebble CLI", "--server", "EX01", "--friendly-name", "CLI ACME", "--domain", "cli.contoso.test", "--as", "helpdesk");
    expect(refused).toMatchObject({ code: 1, out: expect.stringContaining("ERR_FORBIDDEN") });
    const issued = await run("acme", "issue", "--account", "Pebble CLI", "--server", "EX01", "--friendly-name", "CLI ACME", "--domain", "cli.contoso.test", "--json");
    expect(issued.code).toBe(0);
    const thumbprint = (JSON.parse(issued.out) as { certificate: { thumbprint: string } }).certificate.thumbprint;

    const manual = await run("acme", "issue", "--account", "Pebble CLI", "--server", "EX01", "--friendly-name", "CLI manual", "--domain", "cli-manual.contoso.test", "--solver", "manual", "--name-server", bind.address);
    expect(manual.out).toMatch(/_acme-challenge\.cli-manual\.contoso\.test TXT "[A-Za-z0-9_-]{43}"/);
    const orderId = /certctl acme confirm (\S+)/.exec(manual.out)![1]!;
    expect((await run("acme", "confirm", orderId)).out).toContain("ERR_ACME_DNS_NOT_PROPAGATED");

    const renewed = await run("acme", "renew", thumbprint);
    expect(renewed).toMatchObject({ code: 0, out: expect.stringMatching(new RegExp(`^Renewed ${thumbprint} as [0-9A-F]{40}`)) });
    expect((await run("acme", "revoke", thumbprint)).code).toBe(2);
    const revoked = await run("acme", "revoke", thumbprint, "--reason", "superseded");
    expect(revoked).toMatchObject({ code: 0, out: `Revoked ${thumbprint} through ACME (reason superseded, code 4).\n` });
    expect(await db.auditEvent.count({ where: { action: "acme.certificate.revoke", outcome: "success" } })).toBe(1);
  });
});
