import { beforeAll, describe, expect, test } from "vitest";
import { wizardOrg } from "./__fixtures__/wizard-org";

let org: Awaited<ReturnType<typeof wizardOrg>>;
beforeAll(async () => {
  org = await wizardOrg();
});

describe("newSelfSignedCertificate", () => {
  test("defaults to IMAP, POP and SMTP like the shell, trusted by its server, key not exportable; the default SMTP certificate is kept", async () => {
    const { newSelfSignedCertificate } = await import("./new-self-signed-certificate");
    const ex01 = await org.server("EX01");
    const result = await newSelfSignedCertificate(org.admin, { serverId: ex01.id, commonName: "ex01.contoso.com", domains: ["ex01.contoso.local"] });
    expect(result).toMatchObject({ services: ["IMAP", "POP", "SMTP"], status: "Valid", server: "EX01" });
    const cert = await org.db.certificate.findUniqueOrThrow({ where: { id: result.id }, include: { privateKey: true, bindings: true, trustStoreEntries: true } });
    expect(cert.isSelfSigned).toBe(true);
    expect(cert.domains).toEqual(["ex01.contoso.com", "ex01.contoso.local"]);
    expect(cert.privateKey?.exportable).toBe(false);
    expect(cert.bindings.map((b) => b.service).sort()).toEqual(["IMAP", "POP", "SMTP"]);
    expect(cert.trustStoreEntries.map((t) => t.store)).toEqual(["TrustedRoot"]);
    expect((await org.server("EX01")).defaultSmtpCertificateId).toBe(ex01.defaultSmtpCertificateId);
  });

  test("services the server's role does not run: an Edge server gets SMTP only by default, and IIS/IMAP/POP/UM there are refused with the reason", async () => {
    const { newSelfSignedCertificate } = await import("./new-self-signed-certificate");
    const edge = await org.server("EDGE1");
    const result = await newSelfSignedCertificate(org.admin, { serverId: edge.id, commonName: "edge1.contoso.com", confirmReplaceDefaultSmtp: false });
    expect(result.services).toEqual(["SMTP"]);
    expect(result.ems).toEqual([expect.stringMatching(/^New-ExchangeCertificate -Server EDGE1 -SubjectName "CN=edge1\.contoso\.com" -DomainName edge1\.contoso\.com -KeySize 2048 -PrivateKeyExportable \$false -FriendlyName "Microsoft Exchange" -Services SMTP$/)]);
    for (const service of ["IIS", "IMAP", "POP", "UM"]) {
      const before = await org.counts();
      await expect(newSelfSignedCertificate(org.admin, { serverId: edge.id, commonName: "edge2.contoso.com", services: [service, "SMTP"] })).rejects.toMatchObject({
        code: "ERR_SERVICE_NOT_ON_ROLE",
        message: expect.stringContaining(`EDGE1 is an Edge Transport server: it runs SMTP only, so ${service} cannot be enabled there.`),
      });
      expect(await org.counts()).toEqual(before);
    }
  });

  test.each([
    ["helpdesk", "ERR_FORBIDDEN", {}],
    ["admin", "ERR_DOMAIN_INVALID", { commonName: "not a name" }],
    ["admin", "ERR_VALIDATION", { services: ["FTP"] }],
  ] as const)("%s: refused with %s, nothing stored", async (who, code, change) => {
    const { newSelfSignedCertificate } = await import("./new-self-signed-certificate");
    const before = await org.counts();
    await expect(newSelfSignedCertificate(who === "admin" ? org.admin : org.helpdesk, { serverId: (await org.server("EX01")).id, commonName: "x.contoso.com", ...change })).rejects.toMatchObject({ code });
    expect(await org.counts()).toEqual(before);
  });
});
