import { beforeAll, describe, expect, test } from "vitest";
import { certctl as run, consoleOrg } from "./__fixtures__/console-org";

let thumbprint = "";

beforeAll(async () => {
  const db = await consoleOrg();
  thumbprint = (await db.certificate.findFirstOrThrow({ where: { friendlyName: "Contoso public mail 2026" } })).thumbprint;
});

describe("certctl get / enable against the console database", () => {
  test("get prints the Get-ExchangeCertificate list view per server", async () => {
    const { code, out } = await run("get", "--server", "EXCAS1", "--thumbprint", thumbprint);
    expect(code).toBe(0);
    expect(out).toMatch(/^# EXCAS1$/m);
    expect(out).toMatch(/^Thumbprint\s+: [0-9A-F]{40}$/m);
    expect(out).toMatch(/^Services\s+: IIS, IMAP, POP, SMTP$/m);
    expect(out).toMatch(/^Status\s+: RevocationCheckFailure$/m);
    expect(out).toMatch(/^RootCAType\s+: Registry$/m);
  });

  test("get --explain adds the status in plain words and what to do, from the same table as the console", async () => {
    const { code, out } = await run("get", "--server", "EXCAS1", "--thumbprint", thumbprint, "--explain");
    expect(code).toBe(0);
    expect(out).toMatch(/^What it means : Exchange could not reach the list that says whether this certificate was revoked\. The certificate is probably fine, but this cannot be confirmed\./m);
    expect(out).toMatch(/^What to do {4}: Ask the owner of 127\.0\.0\.1 to bring the CRL web server back/m);
    expect(out).toMatch(/^What to do {4}: Add the root to Third-Party Root on EXCAS1/m);
    expect(out).toMatch(/^Detail {8}: .*ERR_FETCH_REFUSED/m);
    const json = JSON.parse((await run("get", "--server", "EXCAS1", "--thumbprint", thumbprint, "--explain", "--json")).out) as { explanation: { status: { code: string }; causes: { code: string }[] } }[];
    expect(json[0]!.explanation.status.code).toBe("RevocationCheckFailure");
    expect(json[0]!.explanation.causes.map((c) => c.code)).toEqual(["connectionRefused", "rootCaTypeRegistry"]);
  });

  test("the same policy decision as the browser: strict refuses, warnButAllow needs --acknowledge, which is audited", async () => {
    const { db } = await import("@/lib/server/db");
    const strict = await run("enable", "--thumbprint", thumbprint, "--server", "EXCAS1", "--services", "UMCallRouter");
    expect(strict.code).toBe(1);
    expect(strict.out).toContain("ERR_REVOCATION_CHECK_FAILED: The certificate status could not be determined because the revocation check failed.");
    expect(strict.out).toContain("127.0.0.1:9");
    await db.setting.update({ where: { id: 1 }, data: { revocationPolicy: "warnButAllow" } });
    const warned = await run("enable", "--thumbprint", thumbprint, "--server", "EXCAS1", "--services", "UMCallRouter");
    expect(warned.code).toBe(1);
    expect(warned.out).toContain("ERR_ACKNOWLEDGEMENT_REQUIRED");
    expect(await db.serviceBinding.count({ where: { service: "UMCallRouter" } })).toBe(0);
    const allowed = await run("enable", "--thumbprint", thumbprint, "--server", "EXCAS1", "--services", "UMCallRouter", "--acknowledge");
    expect(allowed.code).toBe(0);
    expect(allowed.out).toContain("Assigned: EXCAS1 UMCallRouter (revocation warning acknowledged; audited)");
    const binding = await db.serviceBinding.findFirstOrThrow({ where: { service: "UMCallRouter" } });
    expect(binding.acknowledgedStatus).toBe("RevocationCheckFailure");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "service.enable", outcome: "success" }, orderBy: { at: "desc" } });
    expect(audit.actorName).toBe("admin");
    expect(audit.details).toMatchObject({ acknowledged: true, policy: "warnButAllow" });
  });

  test("helpdesk is refused on the command line too", async () => {
    const r = await run("enable", "--thumbprint", thumbprint, "--server", "EXCAS1", "--services", "POP", "--as", "helpdesk");
    expect(r.code).toBe(1);
    expect(r.out).toContain("ERR_FORBIDDEN");
  });
});
