import { beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "@/test/test-database";
import { main } from "../certctl";

let thumbprint = "";
const run = async (...args: string[]) => {
  let out = "";
  const code = await main(args, { out: (t) => (out += `${t}\n`), err: (t) => (out += `${t}\n`) });
  return { code, out };
};

beforeAll(async () => {
  await useTestDatabase();
  // Nothing listens on port 9: every lab CRL fetch is refused, so revocation checks genuinely fail.
  process.env.CERTCONSOLE_LAB_URL = "http://127.0.0.1:9";
  const { seedDemoOrganization } = await import("@/lib/server/bootstrap/seed-demo-organization");
  const { ensureUsers } = await import("@/lib/server/bootstrap/ensure-users");
  const { refreshAllStatuses } = await import("@/lib/server/certificates/refresh-all-statuses");
  const { revocationCheckerFromSettings } = await import("@/lib/server/revocation/revocation-checker");
  await ensureUsers({});
  await seedDemoOrganization();
  const { checker, fetcher } = await revocationCheckerFromSettings();
  await refreshAllStatuses(new Date(), checker, fetcher);
  const { db } = await import("@/lib/server/db");
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
