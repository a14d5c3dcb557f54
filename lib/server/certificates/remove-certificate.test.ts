import { beforeAll, describe, expect, test } from "vitest";
import { wizardOrg } from "./__fixtures__/wizard-org";

let org: Awaited<ReturnType<typeof wizardOrg>>;
beforeAll(async () => {
  org = await wizardOrg();
});

describe("removeCertificate", () => {
  test("a bound certificate is refused, naming the services per server, and nothing changes", async () => {
    const { removeCertificate } = await import("./remove-certificate");
    const mail = await org.certificate("Contoso public mail 2026");
    const before = await org.counts();
    await expect(removeCertificate(org.admin, { certificateId: mail.id, serverIds: [(await org.server("EXCAS1")).id], confirm: true })).rejects.toMatchObject({
      code: "ERR_CERT_IN_USE",
      message: expect.stringContaining("IIS, IMAP, POP, SMTP on EXCAS1"),
    });
    expect(await org.counts()).toEqual(before);
    expect(await org.db.auditEvent.count({ where: { action: "certificate.remove", targetId: mail.id, outcome: "refused" } })).toBe(1);
  });

  test("an unbound certificate is removed with its key after confirmation; without confirmation nothing happens", async () => {
    const { removeCertificate } = await import("./remove-certificate");
    const old = await org.certificate("Old mail certificate 2024");
    const excas = (await org.server("EXCAS1")).id;
    await expect(removeCertificate(org.admin, { certificateId: old.id, serverIds: [excas] })).rejects.toMatchObject({ code: "ERR_VALIDATION" });
    await expect(removeCertificate(org.helpdesk, { certificateId: old.id, serverIds: [excas], confirm: true })).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
    expect(await org.db.certificate.count({ where: { id: old.id } })).toBe(1);
    const result = await removeCertificate(org.admin, { certificateId: old.id, serverIds: [excas], confirm: true });
    expect(result).toEqual({ removedFrom: ["EXCAS1"], deleted: true, keyDeleted: true, ems: [expect.stringMatching(/^Remove-ExchangeCertificate -Server EXCAS1 -Thumbprint [0-9A-F]{40} -Confirm:\$false$/)] });
    expect(await org.db.certificate.count({ where: { id: old.id } })).toBe(0);
    expect(await org.db.privateKey.count({ where: { id: old.privateKeyId! } })).toBe(0);
    expect(await org.db.auditEvent.count({ where: { action: "certificate.remove", targetId: old.id, outcome: "success" } })).toBe(1);
  });

  test("removing from one of two servers keeps the certificate on the other", async () => {
    const { importCertificate } = await import("./import-certificate");
    const { removeCertificate } = await import("./remove-certificate");
    const ex01 = (await org.server("EX01")).id;
    const edge = (await org.server("EDGE1")).id;
    const imported = await importCertificate(org.admin, { bytes: org.pfx("twice", "pw-twice").pfx, password: "pw-twice" }, { serverIds: [ex01, edge] });
    const result = await removeCertificate(org.admin, { certificateId: imported.id, serverIds: [edge], confirm: true });
    expect(result).toEqual({ removedFrom: ["EDGE1"], deleted: false, keyDeleted: false, ems: [expect.stringMatching(/^Remove-ExchangeCertificate -Server EDGE1 -Thumbprint [0-9A-F]{40} -Confirm:\$false$/)] });
    expect((await org.db.certificateInstallation.findMany({ where: { certificateId: imported.id } })).map((i) => i.serverId)).toEqual([ex01]);
  });
});

describe("removeCertificate of a self-signed certificate", () => {
  test("its own Trusted Root entry goes with it, so the certificate and key are deleted", async () => {
    const { newSelfSignedCertificate } = await import("./new-self-signed-certificate");
    const { removeCertificate } = await import("./remove-certificate");
    const ex01 = (await org.server("EX01")).id;
    const created = await newSelfSignedCertificate(org.admin, { serverId: ex01, commonName: "gone.contoso.com", services: [] });
    const result = await removeCertificate(org.admin, { certificateId: created.id, serverIds: [ex01], confirm: true });
    expect(result).toEqual({ removedFrom: ["EX01"], deleted: true, keyDeleted: true, ems: [expect.stringMatching(/^Remove-ExchangeCertificate -Server EX01 -Thumbprint [0-9A-F]{40} -Confirm:\$false$/)] });
    expect(await org.db.trustStoreEntry.count({ where: { certificateId: created.id } })).toBe(0);
  });
});
