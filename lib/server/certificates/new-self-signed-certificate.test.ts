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
