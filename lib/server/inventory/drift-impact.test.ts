import { beforeAll, describe, expect, test } from "vitest";
import { inventoryOrg } from "./__fixtures__/inventory-org";

const now = new Date();
let org: Awaited<ReturnType<typeof inventoryOrg>>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const id = async (label: string) => (await org.db.certificate.findUniqueOrThrow({ where: { thumbprint: org.fixtures.certs[label]!.thumbprint } })).id;

beforeAll(async () => {
  org = await inventoryOrg(now);
  const { importInventory } = await import("./import-inventory");
  await importInventory(org.admin, org.fixtures.organization);
  await importInventory(org.admin, org.fixtures.edge);
});

describe("renewal impact preview and change script", () => {
  test("mail2025 → mail2026: bindings on MBX01 and CAS01, both connectors pinned to the old issuer, IMAP name the new certificate lacks", async () => {
    const { previewRenewalImpact } = await import("./preview-renewal-impact");
    const { impact, script } = await previewRenewalImpact(org.admin, { certificateId: await id("mail2025"), replacementId: await id("mail2026"), operation: "replace" }, now);
    expect(impact.bindings).toEqual([
      { serverName: "CAS01", services: ["IIS"], isDefaultSmtp: false, replacementInstalled: false },
      { serverName: "MBX01", services: expect.arrayContaining(["IIS", "SMTP", "IMAP", "POP"]), isDefaultSmtp: true, replacementInstalled: true },
    ]);
    expect(impact.connectors.map((c) => [c.kind, c.identity, c.stillMatches, c.hybrid])).toEqual([
      ["Receive", "MBX01\\Default Frontend MBX01", false, true],
      ["Send", "Outbound to Office 365 - 7f3c2a9e-5b1d-4e8a-9c6f-2d4b8e1a3c5f", false, true],
    ]);
    expect(impact.connectors[0]!.newTlsCertificateName).toBe("<I>CN=Contoso Test TLS RSA CA 2026, O=Contoso Test Trust, C=US<S>CN=mail.contoso.com, O=Contoso, L=Redmond, S=WA, C=US");
    expect(impact.protocols).toEqual([
      { serverName: "MBX01", protocol: "IMAP", x509CertificateName: "imap.contoso.com", coveredByReplacement: false },
      { serverName: "MBX01", protocol: "POP", x509CertificateName: "mail.contoso.com", coveredByReplacement: true },
    ]);
    expect(impact.authConfig).toBeNull();
    expect(org.matchesGolden("mail-2025-to-2026.ps1", org.normalize(script))).toBe(true);
  });

  test("renewing the Auth certificate: Set-AuthConfig, publish, clear previous, restarts, rollback", async () => {
    const { previewRenewalImpact } = await import("./preview-renewal-impact");
    const { impact, script } = await previewRenewalImpact(org.admin, { certificateId: await id("auth") }, now);
    expect(impact.authConfig).toBe("current");
    expect(impact.bindings.map((b) => b.serverName)).toEqual(["CAS01", "MBX01", "MBX02"]);
    expect(org.matchesGolden("auth-renewal.ps1", org.normalize(script))).toBe(true);
  });

  test("renewing the Edge certificate: the subscription must be made again", async () => {
    const { previewRenewalImpact } = await import("./preview-renewal-impact");
    const { impact, script } = await previewRenewalImpact(org.admin, { certificateId: await id("edge") }, now);
    expect(impact.edgeSubscriptions).toEqual([{ name: "EDGE01", site: "contoso.local/Configuration/Sites/Default-First-Site-Name" }]);
    expect(org.matchesGolden("edge-renewal.ps1", org.normalize(script))).toBe(true);
  });
});

describe("drift", () => {
  test("right after adopting new servers there is no drift", async () => {
    const { getServerDrift } = await import("./get-server-drift");
    for (const name of ["MBX01", "MBX02", "CAS01", "EDGE01"]) expect((await getServerDrift(org.helpdesk, name)).items).toEqual([]);
  });

  test("a later inventory and a console change: each difference with its EMS lines; accept follows the server, audited", async () => {
    const { addTrustStoreEntry } = await import("../trust-stores/add-trust-store-entry");
    await addTrustStoreEntry(org.admin, { server: "CAS01", store: "ThirdPartyRoot", certificateId: await id("root") });
    const later = clone(org.fixtures.organization) as Json;
    const mbx01 = later.servers[0];
    mbx01.certificates[0].Services = "IMAP, POP, SMTP";
    mbx01.certificates[1].Services = "IIS, SMTP";
    mbx01.certificates.push(clone(later.servers[1].certificates[2]));
    mbx01.InternalTransportCertificateThumbprint = org.fixtures.certs.mail2026!.thumbprint;
    const { importInventory } = await import("./import-inventory");
    expect((await importInventory(org.admin, later)).servers.every((s) => !s.created)).toBe(true);

    const { getServerDrift } = await import("./get-server-drift");
    const drift = await getServerDrift(org.admin, "MBX01");
    expect(drift.lastInventory?.importedBy).toBe("admin");
    const shown = drift.items.map((i) => `${i.kind} ${i.service ?? ""} ${org.normalize(i.thumbprint)}`.replace(/\s+/g, " "));
    expect(shown.sort()).toEqual(["BindingOnlyInConsole IIS {mail2025}", "BindingOnlyOnServer IIS {mail2026}", "BindingOnlyOnServer SMTP {mail2026}", "CertificateOnlyOnServer {selfMbx02}", "DefaultSmtpDiffers {mail2025}"]);
    const command = (kind: string) => org.normalize(drift.items.find((i) => i.kind === kind)!.commands.join("\n"));
    expect(command("BindingOnlyInConsole")).toBe("Enable-ExchangeCertificate -Server MBX01 -Thumbprint {mail2025} -Services IIS");
    expect(command("DefaultSmtpDiffers")).toBe("Enable-ExchangeCertificate -Server MBX01 -Thumbprint {mail2025} -Services SMTP -Force");
    expect(command("CertificateOnlyOnServer")).toBe("Remove-ExchangeCertificate -Server MBX01 -Thumbprint {selfMbx02} -Confirm:$false");

    const cas = await getServerDrift(org.admin, "CAS01");
    expect(cas.items.map((i) => [i.kind, i.console, i.server])).toEqual([
      ["RootCaTypeDiffers", "ThirdParty", "Registry"],
      ["TrustStoreOnlyInConsole", "in ThirdPartyRoot", "not in AuthRoot"],
    ]);
    expect(org.normalize(cas.items[1]!.commands[0]!)).toBe("Import-Certificate -FilePath 'C:\\certs\\{root}.cer' -CertStoreLocation 'Cert:\\LocalMachine\\AuthRoot' # run on CAS01");

    // Accept two differences: they disappear, the rest stays; one audit event.
    const { acceptServerState } = await import("./accept-server-state");
    const keys = drift.items.filter((i) => i.kind === "BindingOnlyOnServer" || i.kind === "DefaultSmtpDiffers").map((i) => i.key);
    await acceptServerState(org.admin, { server: "MBX01", keys });
    const after = await getServerDrift(org.admin, "MBX01");
    expect(after.items.map((i) => i.kind).sort()).toEqual(["BindingOnlyInConsole", "CertificateOnlyOnServer"]);
    const mbx = await org.db.server.findUniqueOrThrow({ where: { name: "MBX01" }, include: { defaultSmtpCertificate: true } });
    expect(mbx.defaultSmtpCertificate!.thumbprint).toBe(org.fixtures.certs.mail2026!.thumbprint);
    const audit = await org.db.auditEvent.findFirstOrThrow({ where: { action: "inventory.accept-server-state" }, orderBy: { at: "desc" } });
    expect(JSON.stringify(audit.details)).toContain("DefaultSmtpDiffers:MBX01");

    // RootCAType: accepting it accepts the server's trust stores, and the console computes Registry again.
    await acceptServerState(org.admin, { server: "CAS01", keys: [cas.items[0]!.key] });
    expect((await getServerDrift(org.admin, "CAS01")).items).toEqual([]);
    const inst = await org.db.certificateInstallation.findFirstOrThrow({ where: { server: { name: "CAS01" }, certificate: { thumbprint: org.fixtures.certs.mail2025!.thumbprint } } });
    expect(inst.rootCaType).toBe("Registry");
  });

  test("accepting a difference that no longer exists, or as helpdesk, changes nothing", async () => {
    const { acceptServerState } = await import("./accept-server-state");
    const before = await org.counts();
    await expect(acceptServerState(org.admin, { server: "MBX01", keys: ["BindingOnlyOnServer:MBX01:IIS:" + "A".repeat(40)] })).rejects.toMatchObject({ code: "ERR_CONFLICT" });
    await expect(acceptServerState(org.helpdesk, { server: "MBX01", keys: ["x"] })).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
    await expect(acceptServerState(org.admin, { server: "MBX01", keys: [] })).rejects.toMatchObject({ code: "ERR_VALIDATION" });
    expect(await org.counts()).toEqual(before);
  });
});

describe("Edge certificate replaced without a new subscription", () => {
  test("the Edge inventory reports another default SMTP certificate: EDGE_CERT_CHANGED, and the drift to accept", async () => {
    const { listExchangeFindings } = await import("./list-exchange-findings");
    expect((await listExchangeFindings(org.admin, now)).findings.map((f) => f.code)).not.toContain("EDGE_CERT_CHANGED");
    const edge = clone(org.fixtures.edge) as Json;
    const replacement = clone(org.fixtures.organization as Json).servers[0].certificates[1]; // mail2026, as if imported on EDGE01
    replacement.Services = "SMTP";
    edge.servers[0].certificates.push(replacement);
    edge.servers[0].InternalTransportCertificateThumbprint = org.fixtures.certs.mail2026!.thumbprint;
    const { importInventory } = await import("./import-inventory");
    await importInventory(org.admin, edge);
    const findings = (await listExchangeFindings(org.admin, now)).findings.filter((f) => f.code === "EDGE_CERT_CHANGED");
    expect(findings.map((f) => [f.serverName, f.thumbprint])).toEqual([["EDGE01", org.fixtures.certs.mail2026!.thumbprint]]);
    const { getServerDrift } = await import("./get-server-drift");
    expect((await getServerDrift(org.admin, "EDGE01")).items.map((i) => i.kind).sort()).toEqual(["CertificateOnlyOnServer", "DefaultSmtpDiffers"]);
  });
});
