import { beforeAll, describe, expect, test } from "vitest";
import { execFileSync } from "node:child_process";
import { wizardOrg } from "./__fixtures__/wizard-org";

let org: Awaited<ReturnType<typeof wizardOrg>>;
beforeAll(async () => {
  org = await wizardOrg();
});

describe("exportCertificate", () => {
  test.each([
    ["aes256", [], "AES-256-CBC"],
    ["tripleDesSha1", ["-legacy"], "pbeWithSHA1And3-KeyTripleDES-CBC"],
  ] as const)("%s: an exportable key exports as a PFX openssl opens with the password; audited without it", async (encryption, flags, algorithm) => {
    const { exportCertificate } = await import("./export-certificate");
    const mail = await org.certificate("Contoso public mail 2026");
    const result = await exportCertificate(org.admin, { certificateId: mail.id, password: "Exp0rt-Secret!", encryption });
    const info = execFileSync("openssl", ["pkcs12", "-info", "-passin", "pass:Exp0rt-Secret!", "-nodes", ...flags], { input: Buffer.from(result.pfx), stdio: ["pipe", "pipe", "pipe"] });
    const text = info.toString();
    expect(text).toContain("BEGIN PRIVATE KEY");
    expect(text).toMatch(/subject=.*CN ?= ?mail\.contoso\.com/);
    expect(text).toContain("Contoso Lab Issuing CA 1"); // the chain is included
    const stderr = execFileSync("sh", ["-c", `openssl pkcs12 -info -noout -passin pass:Exp0rt-Secret! ${flags.join(" ")} 2>&1`], { input: Buffer.from(result.pfx) }).toString();
    expect(stderr).toContain(algorithm);
    const audit = await org.db.auditEvent.findFirstOrThrow({ where: { action: "certificate.export", targetId: mail.id }, orderBy: { at: "desc" } });
    expect(audit.outcome).toBe("success");
    expect(audit.details).toMatchObject({ encryption, thumbprint: mail.thumbprint });
    expect(JSON.stringify(audit.details)).not.toContain("Exp0rt-Secret!");
  });

  test("a non-exportable key is refused with the EMC's reason; the refusal is audited and nothing else changes", async () => {
    const { exportCertificate } = await import("./export-certificate");
    const edge = await org.certificate("Edge SMTP (expiring)");
    const before = await org.counts();
    await expect(exportCertificate(org.admin, { certificateId: edge.id, password: "whatever-123" })).rejects.toMatchObject({ code: "ERR_KEY_NOT_EXPORTABLE", message: expect.stringContaining("not exportable") });
    expect(await org.counts()).toEqual(before);
    expect(await org.db.auditEvent.count({ where: { action: "certificate.export", targetId: edge.id, outcome: "refused" } })).toBe(1);
  });

  test.each([
    ["helpdesk", "ERR_FORBIDDEN", {}],
    ["admin", "ERR_VALIDATION", { password: "short" }],
    ["admin", "ERR_VALIDATION", { encryption: "rc2" }],
  ] as const)("%s: refused with %s", async (who, code, change) => {
    const { exportCertificate } = await import("./export-certificate");
    const mail = await org.certificate("Contoso public mail 2026");
    await expect(exportCertificate(who === "admin" ? org.admin : org.helpdesk, { certificateId: mail.id, password: "Exp0rt-Secret!", ...change })).rejects.toMatchObject({ code });
  });

  test("a pending request exports as its PKCS#10", async () => {
    const { newCertificateRequest } = await import("./new-certificate-request");
    const { exportPendingRequest } = await import("./export-certificate");
    const request = await newCertificateRequest(org.admin, { serverId: (await org.server("EX01")).id, friendlyName: "Req export", commonName: "req.contoso.com", domains: ["req.contoso.com"] });
    const exported = await exportPendingRequest(org.helpdesk, request.id);
    expect(exported.fileName).toBe("Req_export.req");
    expect(execFileSync("openssl", ["req", "-verify", "-noout", "-subject"], { input: exported.pem, stdio: ["pipe", "pipe", "pipe"] }).toString()).toContain("req.contoso.com");
  });
});
