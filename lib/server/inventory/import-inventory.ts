import { db, type Tx } from "../db";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { isPkiError } from "@/lib/pki/errors";
import { storeCertificate } from "../certificates/store-certificate";
import { refreshCertificateStatus } from "../certificates/refresh-certificate-status";
import { readInventoryFile, type ReadInventory } from "./read-inventory-file";
import type { SnapshotState } from "./snapshot-state";
import type { InventoryFile, InventoryServer } from "@/lib/validations/inventory";

/** The console role of Get-ExchangeServer's `ServerRole` (`Mailbox`, `Edge`, `ClientAccess`, or a list of them). */
export function consoleRoleOf(serverRole: string, isEdge: boolean): "Mailbox" | "ClientAccess" | "Edge" {
  if (isEdge || /\bEdge/i.test(serverRole)) return "Edge";
  if (/Mailbox/i.test(serverRole)) return "Mailbox";
  return /ClientAccess/i.test(serverRole) ? "ClientAccess" : "Mailbox";
}

function snapshotState(s: InventoryServer): SnapshotState {
  return {
    certificates: s.certificates.map((c) => ({ thumbprint: c.Thumbprint, services: c.Services, rootCaType: c.RootCAType, hasPrivateKey: c.HasPrivateKey, privateKeyExportable: c.PrivateKeyExportable, status: c.Status })),
    defaultSmtpThumbprint: s.InternalTransportCertificateThumbprint || null,
    stores: s.trustStores ? { TrustedRoot: s.trustStores.Root, ThirdPartyRoot: s.trustStores.AuthRoot, Intermediate: s.trustStores.CA } : null,
    exchangeVersion: s.AdminDisplayVersion,
    serverRole: s.ServerRole,
  };
}

/** A server the console did not know takes the reported state as its own: installations, bindings, default SMTP, stores. */
async function adoptServerState(tx: Tx, serverId: string, s: InventoryServer, certIds: Map<string, string>, known: Map<string, string>) {
  for (const c of s.certificates) {
    const certificateId = certIds.get(c.Thumbprint)!;
    await tx.certificateInstallation.create({ data: { serverId, certificateId, hasPrivateKey: c.HasPrivateKey, privateKeyExportable: c.HasPrivateKey && c.PrivateKeyExportable, rootCaType: c.RootCAType } });
    for (const service of c.Services) await tx.serviceBinding.create({ data: { serverId, certificateId, service } });
  }
  const smtp = s.InternalTransportCertificateThumbprint;
  if (smtp && certIds.has(smtp)) await tx.server.update({ where: { id: serverId }, data: { defaultSmtpCertificateId: certIds.get(smtp)! } });
  if (!s.trustStores) return;
  for (const [store, list] of [["TrustedRoot", s.trustStores.Root], ["ThirdPartyRoot", s.trustStores.AuthRoot], ["Intermediate", s.trustStores.CA]] as const) {
    for (const t of new Set(list)) {
      const certificateId = known.get(t);
      if (certificateId) await tx.trustStoreEntry.create({ data: { serverId, store, certificateId } });
    }
  }
}

/** Receive connectors and IMAP/POP names of one server: replaced by what the inventory reports. */
async function reconcileServerObjects(tx: Tx, serverId: string, s: InventoryServer) {
  await tx.connector.deleteMany({ where: { kind: "Receive", serverId, identity: { notIn: s.receiveConnectors.map((r) => r.Identity) } } });
  for (const r of s.receiveConnectors) {
    const data = { kind: "Receive", name: r.Name, serverId, sourceServers: [], fqdn: r.Fqdn, tlsCertificateName: r.TlsCertificateName, requireTls: r.RequireTLS, domainSecureEnabled: r.DomainSecureEnabled, cloudServicesMailEnabled: r.CloudServicesMailEnabled, addressSpaces: [], smartHosts: [] };
    await tx.connector.upsert({ where: { identity: r.Identity }, create: { identity: r.Identity, ...data }, update: data });
  }
  for (const [protocol, settings] of [["IMAP", s.imap], ["POP", s.pop]] as const) {
    if (!settings) await tx.protocolCertificateName.deleteMany({ where: { serverId, protocol } });
    else await tx.protocolCertificateName.upsert({ where: { serverId_protocol: { serverId, protocol } }, create: { serverId, protocol, x509CertificateName: settings.X509CertificateName }, update: { x509CertificateName: settings.X509CertificateName } });
  }
}

/** Send connectors, the Auth configuration and Edge subscriptions: organization-wide, only from an Organization file. */
async function reconcileOrganization(tx: Tx, file: InventoryFile) {
  await tx.connector.deleteMany({ where: { kind: "Send", identity: { notIn: file.sendConnectors.map((c) => c.Identity) } } });
  for (const c of file.sendConnectors) {
    const data = { kind: "Send", name: c.Name, serverId: null, sourceServers: c.SourceTransportServers, fqdn: c.Fqdn, tlsCertificateName: c.TlsCertificateName, requireTls: c.RequireTLS, domainSecureEnabled: c.DomainSecureEnabled, cloudServicesMailEnabled: c.CloudServicesMailEnabled, addressSpaces: c.AddressSpaces, smartHosts: c.SmartHosts };
    await tx.connector.upsert({ where: { identity: c.Identity }, create: { identity: c.Identity, ...data }, update: data });
  }
  if (file.authConfig) {
    const a = file.authConfig;
    const data = { currentThumbprint: a.CurrentCertificateThumbprint, previousThumbprint: a.PreviousCertificateThumbprint, nextThumbprint: a.NextCertificateThumbprint, nextEffectiveDate: a.NextCertificateEffectiveDate ? new Date(a.NextCertificateEffectiveDate) : null, serviceName: a.ServiceName, realm: a.Realm };
    await tx.authConfig.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
  }
  await tx.edgeSubscription.deleteMany({ where: { name: { notIn: file.edgeSubscriptions.map((e) => e.Name) } } });
  for (const e of file.edgeSubscriptions) {
    const data = { site: e.Site, domain: e.Domain, certificateThumbprint: e.InternalTransportCertificateThumbprint };
    await tx.edgeSubscription.upsert({ where: { name: e.Name }, create: { name: e.Name, ...data }, update: data });
  }
}

async function auditRefusedFile(actor: Actor, error: unknown) {
  if (!isPkiError(error)) return;
  await writeAudit(db, actor, { action: "inventory.import", targetType: "inventory", targetId: "file", outcome: "refused", details: { code: error.code, message: error.message.slice(0, 500), fields: (error.details?.fields as unknown[] | undefined)?.slice(0, 20) ?? [] } });
}

/**
 * Imports an inventory file (POST /api/v1/inventory, the Servers page upload). Everything in one transaction,
 * audited in it: certificates (parsed from their DER by us) are added to the catalogue; servers the console
 * did not know are created with the reported installations, bindings, default SMTP certificate and trust
 * stores; servers it knew keep the console's record, and the differences become drift. Receive connectors,
 * IMAP/POP names, and — from an Organization file — send connectors, the Auth configuration and Edge
 * subscriptions are replaced by the reported ones. Each server gets a snapshot ("last inventory"). A bad file
 * is refused with every field's problem, audited, and changes nothing.
 */
export async function importInventory(actor: Actor | null, input: unknown) {
  requirePermission(actor, "inventoryWrite");
  let read: ReadInventory;
  try {
    read = readInventoryFile(input);
  } catch (error) {
    await auditRefusedFile(actor, error);
    throw error;
  }
  const { file, certificates } = read;
  const friendly = new Map(file.servers.flatMap((s) => s.certificates.map((c) => [c.Thumbprint, c.FriendlyName] as const)));
  const outcome = await db.$transaction(
    async (tx) => {
      const before = new Set((await tx.certificate.findMany({ where: { thumbprint: { in: [...certificates.keys()] } }, select: { thumbprint: true } })).map((c) => c.thumbprint));
      const certIds = new Map<string, string>();
      for (const [t, c] of certificates) certIds.set(t, (await storeCertificate(tx, { der: c.der, friendlyName: friendly.get(t) ?? "" })).id);
      const storeThumbs = file.servers.flatMap((s) => (s.trustStores ? [...s.trustStores.Root, ...s.trustStores.AuthRoot, ...s.trustStores.CA] : []));
      const known = new Map((await tx.certificate.findMany({ where: { thumbprint: { in: [...new Set(storeThumbs)] } }, select: { id: true, thumbprint: true } })).map((c) => [c.thumbprint, c.id]));
      const existing = await tx.server.findMany({ select: { id: true, name: true } });
      const servers: { name: string; created: boolean; snapshotId: string }[] = [];
      for (const s of file.servers) {
        const data = { fqdn: s.Fqdn, role: consoleRoleOf(s.ServerRole, s.IsEdgeServer), exchangeVersion: s.AdminDisplayVersion };
        const match = existing.find((e) => e.name.toUpperCase() === s.Name.toUpperCase());
        const row = match ? await tx.server.update({ where: { id: match.id }, data }) : await tx.server.create({ data: { name: s.Name, ...data } });
        if (!match) await adoptServerState(tx, row.id, s, certIds, known);
        await reconcileServerObjects(tx, row.id, s);
        const snapshot = await tx.inventorySnapshot.create({
          data: { serverId: row.id, collectedAt: new Date(file.collectedAt), importedBy: actor.username, collectorHost: file.collector.host ?? "", state: snapshotState(s) as object },
        });
        servers.push({ name: row.name, created: !match, snapshotId: snapshot.id });
      }
      if (file.scope === "Organization") await reconcileOrganization(tx, file);
      const summary = {
        scope: file.scope,
        collectedAt: file.collectedAt,
        servers,
        certificates: { total: certificates.size, added: [...certificates.keys()].filter((t) => !before.has(t)).length },
        receiveConnectors: file.servers.reduce((n, s) => n + s.receiveConnectors.length, 0),
        sendConnectors: file.scope === "Organization" ? file.sendConnectors.length : 0,
      };
      await writeAudit(tx, actor, { action: "inventory.import", targetType: "inventory", targetId: servers.map((s) => s.snapshotId).join(","), details: summary });
      return { summary, certificateIds: [...certIds.values()] };
    },
    { timeout: 60_000 },
  );
  // Path and RootCAType now, offline; revocation (network, possibly slow for many certificates) by the status job.
  for (const id of outcome.certificateIds) await refreshCertificateStatus(id);
  return outcome.summary;
}
