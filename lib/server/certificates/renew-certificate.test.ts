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
    if (result.kind !== "request") throw new Error("a CA certificate renews into a request");
    expect(result.ems).toEqual([`Get-ExchangeCertificate -Server EXCAS1 -Thumbprint ${mail.thumbprint} | New-ExchangeCertificate -GenerateRequest -KeySize 2048 -PrivateKeyExportable $true`]);
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

  test("renewing a self-signed certificate makes a new self-signed certificate at once: same subject and SANs, a new key, its services offered to move", async () => {
    const { renewCertificate } = await import("./renew-certificate");
    const { newSelfSignedCertificate } = await import("./new-self-signed-certificate");
    const ex01 = await org.server("EX01");
    const original = await newSelfSignedCertificate(org.admin, { serverId: ex01.id, commonName: "ex01.contoso.com", domains: ["ex01.contoso.local"], services: ["IMAP", "POP"] });
    const requestsBefore = await org.db.certificateRequest.count();
    const result = await renewCertificate(org.admin, { certificateId: original.id, serverId: ex01.id, exportable: false });
    if (result.kind !== "selfSigned") throw new Error("a self-signed certificate renews into a self-signed certificate");
    expect(await org.db.certificateRequest.count()).toBe(requestsBefore);
    const [oldRow, newRow] = await Promise.all([original.id, result.id].map((id) => org.db.certificate.findUniqueOrThrow({ where: { id }, include: { privateKey: true, installations: true } })));
    expect(newRow!.isSelfSigned).toBe(true);
    expect(newRow!.thumbprint).not.toBe(oldRow!.thumbprint);
    expect(newRow!.der).not.toEqual(oldRow!.der);
    expect(newRow!.subject).toBe(oldRow!.subject);
    expect(newRow!.domains).toEqual(oldRow!.domains);
    expect(newRow!.privateKey!.spkiSha256).not.toBe(oldRow!.privateKey!.spkiSha256);
    expect(newRow!.installations.map((i) => i.serverId)).toEqual([ex01.id]);
    expect(result.status).toBe("Valid");
    expect(result.servicesToMove).toEqual(["IMAP", "POP"]);
    expect(result.ems).toEqual([`Get-ExchangeCertificate -Server EX01 -Thumbprint ${oldRow!.thumbprint} | New-ExchangeCertificate -Force -KeySize 2048 -PrivateKeyExportable $false`]);
    // openssl agrees: self-signed, same subject.
    const pem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString("base64")}\n-----END CERTIFICATE-----\n`;
    const subjectOf = (der: Uint8Array) => execFileSync("openssl", ["x509", "-noout", "-subject", "-issuer"], { input: pem(der) }).toString();
    expect(subjectOf(newRow!.der)).toBe(subjectOf(oldRow!.der));
  });

  test("helpdesk is refused and nothing is stored", async () => {
    const { renewCertificate } = await import("./renew-certificate");
    const mail = await org.certificate("Contoso public mail 2026");
    const before = await org.counts();
    await expect(renewCertificate(org.helpdesk, { certificateId: mail.id, serverId: (await org.server("EXCAS1")).id })).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
    expect(await org.counts()).toEqual(before);
  });
});
