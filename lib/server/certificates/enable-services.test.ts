import { beforeAll, describe, expect, test } from "vitest";
import { wizardOrg } from "./__fixtures__/wizard-org";

let org: Awaited<ReturnType<typeof wizardOrg>>;
beforeAll(async () => {
  org = await wizardOrg();
});

/** A fresh self-signed certificate on EXCAS1 with no services, so each test owns its certificate. */
async function fresh(name: string, status?: string) {
  const { newSelfSignedCertificate } = await import("./new-self-signed-certificate");
  const r = await newSelfSignedCertificate(org.admin, { serverId: (await org.server("EXCAS1")).id, commonName: `${name}.contoso.com`, services: [], friendlyName: name });
  if (status) await org.db.certificate.update({ where: { id: r.id }, data: { status, statusReason: `${status}: the CRL at http://crl.contoso.invalid/lab.crl timed out through proxy http://proxy:8080.` } });
  return r;
}
const policy = (revocationPolicy: string) => org.db.setting.update({ where: { id: 1 }, data: { revocationPolicy } });
const services = async (certificateId: string) => (await org.db.serviceBinding.findMany({ where: { certificateId }, orderBy: { service: "asc" } })).map((b) => b.service);

describe("enableServices", () => {
  test("assignment is additive and already-assigned services are reported", async () => {
    const { enableServices } = await import("./enable-services");
    const cert = await fresh("additive");
    const excas = (await org.server("EXCAS1")).id;
    await enableServices(org.admin, { certificateId: cert.id, serverIds: [excas], services: ["IIS"] });
    const second = await enableServices(org.admin, { certificateId: cert.id, serverIds: [excas], services: ["IIS", "IMAP"] });
    expect(second.added).toEqual([{ server: "EXCAS1", service: "IMAP" }]);
    expect(second.alreadyAssigned).toEqual([{ server: "EXCAS1", service: "IIS" }]);
    expect(await services(cert.id)).toEqual(["IIS", "IMAP"]);
    expect(await org.db.auditEvent.count({ where: { action: "service.enable", targetId: cert.id, outcome: "success" } })).toBe(2);
  });

  test("replacing the default SMTP certificate needs confirmation; nothing changes without it", async () => {
    const { enableServices } = await import("./enable-services");
    const cert = await fresh("smtp");
    const excas = await org.server("EXCAS1");
    const before = await org.counts();
    await expect(enableServices(org.admin, { certificateId: cert.id, serverIds: [excas.id], services: ["SMTP"] })).rejects.toMatchObject({
      code: "ERR_CONFIRMATION_REQUIRED",
      message: expect.stringContaining("Overwrite the existing default SMTP certificate? EXCAS1 already has a default SMTP certificate"),
    });
    expect(await org.counts()).toEqual(before);
    const done = await enableServices(org.admin, { certificateId: cert.id, serverIds: [excas.id], services: ["SMTP"], replaceDefaultSmtp: true });
    expect(done.replacedDefaultSmtp).toEqual(["EXCAS1"]);
    expect(done.ems).toEqual([`Enable-ExchangeCertificate -Server EXCAS1 -Thumbprint ${cert.thumbprint} -Services SMTP -Force`]);
    expect((await org.server("EXCAS1")).defaultSmtpCertificateId).toBe(cert.id);
    // restore the seed's default for the other tests
    await org.db.server.update({ where: { id: excas.id }, data: { defaultSmtpCertificateId: excas.defaultSmtpCertificateId } });
  });

  test("RevocationCheckFailure: refused under strict with the EMC's message; under warnButAllow refused until acknowledged, then assigned with the acknowledgement stored and audited", async () => {
    const { enableServices } = await import("./enable-services");
    const cert = await fresh("rcf", "RevocationCheckFailure");
    const input = { certificateId: cert.id, serverIds: [(await org.server("EXCAS1")).id], services: ["IIS"] };
    await policy("strict");
    const before = await org.counts();
    await expect(enableServices(org.admin, { ...input, acknowledged: true })).rejects.toMatchObject({
      code: "ERR_REVOCATION_CHECK_FAILED",
      message: expect.stringContaining("The certificate status could not be determined because the revocation check failed."),
      details: expect.objectContaining({ diagnosis: expect.stringContaining("crl.contoso.invalid") }),
    });
    await policy("warnButAllow");
    await expect(enableServices(org.admin, input)).rejects.toMatchObject({ code: "ERR_ACKNOWLEDGEMENT_REQUIRED" });
    expect(await org.counts()).toEqual(before);
    const done = await enableServices(org.admin, { ...input, acknowledged: true });
    expect(done.acknowledged).toBe(true);
    expect((await org.db.serviceBinding.findFirstOrThrow({ where: { certificateId: cert.id } })).acknowledgedStatus).toBe("RevocationCheckFailure");
    const audit = await org.db.auditEvent.findFirstOrThrow({ where: { action: "service.enable", targetId: cert.id, outcome: "success" } });
    expect(audit.details).toMatchObject({ acknowledged: true, policy: "warnButAllow", status: "RevocationCheckFailure", acknowledgedWarning: expect.stringContaining("revocation check failed") });
    expect(await org.db.auditEvent.count({ where: { action: "service.enable", targetId: cert.id, outcome: "refused" } })).toBe(2);
    await policy("strict");
  });

  test.each(["Revoked", "DateInvalid", "Untrusted", "Invalid"].flatMap((s) => [[s, "strict"], [s, "warnButAllow"]]))("%s is refused under %s even when acknowledged", async (status, mode) => {
    const { enableServices } = await import("./enable-services");
    const cert = await fresh(`bad-${status.toLowerCase()}-${mode.toLowerCase()}`, status);
    await policy(mode);
    await expect(enableServices(org.admin, { certificateId: cert.id, serverIds: [(await org.server("EXCAS1")).id], services: ["IIS"], acknowledged: true })).rejects.toMatchObject({ code: expect.stringMatching(/^ERR_CERT_/) });
    expect(await services(cert.id)).toEqual([]);
    await policy("strict");
  });

  test("a server the certificate is not installed on, and helpdesk, are refused", async () => {
    const { enableServices } = await import("./enable-services");
    const cert = await fresh("elsewhere");
    await expect(enableServices(org.admin, { certificateId: cert.id, serverIds: [(await org.server("EDGE1")).id], services: ["SMTP"] })).rejects.toMatchObject({ code: "ERR_CERT_NOT_INSTALLED" });
    await expect(enableServices(org.helpdesk, { certificateId: cert.id, serverIds: [(await org.server("EXCAS1")).id], services: ["IIS"] })).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
    expect(await services(cert.id)).toEqual([]);
  });

  test("a wildcard for IMAP/POP is warned about", async () => {
    const { enableServices } = await import("./enable-services");
    const cert = await fresh("wild");
    await org.db.certificate.update({ where: { id: cert.id }, data: { domains: ["*.contoso.com"] } });
    const done = await enableServices(org.admin, { certificateId: cert.id, serverIds: [(await org.server("EXCAS1")).id], services: ["IMAP"] });
    expect(done.warnings[0]).toContain("wildcard");
  });

  test("SMTP No: SMTP is enabled on the new certificate and the old default SMTP certificate stays", async () => {
    const { enableServices } = await import("./enable-services");
    const cert = await fresh("smtp-no");
    const excas = await org.server("EXCAS1");
    const done = await enableServices(org.admin, { certificateId: cert.id, serverIds: [excas.id], services: ["SMTP"], replaceDefaultSmtp: false });
    expect(done.keptDefaultSmtp).toEqual(["EXCAS1"]);
    expect(done.replacedDefaultSmtp).toEqual([]);
    expect(await services(cert.id)).toEqual(["SMTP"]);
    expect((await org.server("EXCAS1")).defaultSmtpCertificateId).toBe(excas.defaultSmtpCertificateId);
    expect(done.ems[0]).toMatch(/-Services SMTP # answered No to "Overwrite the existing default SMTP certificate\?"$/);
    const audit = await org.db.auditEvent.findFirstOrThrow({ where: { action: "service.enable", targetId: cert.id, outcome: "success" } });
    expect(audit.details).toMatchObject({ keptDefaultSmtp: ["EXCAS1"], ems: done.ems });
  });

  test("IIS is exclusive per server: enabling IIS moves the binding, the previous IIS certificate loses IIS there", async () => {
    const { enableServices } = await import("./enable-services");
    const excas = (await org.server("EXCAS1")).id;
    const first = await fresh("iis-first");
    const second = await fresh("iis-second");
    await enableServices(org.admin, { certificateId: first.id, serverIds: [excas], services: ["IIS", "IMAP"] });
    const done = await enableServices(org.admin, { certificateId: second.id, serverIds: [excas], services: ["IIS"] });
    expect(done.movedIis).toEqual([{ server: "EXCAS1", from: first.thumbprint }]);
    expect(await services(first.id)).toEqual(["IMAP"]);
    expect(await org.db.serviceBinding.count({ where: { serverId: excas, service: "IIS" } })).toBe(1);
  });

  test("services the server's role does not run are refused with the reason (Edge runs SMTP only)", async () => {
    const { enableServices } = await import("./enable-services");
    const edgeCert = await org.db.certificate.findFirstOrThrow({ where: { installations: { some: { server: { name: "EDGE1" } } }, privateKeyId: { not: null } } });
    await org.db.certificate.update({ where: { id: edgeCert.id }, data: { revocationCheckedAt: new Date() } });
    await expect(enableServices(org.admin, { certificateId: edgeCert.id, serverIds: [(await org.server("EDGE1")).id], services: ["IMAP"] })).rejects.toMatchObject({
      code: "ERR_SERVICE_NOT_ON_ROLE",
      message: "EDGE1 is an Edge Transport server: it runs SMTP only, so IMAP cannot be enabled there.",
    });
  });

  test("strict policy bypass right after import: a status never revocation-checked is re-checked before the decision", async () => {
    const { enableServices } = await import("./enable-services");
    const cert = await fresh("unchecked");
    // As the import stored it before the fix: "Valid; revocation has not been checked yet".
    await org.db.certificate.update({ where: { id: cert.id }, data: { status: "Valid", revocationCheckedAt: null } });
    const done = await enableServices(org.admin, { certificateId: cert.id, serverIds: [(await org.server("EXCAS1")).id], services: ["IMAP"] });
    expect(done.added).toEqual([{ server: "EXCAS1", service: "IMAP" }]);
    expect((await org.db.certificate.findUniqueOrThrow({ where: { id: cert.id } })).revocationCheckedAt).not.toBeNull();
    expect(await org.db.revocationCheck.count({ where: { certificateId: cert.id } })).toBeGreaterThan(0);
  });

  test("the decision and the binding happen against the same status: a status written after the decision is not bound to", async () => {
    const { claimStatusVersion } = await import("./enable-services");
    const { checkCertificateStatus } = await import("./refresh-certificate-status");
    const cert = await fresh("version");
    const decidedOn = (await org.db.certificate.findUniqueOrThrow({ where: { id: cert.id } })).statusVersion;
    await checkCertificateStatus(cert.id);
    expect(await org.db.$transaction((tx) => claimStatusVersion(tx, cert.id, decidedOn))).toBe(false);
    expect(await org.db.$transaction((tx) => claimStatusVersion(tx, cert.id, decidedOn + 1))).toBe(true);
  });
});
