import "reflect-metadata";
import { createHash } from "node:crypto";
import { db, type Tx } from "../db";
import { writeAudit } from "../audit";
import { storeCertificate } from "../certificates/store-certificate";
import { X509CrlReason } from "@peculiar/x509";
import { issueCertificate, type IssuedCertificate } from "@/lib/pki/csr/issue-certificate";
import { generateCertificateRequest } from "@/lib/pki/csr/csr";
import { thumbprint } from "@/lib/pki/certificate/thumbprint";
import { labBaseUrl } from "../lab/publish-lab-crl";
import { loadMasterKey } from "../security/master-key";
import { sealPrivateKey } from "../security/key-vault";

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
 * Creates the demo organization on first start: three Exchange servers (EX01 Mailbox, EXCAS1 Client Access,
 * EDGE1 Edge) and a lab PKI generated now, whose CDP and AIA URLs point at the console's own lab endpoint
 * (`/lab/pki/…`), so every Exchange status can be shown offline:
 * - valid (the public mail certificate), expiring in 10 days (Edge SMTP), expired, untrusted (Fabrikam root);
 * - revoked (listed on the lab CRL, keyCompromise);
 * - RevocationCheckFailure because its CDP host is unreachable (the old CRL server, a closed port);
 * - RevocationCheckFailure only because of the proxy: its CDP host (127.0.0.2) is not on the bypass list and the
 *   seeded proxy (127.0.0.1:3999) does not exist — add 127.0.0.2 to the bypass list, or clear the proxy, and it
 *   turns Valid (seed article kb979694);
 * - a pending request.
 * The root is in Trusted Root everywhere but in Third-Party Root only on EX01 (the hybrid RootCAType article).
 * Connectors, IMAP/POP names, the Auth certificate and an Edge subscription pin certificates for the renewal
 * impact preview ({@link seedExchangeObjects}). Does nothing when servers already exist.
 */
export async function seedDemoOrganization(now = new Date()): Promise<boolean> {
  if ((await db.server.count()) > 0) return false;
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const ahead = (days: number) => new Date(now.getTime() + days * DAY);
  const lab = labBaseUrl();
  const behindProxy = new URL(lab);
  behindProxy.hostname = "127.0.0.2";
  const publication = (ca: IssuedCertificate, base = lab) => {
    const thumb = thumbprint(new Uint8Array(ca.certificate.rawData));
    return { crlUrls: [`${base}/lab/pki/${thumb}.crl`], caIssuerUrls: [`${base}/lab/pki/${thumb}.crt`] };
  };

  const root = await issueCertificate({ subject: "C=US, O=Contoso, CN=Contoso Lab Root CA", notBefore: ago(400), notAfter: ahead(3650), isCa: true }, null);
  const issuing = await issueCertificate(
    { subject: "C=US, O=Contoso, CN=Contoso Lab Issuing CA 1", notBefore: ago(390), notAfter: ahead(1825), isCa: true, pathLength: 0, ...publication(root) },
    root,
  );
  const leaf = (subject: string, dnsNames: string[], from: Date, to: Date, urls: { crlUrls: string[]; caIssuerUrls?: string[] } = publication(issuing)) =>
    issueCertificate({ subject, dnsNames, notBefore: from, notAfter: to, ...urls }, issuing);
  const mail = await leaf(
    "C=US, ST=WA, L=Redmond, O=Contoso, OU=Messaging, CN=mail.contoso.com",
    ["mail.contoso.com", "autodiscover.contoso.com", "owa.contoso.com", "legacy.contoso.com", "excas1.contoso.local"],
    ago(30),
    ahead(335),
  );
  const smtp = await leaf("C=US, O=Contoso, CN=smtp.contoso.com", ["smtp.contoso.com", "edge1.contoso.com"], ago(355), ahead(10));
  const expired = await leaf("C=US, O=Contoso, CN=oldmail.contoso.com", ["oldmail.contoso.com", "autodiscover.contoso.com"], ago(400), ago(35));
  const revoked = await leaf("C=US, O=Contoso, CN=webmail-2025.contoso.com", ["webmail-2025.contoso.com"], ago(60), ahead(300));
  const crlOffline = await leaf("C=US, O=Contoso, CN=autodiscover.contoso.com", ["autodiscover.contoso.com", "autodiscover.contoso.local"], ago(10), ahead(355), {
    crlUrls: ["http://127.0.0.1:9/decommissioned-crl-server/contoso-issuing.crl"],
  });
  const crlBehindProxy = await leaf("C=US, O=Contoso, CN=owa.contoso.com", ["owa.contoso.com"], ago(5), ahead(360), publication(issuing, behindProxy.origin));
  const fabrikamRoot = await issueCertificate({ subject: "O=Fabrikam, CN=Fabrikam Private Root", notBefore: ago(100), notAfter: ahead(3000), isCa: true }, null);
  const untrusted = await issueCertificate(
    { subject: "O=Fabrikam, CN=relay.fabrikam-partner.com", dnsNames: ["relay.fabrikam-partner.com"], notBefore: ago(20), notAfter: ahead(345) },
    fabrikamRoot,
  );
  const selfSigned = (name: string, fqdn: string) =>
    issueCertificate({ subject: `CN=${name}`, dnsNames: [name, fqdn], notBefore: ago(200), notAfter: ahead(1625) }, null);
  // The OAuth certificate Exchange setup creates: self-signed, five years, here in its last months.
  const authCert = await issueCertificate({ subject: "CN=Microsoft Exchange Server Auth Certificate", notBefore: ago(1750), notAfter: ahead(75), extendedKeyUsages: ["1.3.6.1.5.5.7.3.1"] }, null);
  const ex01Self = await selfSigned("EX01", "ex01.contoso.local");
  const excasSelf = await selfSigned("EXCAS1", "excas1.contoso.local");
  const pending = await generateCertificateRequest({
    subject: "C=US,S=WA,L=Redmond,O=Contoso,OU=Messaging,CN=webmail.contoso.com",
    domains: ["webmail.contoso.com", "autodiscover.contoso.com"],
    friendlyName: "Webmail 2027 (pending)",
  });

  await db.$transaction(
    async (tx) => {
      await tx.setting.upsert({
        where: { id: 1 },
        create: { id: 1, ...DEMO_SETTINGS },
        update: DEMO_SETTINGS,
      });
      const ex01 = await tx.server.create({ data: { name: "EX01", fqdn: "ex01.contoso.local", role: "Mailbox" } });
      const excas = await tx.server.create({ data: { name: "EXCAS1", fqdn: "excas1.contoso.local", role: "ClientAccess" } });
      const edge = await tx.server.create({ data: { name: "EDGE1", fqdn: "edge1.contoso.com", role: "Edge" } });
      const all = [ex01.id, excas.id, edge.id];

      const rootRow = await keep(tx, root, { friendlyName: "Contoso Lab Root CA", serverIds: [], withKey: true });
      const issuingRow = await keep(tx, issuing, { friendlyName: "Contoso Lab Issuing CA 1", serverIds: [], withKey: true });
      // The demo lab's own CAs: the only keys /lab/pki/ signs CRLs with (while the demo lab is enabled).
      await tx.certificate.updateMany({ where: { id: { in: [rootRow.id, issuingRow.id] } }, data: { labCa: true } });
      await keep(tx, fabrikamRoot, { friendlyName: "Fabrikam Private Root", serverIds: [], withKey: false });
      for (const serverId of all) {
        await tx.trustStoreEntry.create({ data: { serverId, store: "TrustedRoot", certificateId: rootRow.id } });
        await tx.trustStoreEntry.create({ data: { serverId, store: "Intermediate", certificateId: issuingRow.id } });
      }
      await tx.trustStoreEntry.create({ data: { serverId: ex01.id, store: "ThirdPartyRoot", certificateId: rootRow.id } });

      const mailRow = await keep(tx, mail, { friendlyName: "Contoso public mail 2026", serverIds: [ex01.id, excas.id], withKey: true, exportable: true });
      const smtpRow = await keep(tx, smtp, { friendlyName: "Edge SMTP (expiring)", serverIds: [edge.id], withKey: true, exportable: false });
      await keep(tx, expired, { friendlyName: "Old mail certificate 2024", serverIds: [excas.id], withKey: true, exportable: true });
      const revokedRow = await keep(tx, revoked, { friendlyName: "Webmail 2025 (revoked)", serverIds: [excas.id], withKey: true, exportable: true });
      await keep(tx, crlOffline, { friendlyName: "Autodiscover (CRL server offline)", serverIds: [excas.id], withKey: true, exportable: true });
      await keep(tx, crlBehindProxy, { friendlyName: "OWA (CRL only reachable without the proxy)", serverIds: [excas.id], withKey: true, exportable: true });
      await keep(tx, untrusted, { friendlyName: "Partner relay (Fabrikam root)", serverIds: [edge.id], withKey: true, exportable: false });
      const ex01SelfRow = await keep(tx, ex01Self, { friendlyName: "Microsoft Exchange", serverIds: [ex01.id], withKey: true, exportable: false });
      const excasSelfRow = await keep(tx, excasSelf, { friendlyName: "Microsoft Exchange", serverIds: [excas.id], withKey: true, exportable: false });
      const authRow = await keep(tx, authCert, { friendlyName: "Microsoft Exchange Server Auth Certificate", serverIds: [ex01.id, excas.id], withKey: true, exportable: true });
      // Exchange setup places each server's self-signed certificate in that server's Trusted Root store.
      await tx.trustStoreEntry.create({ data: { serverId: ex01.id, store: "TrustedRoot", certificateId: ex01SelfRow.id } });
      await tx.trustStoreEntry.create({ data: { serverId: excas.id, store: "TrustedRoot", certificateId: excasSelfRow.id } });
      for (const serverId of [ex01.id, excas.id]) await tx.trustStoreEntry.create({ data: { serverId, store: "TrustedRoot", certificateId: authRow.id } });
      await seedExchangeObjects(tx, { ex01: ex01.id, excas: excas.id, mail: mailRow, auth: authRow, edgeSmtp: smtpRow });

      await tx.labRevocation.create({
        data: { issuerCertificateId: issuingRow.id, serialNumber: revokedRow.serialNumber, reason: X509CrlReason.keyCompromise, revokedAt: ago(3) },
      });

      const key = await tx.privateKey.create({
        data: {
          algorithm: "RSA-2048",
          encrypted: new Uint8Array(sealPrivateKey(pending.privateKeyPkcs8, loadMasterKey())),
          spkiSha256: pending.spkiSha256,
          exportable: true,
        },
      });
      await tx.certificateRequest.create({
        data: {
          serverId: excas.id,
          csrDer: new Uint8Array(pending.csrDer),
          subject: "CN=webmail.contoso.com, OU=Messaging, O=Contoso, L=Redmond, S=WA, C=US",
          domains: pending.domains,
          friendlyName: "Webmail 2027 (pending)",
          keyAlgorithm: "RSA",
          publicKeySize: 2048,
          privateKeyId: key.id,
        },
      });

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
        details: { servers: ["EX01", "EXCAS1", "EDGE1"], certificates: 13, pendingRequests: 1, connectors: 2, labUrl: lab },
      });
    },
    { timeout: 60_000 },
  );
  return true;
}

/**
 * What pins the demo's certificates besides their bindings, so the renewal impact preview has something to show:
 * the hybrid send connector and EXCAS1's frontend receive connector pinned to the public mail certificate
 * (`<I>issuer<S>subject`), IMAP/POP names on EXCAS1, the Auth configuration, and EDGE1's subscription holding the
 * Edge SMTP certificate.
 */
async function seedExchangeObjects(
  tx: Tx,
  ids: { ex01: string; excas: string; mail: { issuer: string; subject: string }; auth: { thumbprint: string }; edgeSmtp: { thumbprint: string } },
) {
  const pinned = `<I>${ids.mail.issuer}<S>${ids.mail.subject}`;
  const hybrid = "Outbound to Office 365 - 0b5e3c1a-7d2f-4e9b-8a6c-1f4d2e3b5a7c";
  await tx.connector.create({
    data: { identity: hybrid, kind: "Send", name: hybrid, sourceServers: ["EX01", "EXCAS1"], fqdn: "mail.contoso.com", tlsCertificateName: pinned, requireTls: true, cloudServicesMailEnabled: true, addressSpaces: ["smtp:contoso.mail.onmicrosoft.com;1"], smartHosts: ["contoso-com.mail.protection.outlook.com"] },
  });
  await tx.connector.create({
    data: { identity: "EXCAS1\\Default Frontend EXCAS1", kind: "Receive", name: "Default Frontend EXCAS1", serverId: ids.excas, fqdn: "mail.contoso.com", tlsCertificateName: pinned, cloudServicesMailEnabled: true, domainSecureEnabled: true },
  });
  for (const protocol of ["IMAP", "POP"]) await tx.protocolCertificateName.create({ data: { serverId: ids.excas, protocol, x509CertificateName: "mail.contoso.com" } });
  await tx.authConfig.upsert({ where: { id: 1 }, create: { id: 1, currentThumbprint: ids.auth.thumbprint, serviceName: "00000002-0000-0ff1-ce00-000000000000" }, update: { currentThumbprint: ids.auth.thumbprint } });
  await tx.edgeSubscription.create({ data: { name: "EDGE1", site: "contoso.local/Configuration/Sites/Default-First-Site-Name", domain: "contoso.local", certificateThumbprint: ids.edgeSmtp.thumbprint } });
}

/**
 * Settings of the demo: the lab endpoint on loopback is allowed through the SSRF guard, and a proxy that does
 * not exist is configured with a bypass list that covers the lab host but not 127.0.0.2 — the kb979694 scenario.
 */
export const DEMO_SETTINGS = {
  demoLabEnabled: true,
  proxyServer: "http://127.0.0.1:3999",
  proxyBypass: "127.0.0.1;localhost;<local>",
  urlAllowList: "127.0.0.1;127.0.0.2;localhost",
  fetchTimeoutMs: 5000,
};
