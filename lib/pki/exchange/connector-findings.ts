/**
 * Findings on what pins a certificate by name: connectors' `TlsCertificateName` (`<I>issuer<S>subject`) and
 * IMAP/POP `X509CertificateName`. Both outlive renewals silently: the connector keeps naming the old issuer,
 * IMAP keeps asking for a name the new certificate does not carry.
 * @packageDocumentation
 */
import { coversName, installedOn, isUsable, type Organization, type OrgFinding } from "./organization";
import { matchesTlsCertificateName, parseTlsCertificateName } from "./tls-certificate-name";

/** The servers whose certificates a connector can present: a receive connector's server, a send connector's sources. */
export function connectorServers(connector: Organization["connectors"][number]): readonly string[] {
  return connector.kind === "Receive" ? (connector.serverName ? [connector.serverName] : []) : connector.sourceServers;
}

/**
 * Every connector whose `TlsCertificateName` matches no valid installed certificate on one of its servers
 * (`CONNECTOR_TLS_NAME_NO_MATCH`: no certificate has that issuer and subject; `CONNECTOR_TLS_NAME_NOT_VALID`:
 * the matching certificate is expired, revoked or otherwise not Valid), and malformed names.
 */
export function connectorFindings(org: Organization, now: Date): OrgFinding[] {
  const findings: OrgFinding[] = [];
  const servers = new Map(org.servers.map((s) => [s.name.toUpperCase(), s]));
  for (const connector of org.connectors) {
    if (!connector.tlsCertificateName) continue;
    const hybrid = connector.cloudServicesMailEnabled ? " This is a hybrid connector: mail to and from Office 365 stops." : "";
    const base = { object: `${connector.kind} connector ${connector.identity}`, thumbprint: null };
    if (!parseTlsCertificateName(connector.tlsCertificateName)) {
      findings.push({ ...base, code: "CONNECTOR_TLS_NAME_MALFORMED", severity: "error", serverName: null, message: `TlsCertificateName "${connector.tlsCertificateName}" is not of the form <I>issuer<S>subject.` });
      continue;
    }
    for (const serverName of connectorServers(connector)) {
      const server = servers.get(serverName.toUpperCase());
      if (!server) continue;
      const matching = installedOn(org, server).filter(({ certificate }) => matchesTlsCertificateName(connector.tlsCertificateName, certificate));
      if (matching.length === 0) {
        findings.push({
          ...base,
          code: "CONNECTOR_TLS_NAME_NO_MATCH",
          severity: "error",
          serverName: server.name,
          message: `${connector.name}: no certificate on ${server.name} matches TlsCertificateName ${connector.tlsCertificateName}, so TLS on this connector fails and mail flow breaks.${hybrid}`,
        });
      } else if (!matching.some(({ certificate }) => isUsable(certificate, now))) {
        const c = matching[0]!.certificate;
        findings.push({
          ...base,
          code: "CONNECTOR_TLS_NAME_NOT_VALID",
          severity: "error",
          serverName: server.name,
          thumbprint: c.thumbprint,
          message: `${connector.name}: the certificate on ${server.name} matching TlsCertificateName (${c.thumbprint}) is ${c.notAfter < now ? "expired" : c.status}, so mail flow on this connector breaks.${hybrid}`,
        });
      }
    }
  }
  return findings;
}

/**
 * IMAP and POP: the `X509CertificateName` of each server must be covered by the SANs of a certificate enabled
 * for that service there (`PROTOCOL_NAME_NOT_COVERED`), and some certificate must be enabled for it
 * (`PROTOCOL_NO_CERTIFICATE`).
 */
export function protocolFindings(org: Organization): OrgFinding[] {
  const findings: OrgFinding[] = [];
  for (const server of org.servers) {
    for (const [protocol, name] of [["IMAP", server.imapCertificateName], ["POP", server.popCertificateName]] as const) {
      if (!name) continue;
      const serving = installedOn(org, server).filter(({ installation }) => installation.services.includes(protocol));
      const base = { object: `${server.name} ${protocol}`, serverName: server.name };
      if (serving.length === 0) {
        findings.push({ ...base, code: "PROTOCOL_NO_CERTIFICATE", severity: "warning", thumbprint: null, message: `${protocol} on ${server.name} asks for ${name} (X509CertificateName) but no certificate is enabled for ${protocol} there.` });
      } else if (!serving.some(({ certificate }) => coversName(certificate, name))) {
        const c = serving[0]!.certificate;
        findings.push({
          ...base,
          code: "PROTOCOL_NAME_NOT_COVERED",
          severity: "error",
          thumbprint: c.thumbprint,
          message: `${protocol} on ${server.name} is set to ${name} (X509CertificateName), which the certificate serving ${protocol} (${c.thumbprint}, ${c.subject}) does not cover: clients get a name mismatch. Run Set-${protocol === "IMAP" ? "Imap" : "Pop"}Settings -Server ${server.name} -X509CertificateName with a name of the certificate.`,
        });
      }
    }
  }
  return findings;
}
