import { beforeAll, describe, expect, test } from "vitest";
import { execFileSync } from "node:child_process";
import { wizardOrg } from "./__fixtures__/wizard-org";

let org: Awaited<ReturnType<typeof wizardOrg>>;
beforeAll(async () => {
  org = await wizardOrg();
});

describe("renewCertificate", () => {
  test("same subject and SANs, a new key, linked to the certificate it renews", async () => {
    const { renewCertificate, renewalDefaults } = await import("./renew-certificate");
    const mail = await org.certificate("Contoso public mail 2026");
    const defaults = await renewalDefaults(org.helpdesk, mail.id);
    expect(defaults).toMatchObject({ commonName: "mail.contoso.com", key: "RSA-2048", domains: mail.domains });
    const result = await renewCertificate(org.admin, { certificateId: mail.id, serverId: (await org.server("EXCAS1")).id });
    const row = await org.db.certificateRequest.findUniqueOrThrow({ where: { id: result.id }, include: { privateKey: true } });
    expect(row.renewsCertificateId).toBe(mail.id);
    expect(row.privateKeyId).not.toBe(mail.privateKeyId);
    expect(row.domains).toEqual(mail.domains);
    const text = execFileSync("openssl", ["req", "-verify", "-noout", "-text"], { input: result.csrPem, stdio: ["pipe", "pipe", "pipe"] }).toString();
    expect(text).toMatch(/Subject: C\s*=\s*US, ST\s*=\s*WA, L\s*=\s*Redmond, O\s*=\s*Contoso, OU\s*=\s*Messaging, CN\s*=\s*mail.contoso.com/);
    expect(await org.db.auditEvent.count({ where: { action: "certificate.renew", targetId: result.id } })).toBe(1);
  });

  test("SANs and CN are editable", async () => {
    const { renewCertificate } = await import("./renew-certificate");
    const mail = await org.certificate("Contoso public mail 2026");
    const result = await renewCertificate(org.admin, { certificateId: mail.id, serverId: (await org.server("EXCAS1")).id, commonName: "mail2.contoso.com", domains: ["mail2.contoso.com", "autodiscover.contoso.com"], key: "EC-P256" });
    expect(result.domains).toEqual(["mail2.contoso.com", "autodiscover.contoso.com"]);
    expect(result.subject).toContain("CN=mail2.contoso.com");
    expect((await org.db.certificateRequest.findUniqueOrThrow({ where: { id: result.id } })).keyAlgorithm).toBe("EC");
  });

  test("helpdesk is refused and nothing is stored", async () => {
    const { renewCertificate } = await import("./renew-certificate");
    const mail = await org.certificate("Contoso public mail 2026");
    const before = await org.counts();
    await expect(renewCertificate(org.helpdesk, { certificateId: mail.id, serverId: (await org.server("EXCAS1")).id })).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
    expect(await org.counts()).toEqual(before);
  });
});
