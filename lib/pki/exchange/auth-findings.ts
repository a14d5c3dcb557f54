/**
 * The OAuth certificate ("Microsoft Exchange Server Auth Certificate", Get-AuthConfig) and Edge subscriptions.
 * The Auth certificate is self-signed for five years and forgotten: when it expires, OWA/ECP sign-in and
 * hybrid free/busy stop. The thresholds are those of Microsoft's MonitorExchangeAuthCertificate script (renew
 * when fewer than 60 days are left). An Edge subscription embeds the Edge certificate, so replacing that
 * certificate needs a new subscription.
 * @packageDocumentation
 */
import { certificateIndex, daysUntil, type Organization, type OrgFinding } from "./organization";

/** Days before expiry from which the Auth certificate must be renewed (MonitorExchangeAuthCertificate). */
export const AUTH_CERTIFICATE_RENEWAL_DAYS = 60;

const OBJECT = "AuthConfig";

/**
 * Auth certificate findings: not configured or unknown, expired, expiring within 60 days, expiring with no next
 * certificate published, missing on a Mailbox or Client Access server (current or next).
 */
export function authConfigFindings(org: Organization, now: Date): OrgFinding[] {
  const auth = org.authConfig;
  if (!auth) return [];
  const findings: OrgFinding[] = [];
  const push = (code: string, severity: OrgFinding["severity"], message: string, serverName: string | null = null, thumbprint: string | null = auth.currentThumbprint || null) =>
    findings.push({ code, severity, object: OBJECT, serverName, thumbprint, message });
  if (!auth.currentThumbprint) {
    push("AUTH_NOT_CONFIGURED", "error", "Get-AuthConfig names no current certificate: OAuth (OWA/ECP sign-in in hybrid, free/busy) cannot sign tokens.");
    return findings;
  }
  const current = certificateIndex(org).get(auth.currentThumbprint.toUpperCase());
  const servers = org.servers.filter((s) => s.role !== "Edge");
  const missingOn = (thumbprint: string) => servers.filter((s) => !s.installations.some((i) => i.thumbprint.toUpperCase() === thumbprint.toUpperCase()));
  for (const s of missingOn(auth.currentThumbprint)) {
    push("AUTH_CERT_MISSING_ON_SERVER", "error", `The Auth certificate ${auth.currentThumbprint} is not installed on ${s.name}: OAuth fails for requests that reach it. Export it from a server that has it and import it on ${s.name}.`, s.name);
  }
  if (auth.nextThumbprint) {
    for (const s of missingOn(auth.nextThumbprint)) {
      push("AUTH_NEXT_CERT_MISSING_ON_SERVER", "warning", `The next Auth certificate ${auth.nextThumbprint} is not installed on ${s.name}; it must be on every server before ${auth.nextEffectiveDate?.toISOString().slice(0, 10) ?? "its effective date"}.`, s.name, auth.nextThumbprint);
    }
  }
  if (!current) {
    push("AUTH_CERT_NOT_FOUND", "error", `The Auth certificate ${auth.currentThumbprint} is installed on no inventoried server.`);
    return findings;
  }
  const days = daysUntil(current.notAfter, now);
  if (days < 0) {
    push("AUTH_CERT_EXPIRED", "error", `The Auth certificate ${current.thumbprint} expired on ${current.notAfter.toISOString().slice(0, 10)}: OWA/ECP sign-in and hybrid free/busy fail until a new one is published (Set-AuthConfig -NewCertificateThumbprint … -NewCertificateEffectiveDate (Get-Date), -PublishCertificate).`);
  } else if (days < AUTH_CERTIFICATE_RENEWAL_DAYS) {
    push("AUTH_CERT_EXPIRING", "warning", `The Auth certificate ${current.thumbprint} expires in ${days} days (${current.notAfter.toISOString().slice(0, 10)}); Microsoft renews it from ${AUTH_CERTIFICATE_RENEWAL_DAYS} days before expiry.`);
  }
  if (days < AUTH_CERTIFICATE_RENEWAL_DAYS && !auth.nextThumbprint) {
    push("AUTH_NO_NEXT_CERT", "error", `No next Auth certificate is published (NextCertificateThumbprint is empty) and the current one ${days < 0 ? "has expired" : `expires in ${days} days`}: create one with New-ExchangeCertificate -KeySize 2048 -SubjectName "cn=Microsoft Exchange Server Auth Certificate" -DomainName @() -Services SMTP, then Set-AuthConfig -NewCertificateThumbprint … -NewCertificateEffectiveDate …`);
  }
  return findings;
}

/** Edge subscriptions whose Edge certificate no longer is the Edge server's default SMTP certificate. */
export function edgeSubscriptionFindings(org: Organization): OrgFinding[] {
  const findings: OrgFinding[] = [];
  for (const sub of org.edgeSubscriptions) {
    const edge = org.servers.find((s) => s.name.toUpperCase() === sub.name.toUpperCase());
    // What the Edge server really uses: its last inventory, else the console's record.
    const current = edge?.reportedDefaultSmtpThumbprint ?? edge?.defaultSmtpThumbprint;
    if (!edge || !current || !sub.certificateThumbprint) continue;
    if (current.toUpperCase() === sub.certificateThumbprint.toUpperCase()) continue;
    findings.push({
      code: "EDGE_CERT_CHANGED",
      severity: "error",
      object: `Edge subscription ${sub.name}`,
      serverName: edge.name,
      thumbprint: current,
      message: `The Edge subscription of ${sub.name} holds certificate ${sub.certificateThumbprint}, but ${sub.name} now uses ${current} for SMTP: EdgeSync and the Mailbox-to-Edge TLS break until the server is subscribed again (New-EdgeSubscription on ${sub.name}, New-EdgeSubscription -FileData in the organization, Start-EdgeSynchronization).`,
    });
  }
  return findings;
}
