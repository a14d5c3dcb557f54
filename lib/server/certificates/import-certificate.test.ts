import { beforeAll, describe, expect, test } from "vitest";
import { wizardOrg } from "./__fixtures__/wizard-org";

let org: Awaited<ReturnType<typeof wizardOrg>>;
beforeAll(async () => {
  org = await wizardOrg();
});

describe("importCertificate", () => {
  test("a PFX with its chain: installed on the chosen servers with the key, CA placed in the chosen trust store, audited", async () => {
    const { inspectImport, importCertificate } = await import("./import-certificate");
    const file = { bytes: org.pfx("imported", "Imp0rt!pass").pfx, password: "Imp0rt!pass" };
    const preview = await inspectImport(org.admin, file);
    expect(preview).toMatchObject({ format: "pkcs12", hasPrivateKey: true, duplicate: null, certificate: { subject: "CN=imported.contoso.com" } });
    expect(preview.chain).toEqual([expect.objectContaining({ subject: expect.stringContaining("CN=Wizard Test CA"), suggestedStore: "TrustedRoot", isSelfSigned: true })]);
    const servers = [(await org.server("EX01")).id, (await org.server("EXCAS1")).id];
    const result = await importCertificate(org.admin, file, { serverIds: servers, exportable: true, trustStores: [{ thumbprint: preview.chain[0]!.thumbprint, store: "TrustedRoot" }] });
    // The full status, revocation included, before the import returns: the test CA's certificates name no CRL
    // distribution point and no OCSP URL, so no authoritative answer exists (as on Windows).
    expect(result).toMatchObject({ hasPrivateKey: true, servers: ["EX01", "EXCAS1"], status: "RevocationCheckFailure" });
    const cert = await org.db.certificate.findUniqueOrThrow({ where: { id: result.id }, include: { installations: true, privateKey: true } });
    expect(cert.revocationCheckedAt).not.toBeNull();
    expect(cert.statusReason).toContain("no CRL distribution point and no OCSP URL");
    expect(cert.installations).toHaveLength(2);
    expect(cert.privateKey?.exportable).toBe(true);
    expect(await org.db.trustStoreEntry.count({ where: { certificate: { thumbprint: preview.chain[0]!.thumbprint }, store: "TrustedRoot" } })).toBe(2);
    const audit = await org.db.auditEvent.findFirstOrThrow({ where: { action: "certificate.import", targetId: cert.id } });
    expect(JSON.stringify(audit.details)).not.toContain("Imp0rt!pass");

    // The same file again on the same server is a duplicate; nothing changes.
    const before = await org.counts();
    expect((await inspectImport(org.admin, file)).duplicate?.servers.map((s) => s.name)).toEqual(["EX01", "EXCAS1"]);
    await expect(importCertificate(org.admin, file, { serverIds: [servers[0]!] })).rejects.toMatchObject({ code: "ERR_CERT_DUPLICATE" });
    expect(await org.counts()).toEqual(before);
  });

  test("mark key exportable unticked (the default) keeps the key on the server", async () => {
    const { importCertificate } = await import("./import-certificate");
    const result = await importCertificate(org.admin, { bytes: org.pfx("locked", "pw123456").pfx, password: "pw123456" }, { serverIds: [(await org.server("EX01")).id] });
    expect((await org.db.privateKey.findFirstOrThrow({ where: { certificate: { id: result.id } } })).exportable).toBe(false);
  });

  test("a legacy 3DES/RC2 PFX and a bare certificate import", async () => {
    const { importCertificate } = await import("./import-certificate");
    const legacy = org.pfx("legacy", "legacypass", ["-legacy"]);
    const a = await importCertificate(org.admin, { bytes: legacy.pfx, password: "legacypass" }, { serverIds: [(await org.server("EDGE1")).id] });
    expect(a.hasPrivateKey).toBe(true);
    const b = await importCertificate(org.admin, { bytes: org.pfx("bare", "x").pem }, { serverIds: [(await org.server("EDGE1")).id] });
    expect(b.hasPrivateKey).toBe(false);
  });

  test.each([
    ["a wrong password", () => ({ bytes: org.pfx("wrongpw", "right-password").pfx, password: "wrong-password" }), "ERR_PFX_BAD_PASSWORD"],
    ["a corrupt file", () => ({ bytes: new TextEncoder().encode("this is not a certificate at all") }), "ERR_FORMAT_UNRECOGNIZED"],
    ["an empty file", () => ({ bytes: new Uint8Array() }), "ERR_INPUT_EMPTY"],
  ] as const)("%s is refused with its code and nothing changes", async (_name, fileOf, code) => {
    const { importCertificate, inspectImport } = await import("./import-certificate");
    const file = fileOf();
    const before = await org.counts();
    await expect(inspectImport(org.admin, file)).rejects.toMatchObject({ code });
    await expect(importCertificate(org.admin, file, { serverIds: [(await org.server("EX01")).id] })).rejects.toMatchObject({ code });
    expect(await org.counts()).toEqual(before);
  });

  test("helpdesk is refused", async () => {
    const { importCertificate } = await import("./import-certificate");
    await expect(importCertificate(org.helpdesk, { bytes: org.pfx("hd", "x").pem }, { serverIds: [(await org.server("EX01")).id] })).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
  });
});

describe("importCertificate of a PKCS#7 chain", () => {
  test("a .p7b: the end-entity certificate is imported (no key) and its CA is offered for the trust stores", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const { importCertificate, inspectImport } = await import("./import-certificate");
    org.pfx("p7leaf", "x");
    org.openssl("crl2pkcs7", "-nocrl", "-certfile", "p7leaf.pem", "-certfile", "ca.pem", "-out", "p7leaf.p7b");
    const file = { bytes: new Uint8Array(fs.readFileSync(path.join(org.dir, "p7leaf.p7b"))) };
    const preview = await inspectImport(org.admin, file);
    expect(preview).toMatchObject({ format: "pkcs7", hasPrivateKey: false, certificate: { subject: "CN=p7leaf.contoso.com" } });
    expect(preview.chain).toHaveLength(1);
    const result = await importCertificate(org.admin, file, { serverIds: [(await org.server("EXCAS1")).id], trustStores: [{ thumbprint: preview.chain[0]!.thumbprint, store: "ThirdPartyRoot" }] });
    expect(result.hasPrivateKey).toBe(false);
    expect(await org.db.trustStoreEntry.count({ where: { certificate: { thumbprint: preview.chain[0]!.thumbprint }, store: "ThirdPartyRoot" } })).toBe(1);
  });
});
