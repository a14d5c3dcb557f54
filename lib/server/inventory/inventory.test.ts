import { beforeAll, describe, expect, test } from "vitest";
import { inventoryOrg } from "./__fixtures__/inventory-org";

const now = new Date();
let org: Awaited<ReturnType<typeof inventoryOrg>>;
beforeAll(async () => {
  org = await inventoryOrg(now);
});

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("inventory import", () => {
  test("a helpdesk user cannot import", async () => {
    const { importInventory } = await import("./import-inventory");
    await expect(importInventory(org.helpdesk, org.fixtures.organization)).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
  });

  test("the organization and the Edge file create servers, certificates parsed from their DER, connectors, IMAP/POP, Auth and the Edge subscription", async () => {
    const { importInventory } = await import("./import-inventory");
    const a = await importInventory(org.admin, org.fixtures.organization);
    expect(a.servers.map((s) => [s.name, s.created])).toEqual([["MBX01", true], ["MBX02", true], ["CAS01", true]]);
    const b = await importInventory(org.admin, JSON.stringify(org.fixtures.edge));
    expect(b.servers.map((s) => s.name)).toEqual(["EDGE01"]);
    const servers = await org.db.server.findMany({ orderBy: { name: "asc" }, include: { defaultSmtpCertificate: true, _count: { select: { installations: true, bindings: true, inventories: true } } } });
    expect(servers.map((s) => [s.name, s.role, s._count.inventories])).toEqual([["CAS01", "ClientAccess", 1], ["EDGE01", "Edge", 1], ["MBX01", "Mailbox", 1], ["MBX02", "Mailbox", 1]]);
    expect(servers.find((s) => s.name === "MBX02")!.defaultSmtpCertificate!.thumbprint).toBe(org.fixtures.certs.mail2026!.thumbprint);
    const mail = await org.db.certificate.findUniqueOrThrow({ where: { thumbprint: org.fixtures.certs.mail2025!.thumbprint }, include: { installations: { include: { server: true } } } });
    expect(mail.subject).toBe("CN=mail.contoso.com, O=Contoso, L=Redmond, S=WA, C=US");
    expect(mail.privateKeyId).toBeNull();
    expect(mail.installations.map((i) => [i.server.name, i.hasPrivateKey, i.rootCaType]).sort()).toEqual([["CAS01", true, "Registry"], ["MBX01", true, "ThirdParty"]]);
    // The path is validated at import (offline); revocation is left to the background job, so not Valid yet.
    expect(mail.status).toBe("Unknown");
    expect(mail.statusReason).toContain("revocation has not been checked");
    expect(await org.db.connector.count({ where: { kind: "Send" } })).toBe(3);
    expect(await org.db.connector.count({ where: { kind: "Receive" } })).toBe(4);
    expect((await org.db.authConfig.findUniqueOrThrow({ where: { id: 1 } })).currentThumbprint).toBe(org.fixtures.certs.auth!.thumbprint);
    expect((await org.db.edgeSubscription.findUniqueOrThrow({ where: { name: "EDGE01" } })).certificateThumbprint).toBe(org.fixtures.certs.edge!.thumbprint);
    expect(await org.db.auditEvent.count({ where: { action: "inventory.import", outcome: "success" } })).toBe(2);
  });

  test("a certificate whose key lives only on the server: the export says where and why", async () => {
    const { exportCertificate } = await import("../certificates/export-certificate");
    const mail = await org.db.certificate.findUniqueOrThrow({ where: { thumbprint: org.fixtures.certs.mail2025!.thumbprint } });
    const refused = exportCertificate(org.admin, { certificateId: mail.id, password: "Passw0rd!long", includeChain: false });
    await expect(refused).rejects.toMatchObject({ code: "ERR_KEY_ON_SERVER_ONLY", details: { servers: expect.arrayContaining(["MBX01", "CAS01"]) } });
    await expect(refused).rejects.toThrow(/lives only on .*CAS01 \(not exportable there\)/);
    const audit = await org.db.auditEvent.findFirstOrThrow({ where: { action: "certificate.export", targetId: mail.id } });
    expect(audit).toMatchObject({ outcome: "refused", details: { code: "ERR_KEY_ON_SERVER_ONLY" } });
  });

  test("findings: connectors pinned to issuers no certificate has, IMAP name not covered, Auth certificate expiring with no next one, clientAuth, SC-081 cadence", async () => {
    const { listExchangeFindings } = await import("./list-exchange-findings");
    const { findings, cadences } = await listExchangeFindings(org.admin, now);
    const codes = findings.map((f) => `${f.code}@${f.serverName ?? "-"}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        "CONNECTOR_TLS_NAME_NO_MATCH@MBX02",
        "PROTOCOL_NAME_NOT_COVERED@MBX02",
        "AUTH_CERT_EXPIRING@-",
        "AUTH_NO_NEXT_CERT@-",
        "CLIENT_AUTH_MISSING@MBX02",
        "CLIENT_AUTH_ENDS_AT_RENEWAL@MBX01",
        "PUBLIC_RENEWAL_CADENCE@-",
      ]),
    );
    expect(findings.filter((f) => f.code === "CONNECTOR_TLS_NAME_NO_MATCH").map((f) => f.object).sort()).toEqual([
      "Receive connector MBX02\\Default Frontend MBX02",
      "Send connector Outbound to Office 365 - 7f3c2a9e-5b1d-4e8a-9c6f-2d4b8e1a3c5f",
    ]);
    expect(codes).not.toContain("EDGE_CERT_CHANGED@EDGE01");
    expect(codes).not.toContain("AUTH_CERT_MISSING_ON_SERVER@CAS01");
    expect(findings[0]!.severity).toBe("error");
    expect(cadences.map((c) => c.thumbprint).sort()).toEqual([org.fixtures.certs.edge!.thumbprint, org.fixtures.certs.mail2025!.thumbprint, org.fixtures.certs.mail2026!.thumbprint].sort());
  });
});

describe("bad inventory files are refused per field and change nothing", () => {
  const mutate = (f: (file: Json) => void) => (): Json => {
    const file = clone(org.fixtures.organization) as Json;
    f(file);
    return file;
  };
  test.each([
    ["a /Date()/ date (ConvertTo-Json without the collector)", mutate((f) => (f.servers[0].certificates[0].NotAfter = "/Date(1796083200000)/")), "servers[0].certificates[0].NotAfter"],
    ["an enum written as an integer", mutate((f) => (f.servers[1].certificates[0].Status = 0)), "servers[1].certificates[0].Status"],
    ["an unknown service", mutate((f) => (f.servers[0].certificates[0].Services = "IIS, Fax")), "servers[0].certificates[0].Services"],
    ["raw data that is not a certificate", mutate((f) => (f.servers[2].certificates[1].RawData = Buffer.from("not a certificate").toString("base64"))), "servers[2].certificates[1].RawData"],
    ["a thumbprint that is not the raw data's", mutate((f) => (f.servers[0].certificates[1].Thumbprint = "0".repeat(40))), "servers[0].certificates[1].Thumbprint"],
    ["a server listed twice", mutate((f) => f.servers.push(clone(f.servers[0]))), "servers[3].Name"],
    ["another schema version", mutate((f) => (f.schemaVersion = 2)), "schemaVersion"],
    ["a missing server name", mutate((f) => delete f.servers[1].Name), "servers[1].Name"],
    ["not JSON", (): string => "{ this is not json", "file"],
  ] as const)("%s", async (_name, make, field) => {
    const { importInventory } = await import("./import-inventory");
    const before = await org.counts();
    const refusedBefore = await org.db.auditEvent.count({ where: { action: "inventory.import", outcome: "refused" } });
    const error = await importInventory(org.admin, make()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ERR_INVENTORY_INVALID" });
    expect((error as { details: { fields: { path: string }[] } }).details.fields.map((f) => f.path)).toContain(field);
    expect(await org.counts()).toEqual(before);
    expect(await org.db.auditEvent.count({ where: { action: "inventory.import", outcome: "refused" } })).toBe(refusedBefore + 1);
  });

  test("an oversized file is refused before parsing", async () => {
    const { importInventory } = await import("./import-inventory");
    await expect(importInventory(org.admin, " ".repeat(9 * 1024 * 1024))).rejects.toMatchObject({ code: "ERR_INPUT_TOO_LARGE" });
  });
});
