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
      message: expect.stringContaining("Overwrite the existing default SMTP certificate on EXCAS1"),
    });
    expect(await org.counts()).toEqual(before);
    const done = await enableServices(org.admin, { certificateId: cert.id, serverIds: [excas.id], services: ["SMTP"], confirmReplaceDefaultSmtp: true });
    expect(done.replacedDefaultSmtp).toEqual(["EXCAS1"]);
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
});
