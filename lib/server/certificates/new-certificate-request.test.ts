import { beforeAll, describe, expect, test } from "vitest";
import { execFileSync } from "node:child_process";
import { wizardOrg } from "./__fixtures__/wizard-org";

let org: Awaited<ReturnType<typeof wizardOrg>>;
beforeAll(async () => {
  org = await wizardOrg();
});

const base = async () => ({
  serverId: (await org.server("EXCAS1")).id,
  friendlyName: "Contoso mail 2027",
  commonName: "mail.contoso.com",
  domains: ["mail.contoso.com", "autodiscover.contoso.com", "owa.contoso.com"],
  organization: { organization: "Contoso", organizationalUnit: "IT", locality: "Redmond", state: "WA", country: "US" },
});

describe("newCertificateRequest", () => {
  test.each([
    ["RSA-2048", "RSA", 2048],
    ["RSA-4096", "RSA", 4096],
    ["EC-P256", "EC", 256],
  ] as const)("%s: stores a pending request with an exportable sealed key, audited, and openssl verifies the CSR", async (key, algorithm, size) => {
    const { newCertificateRequest } = await import("./new-certificate-request");
    const result = await newCertificateRequest(org.admin, { ...(await base()), key });
    const row = await org.db.certificateRequest.findUniqueOrThrow({ where: { id: result.id }, include: { privateKey: true } });
    expect(row).toMatchObject({ status: "Pending", keyAlgorithm: algorithm, publicKeySize: size, friendlyName: "Contoso mail 2027", createdById: org.admin.userId });
    expect(row.privateKey.exportable).toBe(true);
    expect(row.subject).toBe("CN=mail.contoso.com, OU=IT, O=Contoso, L=Redmond, S=WA, C=US");
    expect(row.domains).toEqual(["mail.contoso.com", "autodiscover.contoso.com", "owa.contoso.com"]);
    expect(result.ems).toEqual([
      `New-ExchangeCertificate -Server ${result.server} -GenerateRequest -SubjectName "C=US,S=WA,L=Redmond,O=Contoso,OU=IT,CN=mail.contoso.com" -DomainName mail.contoso.com,autodiscover.contoso.com,owa.contoso.com -KeySize ${size} -PrivateKeyExportable $true -FriendlyName "Contoso mail 2027"`,
    ]);
    const text = execFileSync("openssl", ["req", "-verify", "-noout", "-text"], { input: result.csrPem }).toString();
    expect(text).toContain("DNS:autodiscover.contoso.com");
    const audit = await org.db.auditEvent.findFirstOrThrow({ where: { action: "certificate.request.new", targetId: result.id } });
    expect(audit.actorName).toBe("admin");
  });

  test("the key is not exportable when unticked", async () => {
    const { newCertificateRequest } = await import("./new-certificate-request");
    const result = await newCertificateRequest(org.admin, { ...(await base()), exportable: false });
    const row = await org.db.certificateRequest.findUniqueOrThrow({ where: { id: result.id }, include: { privateKey: true } });
    expect(row.privateKey.exportable).toBe(false);
  });

  test.each([
    ["helpdesk", "ERR_FORBIDDEN", {}],
    ["admin", "ERR_DOMAIN_INVALID", { domains: ["mail.contoso.com", "bad domain!"] }],
    ["admin", "ERR_VALIDATION", { friendlyName: "x".repeat(64) }],
    ["admin", "ERR_VALIDATION", { domains: [] }],
    ["admin", "ERR_NOT_FOUND", { serverId: "nope" }],
  ] as const)("%s with bad input is refused with %s and nothing is stored", async (who, code, change) => {
    const { newCertificateRequest } = await import("./new-certificate-request");
    const before = await org.counts();
    const events = await org.db.auditEvent.count({ where: { outcome: "success" } });
    await expect(newCertificateRequest(who === "admin" ? org.admin : org.helpdesk, { ...(await base()), ...change })).rejects.toMatchObject({ code });
    expect(await org.counts()).toEqual(before);
    expect(await org.db.auditEvent.count({ where: { outcome: "success" } })).toBe(events);
  });
});
