/**
 * Renewal impact: before a certificate is renewed, replaced or a new one enabled in its place, every place that
 * references the old certificate — its bindings on each server, connectors whose `<I>issuer<S>subject` the
 * new certificate will no longer match, IMAP/POP names it will not cover, the Auth configuration, Edge
 * subscriptions that embed it.
 * @packageDocumentation
 */
import { connectorServers } from "./connector-findings";
import { coversName, type Organization, type OrgCertificate } from "./organization";
import { matchesTlsCertificateName, tlsCertificateName } from "./tls-certificate-name";

/** The certificate taking over. Its thumbprint and issuer are unknown while it is a pending request. */
export interface ReplacementCertificate {
  thumbprint: string | null;
  subject: string;
  /** Null while the CA has not answered (renewal request). */
  issuer: string | null;
  domains: readonly string[];
  friendlyName?: string;
  /** The console holds its key and can produce the PFX to import elsewhere. */
  keyInConsole: boolean;
  exportable: boolean;
}

/** What changes for one server's bindings. */
export interface BindingImpact {
  serverName: string;
  services: string[];
  isDefaultSmtp: boolean;
  /** The new certificate is already installed there. */
  replacementInstalled: boolean;
}

/** A connector that pins the old certificate. */
export interface ConnectorImpact {
  identity: string;
  kind: "Send" | "Receive";
  name: string;
  servers: readonly string[];
  hybrid: boolean;
  tlsCertificateName: string;
  /** The value it needs for the new certificate (unknown issuer: the old issuer is assumed). */
  newTlsCertificateName: string;
  /** The current value still names the new certificate (same issuer and subject); null while the new issuer is unknown and the subject is the same. */
  stillMatches: boolean | null;
}

/** An IMAP or POP name served by the old certificate. */
export interface ProtocolImpact {
  serverName: string;
  protocol: "IMAP" | "POP";
  x509CertificateName: string;
  coveredByReplacement: boolean;
}

/** Every reference to the old certificate. */
export interface RenewalImpact {
  operation: "renew" | "replace" | "enable";
  old: Pick<OrgCertificate, "thumbprint" | "subject" | "issuer" | "notAfter" | "isSelfSigned">;
  replacement: ReplacementCertificate;
  bindings: BindingImpact[];
  connectors: ConnectorImpact[];
  protocols: ProtocolImpact[];
  /** The old certificate's role in Get-AuthConfig, if any. */
  authConfig: "current" | "next" | "previous" | null;
  edgeSubscriptions: { name: string; site: string }[];
  /** Notes for the admin (issuer unknown, key not in the console …). */
  notes: string[];
}

/** Computes the impact of replacing `old` by `replacement` across the organization. */
export function renewalImpact(org: Organization, old: OrgCertificate, replacement: ReplacementCertificate, operation: RenewalImpact["operation"]): RenewalImpact {
  const t = old.thumbprint.toUpperCase();
  const bindings: BindingImpact[] = [];
  for (const server of org.servers) {
    const inst = server.installations.find((i) => i.thumbprint.toUpperCase() === t);
    if (!inst) continue;
    bindings.push({
      serverName: server.name,
      services: [...inst.services],
      isDefaultSmtp: server.defaultSmtpThumbprint?.toUpperCase() === t,
      replacementInstalled: replacement.thumbprint !== null && server.installations.some((i) => i.thumbprint.toUpperCase() === replacement.thumbprint!.toUpperCase()),
    });
  }
  const newParts = { issuer: replacement.issuer ?? old.issuer, subject: replacement.subject };
  const connectors: ConnectorImpact[] = org.connectors
    .filter((c) => c.tlsCertificateName && matchesTlsCertificateName(c.tlsCertificateName, old))
    .map((c) => ({
      identity: c.identity,
      kind: c.kind,
      name: c.name,
      servers: connectorServers(c),
      hybrid: c.cloudServicesMailEnabled,
      tlsCertificateName: c.tlsCertificateName,
      newTlsCertificateName: tlsCertificateName(newParts),
      stillMatches: !matchesTlsCertificateName(c.tlsCertificateName, newParts) ? false : replacement.issuer === null ? null : true,
    }));
  const protocols: ProtocolImpact[] = [];
  for (const b of bindings) {
    const server = org.servers.find((s) => s.name === b.serverName)!;
    for (const [protocol, name] of [["IMAP", server.imapCertificateName], ["POP", server.popCertificateName]] as const) {
      if (name && b.services.includes(protocol)) protocols.push({ serverName: b.serverName, protocol, x509CertificateName: name, coveredByReplacement: coversName(replacement, name) });
    }
  }
  const auth = org.authConfig;
  const authRole = !auth ? null : auth.currentThumbprint.toUpperCase() === t ? "current" : auth.nextThumbprint.toUpperCase() === t ? "next" : auth.previousThumbprint.toUpperCase() === t ? "previous" : null;
  const edgeSubscriptions = org.edgeSubscriptions.filter((e) => e.certificateThumbprint.toUpperCase() === t).map((e) => ({ name: e.name, site: e.site }));
  const notes: string[] = [];
  if (replacement.issuer === null && connectors.length > 0) {
    notes.push(`The new certificate's issuer is known only when the CA answers: the connectors keep working only if it is again ${old.issuer}; if the CA signs with another intermediate, set TlsCertificateName with the issuer of the issued certificate.`);
  }
  if (!replacement.keyInConsole) notes.push("The console holds no private key for the new certificate: import it on the other servers from a PFX exported where the key lives.");
  else if (!replacement.exportable && bindings.length > 1) notes.push("The new certificate's key is not exportable: it cannot be copied to the other servers; request it on each server or mark the key exportable.");
  return { operation, old: { thumbprint: old.thumbprint, subject: old.subject, issuer: old.issuer, notAfter: old.notAfter, isSelfSigned: old.isSelfSigned }, replacement, bindings, connectors, protocols, authConfig: authRole, edgeSubscriptions, notes };
}

/** True when nothing but the certificate itself references the old certificate. */
export function isImpactEmpty(impact: RenewalImpact): boolean {
  return impact.bindings.every((b) => b.services.length === 0 && !b.isDefaultSmtp) && impact.connectors.length === 0 && impact.protocols.length === 0 && !impact.authConfig && impact.edgeSubscriptions.length === 0;
}
