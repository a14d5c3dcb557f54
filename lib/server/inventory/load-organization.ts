import type { Db, Tx } from "../db";
import type { Organization, OrgCertificate } from "@/lib/pki/exchange/organization";
import type { SnapshotState } from "./snapshot-state";

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** A certificate row as the Exchange checks see it. */
export function orgCertificate(c: { thumbprint: string; subject: string; issuer: string; notBefore: Date; notAfter: Date; domains: unknown; ekus: unknown; isSelfSigned: boolean; status: string; friendlyName: string }): OrgCertificate {
  const ekus = Array.isArray(c.ekus) ? (c.ekus as { oid?: unknown }[]).flatMap((e) => (typeof e?.oid === "string" ? [e.oid] : [])) : [];
  return { thumbprint: c.thumbprint, subject: c.subject, issuer: c.issuer, notBefore: c.notBefore, notAfter: c.notAfter, domains: strings(c.domains), ekus, isSelfSigned: c.isSelfSigned, status: c.status, friendlyName: c.friendlyName };
}

/**
 * The organization from the console's database: end-entity certificates, each server's installations and
 * bindings, connectors, IMAP/POP names, the Auth configuration and Edge subscriptions.
 */
export async function loadOrganization(tx: Tx | Db): Promise<Organization & { publiclyTrusted: Set<string> }> {
  const certificates = await tx.certificate.findMany({
    where: { isCa: false },
    select: { thumbprint: true, subject: true, issuer: true, notBefore: true, notAfter: true, domains: true, ekus: true, isSelfSigned: true, status: true, friendlyName: true, installations: { select: { rootCaType: true } } },
  });
  const servers = await tx.server.findMany({
    orderBy: { name: "asc" },
    include: {
      defaultSmtpCertificate: { select: { thumbprint: true } },
      installations: { include: { certificate: { select: { thumbprint: true, id: true } } } },
      bindings: { select: { certificateId: true, service: true }, orderBy: { service: "asc" } }, // the same order on every database
      protocolCertificateNames: true,
      inventories: { orderBy: { importedAt: "desc" }, take: 1, select: { state: true } },
    },
  });
  const connectors = await tx.connector.findMany({ orderBy: [{ kind: "asc" }, { identity: "asc" }], include: { server: { select: { name: true } } } });
  const auth = await tx.authConfig.findUnique({ where: { id: 1 } });
  const edges = await tx.edgeSubscription.findMany({ orderBy: { name: "asc" } });
  return {
    certificates: certificates.map(orgCertificate),
    publiclyTrusted: new Set(certificates.filter((c) => !c.isSelfSigned && c.installations.some((i) => i.rootCaType === "ThirdParty")).map((c) => c.thumbprint)),
    servers: servers.map((s) => ({
      name: s.name,
      role: s.role,
      defaultSmtpThumbprint: s.defaultSmtpCertificate?.thumbprint ?? null,
      ...(s.inventories[0] ? { reportedDefaultSmtpThumbprint: (s.inventories[0].state as unknown as SnapshotState).defaultSmtpThumbprint } : {}),
      installations: s.installations.map((i) => ({
        thumbprint: i.certificate.thumbprint,
        services: s.bindings.filter((b) => b.certificateId === i.certificate.id).map((b) => b.service),
        rootCaType: i.rootCaType,
        hasPrivateKey: i.hasPrivateKey,
      })),
      imapCertificateName: s.protocolCertificateNames.find((p) => p.protocol === "IMAP")?.x509CertificateName ?? null,
      popCertificateName: s.protocolCertificateNames.find((p) => p.protocol === "POP")?.x509CertificateName ?? null,
    })),
    connectors: connectors.map((c) => ({
      identity: c.identity,
      kind: c.kind === "Send" ? "Send" : "Receive",
      name: c.name,
      serverName: c.server?.name ?? null,
      sourceServers: strings(c.sourceServers),
      fqdn: c.fqdn,
      tlsCertificateName: c.tlsCertificateName,
      requireTls: c.requireTls,
      domainSecureEnabled: c.domainSecureEnabled,
      cloudServicesMailEnabled: c.cloudServicesMailEnabled,
      addressSpaces: strings(c.addressSpaces),
      smartHosts: strings(c.smartHosts),
    })),
    authConfig: auth ? { currentThumbprint: auth.currentThumbprint, previousThumbprint: auth.previousThumbprint, nextThumbprint: auth.nextThumbprint, nextEffectiveDate: auth.nextEffectiveDate } : null,
    edgeSubscriptions: edges.map((e) => ({ name: e.name, site: e.site, certificateThumbprint: e.certificateThumbprint })),
  };
}
