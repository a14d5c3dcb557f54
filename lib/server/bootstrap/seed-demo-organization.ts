import "reflect-metadata";
import { createHash } from "node:crypto";
import { db, type Tx } from "../db";
import { writeAudit } from "../audit";
import { storeCertificate } from "../certificates/store-certificate";
import { issueCertificate, type IssuedCertificate } from "@/lib/pki/issue-certificate";

const DAY = 24 * 60 * 60 * 1000;
const SYSTEM = { username: "system", role: "system" } as const;

async function pkcs8(issued: IssuedCertificate): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.exportKey("pkcs8", issued.keys.privateKey));
}

async function spkiSha256(issued: IssuedCertificate): Promise<string> {
  return createHash("sha256").update(new Uint8Array(issued.certificate.publicKey.rawData)).digest("hex");
}

async function keep(tx: Tx, issued: IssuedCertificate, opts: { friendlyName: string; serverIds: string[]; withKey: boolean; exportable?: boolean }) {
  return storeCertificate(tx, {
    der: new Uint8Array(issued.certificate.rawData),
    friendlyName: opts.friendlyName,
    serverIds: opts.serverIds,
    ...(opts.withKey ? { privateKeyPkcs8: await pkcs8(issued), spkiSha256: await spkiSha256(issued), exportable: opts.exportable ?? false } : {}),
  });
}

/**
 * Creates the demo organization on first start: three Exchange servers (EX01 Mailbox, EXCAS1 Client
 * Access, EDGE1 Edge) and a lab PKI generated now — Contoso Lab Root CA, an issuing CA, the public
 * mail certificate, Exchange's self-signed certificates, an expired one, one expiring in 10 days and one
 * from a root no server trusts. The root is in Trusted Root everywhere but in Third-Party Root only on EX01,
 * the RootCAType scenario of the hybrid article. Does nothing when servers already exist.
 */
export async function seedDemoOrganization(now = new Date()): Promise<boolean> {
  if ((await db.server.count()) > 0) return false;
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const ahead = (days: number) => new Date(now.getTime() + days * DAY);

  const root = await issueCertificate({ subject: "CN=Contoso Lab Root CA, O=Contoso, C=US", notBefore: ago(400), notAfter: ahead(3650), isCa: true }, null);
  const issuing = await issueCertificate(
    { subject: "CN=Contoso Lab Issuing CA 1, O=Contoso, C=US", notBefore: ago(390), notAfter: ahead(1825), isCa: true, pathLength: 0 },
    root,
  );
  const leaf = (subject: string, dnsNames: string[], from: Date, to: Date) => issueCertificate({ subject, dnsNames, notBefore: from, notAfter: to }, issuing);
  const mail = await leaf(
    "CN=mail.contoso.com, OU=Messaging, O=Contoso, L=Redmond, ST=WA, C=US",
    ["mail.contoso.com", "autodiscover.contoso.com", "owa.contoso.com", "legacy.contoso.com", "excas1.contoso.local"],
    ago(30),
    ahead(335),
  );
  const smtp = await leaf("CN=smtp.contoso.com, O=Contoso, C=US", ["smtp.contoso.com", "edge1.contoso.com"], ago(355), ahead(10));
  const expired = await leaf("CN=oldmail.contoso.com, O=Contoso, C=US", ["oldmail.contoso.com", "autodiscover.contoso.com"], ago(400), ago(35));
  const fabrikamRoot = await issueCertificate({ subject: "CN=Fabrikam Private Root, O=Fabrikam", notBefore: ago(100), notAfter: ahead(3000), isCa: true }, null);
  const untrusted = await issueCertificate(
    { subject: "CN=relay.fabrikam-partner.com, O=Fabrikam", dnsNames: ["relay.fabrikam-partner.com"], notBefore: ago(20), notAfter: ahead(345) },
    fabrikamRoot,
  );
  const selfSigned = (name: string, fqdn: string) =>
    issueCertificate({ subject: `CN=${name}`, dnsNames: [name, fqdn], notBefore: ago(200), notAfter: ahead(1625) }, null);
  const ex01Self = await selfSigned("EX01", "ex01.contoso.local");
  const excasSelf = await selfSigned("EXCAS1", "excas1.contoso.local");

  await db.$transaction(
    async (tx) => {
      const ex01 = await tx.server.create({ data: { name: "EX01", fqdn: "ex01.contoso.local", role: "Mailbox" } });
      const excas = await tx.server.create({ data: { name: "EXCAS1", fqdn: "excas1.contoso.local", role: "ClientAccess" } });
      const edge = await tx.server.create({ data: { name: "EDGE1", fqdn: "edge1.contoso.com", role: "Edge" } });
      const all = [ex01.id, excas.id, edge.id];

      const rootRow = await keep(tx, root, { friendlyName: "Contoso Lab Root CA", serverIds: [], withKey: true });
      const issuingRow = await keep(tx, issuing, { friendlyName: "Contoso Lab Issuing CA 1", serverIds: [], withKey: true });
      await keep(tx, fabrikamRoot, { friendlyName: "Fabrikam Private Root", serverIds: [], withKey: false });
      for (const serverId of all) {
        await tx.trustStoreEntry.create({ data: { serverId, store: "TrustedRoot", certificateId: rootRow.id } });
        await tx.trustStoreEntry.create({ data: { serverId, store: "Intermediate", certificateId: issuingRow.id } });
      }
      await tx.trustStoreEntry.create({ data: { serverId: ex01.id, store: "ThirdPartyRoot", certificateId: rootRow.id } });

      const mailRow = await keep(tx, mail, { friendlyName: "Contoso public mail 2026", serverIds: [ex01.id, excas.id], withKey: true, exportable: true });
      const smtpRow = await keep(tx, smtp, { friendlyName: "Edge SMTP (expiring)", serverIds: [edge.id], withKey: true, exportable: false });
      await keep(tx, expired, { friendlyName: "Old mail certificate 2024", serverIds: [excas.id], withKey: true, exportable: true });
      await keep(tx, untrusted, { friendlyName: "Partner relay (Fabrikam root)", serverIds: [edge.id], withKey: true, exportable: false });
      const ex01SelfRow = await keep(tx, ex01Self, { friendlyName: "Microsoft Exchange", serverIds: [ex01.id], withKey: true, exportable: false });
      const excasSelfRow = await keep(tx, excasSelf, { friendlyName: "Microsoft Exchange", serverIds: [excas.id], withKey: true, exportable: false });
      // Exchange setup places each server's self-signed certificate in that server's Trusted Root store.
      await tx.trustStoreEntry.create({ data: { serverId: ex01.id, store: "TrustedRoot", certificateId: ex01SelfRow.id } });
      await tx.trustStoreEntry.create({ data: { serverId: excas.id, store: "TrustedRoot", certificateId: excasSelfRow.id } });

      const bind = (serverId: string, certificateId: string, services: string[]) =>
        Promise.all(services.map((service) => tx.serviceBinding.create({ data: { serverId, certificateId, service } })));
      await bind(excas.id, mailRow.id, ["IIS", "IMAP", "POP", "SMTP"]);
      await bind(ex01.id, mailRow.id, ["IIS", "SMTP"]);
      await bind(ex01.id, ex01SelfRow.id, ["SMTP"]);
      await bind(edge.id, smtpRow.id, ["SMTP"]);
      await tx.server.update({ where: { id: ex01.id }, data: { defaultSmtpCertificateId: ex01SelfRow.id } });
      await tx.server.update({ where: { id: excas.id }, data: { defaultSmtpCertificateId: mailRow.id } });
      await tx.server.update({ where: { id: edge.id }, data: { defaultSmtpCertificateId: smtpRow.id } });

      await writeAudit(tx, SYSTEM, {
        action: "organization.seed",
        targetType: "organization",
        targetId: "contoso",
        details: { servers: ["EX01", "EXCAS1", "EDGE1"], certificates: 10 },
      });
    },
    { timeout: 60_000 },
  );
  return true;
}
