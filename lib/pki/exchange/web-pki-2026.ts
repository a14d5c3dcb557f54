/**
 * The 2026 Web PKI changes as Exchange findings.
 *
 * - Lifetimes (CA/Browser Forum ballot SC-081): public TLS certificates issued from 2026-03-15 last at most 200
 *   days, from 2027-03-15 at most 100, from 2029-03-15 at most 47 (398 before). Each renewal by hand is a CSR, a
 *   CA order, an import and enable on every server and the connector/IMAP/Auth updates — several times a year.
 * - clientAuth: public CAs dropped the clientAuth EKU from TLS server certificates during 2026, and Chrome's root
 *   policy makes serverAuth-only mandatory for certificates issued from 2027-03-15. Exchange presents its SMTP
 *   certificate as the client certificate when it sends, so mutual TLS (Domain Security, partners or Office 365
 *   checking the sender's certificate) can fail once the certificate lacks clientAuth.
 * @packageDocumentation
 */
import { connectorServers } from "./connector-findings";
import { CLIENT_AUTH_EKU, installedOn, type Organization, type OrgCertificate, type OrgFinding } from "./organization";
import { matchesTlsCertificateName } from "./tls-certificate-name";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** SC-081: the longest lifetime of a public TLS certificate by issuance date, newest rule last. */
export const SC081_LIFETIMES: readonly { from: Date; maxDays: number }[] = [
  { from: day("2026-03-15"), maxDays: 200 },
  { from: day("2027-03-15"), maxDays: 100 },
  { from: day("2029-03-15"), maxDays: 47 },
];

/** The limit before SC-081 (ballot SC-22 / CA/B Forum BR since 2020-09-01). */
export const PRE_SC081_MAX_DAYS = 398;

/** Chrome's root policy: certificates issued from this date must be serverAuth-only. */
export const CHROME_SERVER_AUTH_ONLY_FROM = day("2027-03-15");

/** Days before expiry at which the cadence assumes a renewal is issued. */
export const RENEWAL_LEAD_DAYS = 30;

/** Lifetimes at or below this many days make a manual CSR process a warning. */
export const SHORT_LIFETIME_DAYS = 100;

const DAY_MS = 86_400_000;
const ANY_EKU = "2.5.29.37.0";

/** The longest lifetime (days) a public TLS certificate issued at `issuedAt` may have under SC-081. */
export function maxPublicTlsLifetimeDays(issuedAt: Date): number {
  let max = PRE_SC081_MAX_DAYS;
  for (const rule of SC081_LIFETIMES) if (issuedAt >= rule.from) max = rule.maxDays;
  return max;
}

/** A publicly trusted certificate's renewal cadence. */
export interface RenewalCadence {
  thumbprint: string;
  lifetimeDays: number;
  /** When its replacement is due (expiry minus {@link RENEWAL_LEAD_DAYS}, not before now). */
  replacementDue: Date;
  /** The longest lifetime that replacement can have. */
  replacementMaxDays: number;
  /** Renewals a year at that lifetime, renewing {@link RENEWAL_LEAD_DAYS} days early. */
  renewalsPerYear: number;
}

/** The renewal cadence of one publicly trusted certificate at `now`. */
export function renewalCadence(cert: Pick<OrgCertificate, "thumbprint" | "notBefore" | "notAfter">, now: Date): RenewalCadence {
  const due = new Date(Math.max(now.getTime(), cert.notAfter.getTime() - RENEWAL_LEAD_DAYS * DAY_MS));
  const replacementMaxDays = maxPublicTlsLifetimeDays(due);
  return {
    thumbprint: cert.thumbprint,
    lifetimeDays: Math.round((cert.notAfter.getTime() - cert.notBefore.getTime()) / DAY_MS),
    replacementDue: due,
    replacementMaxDays,
    renewalsPerYear: Math.ceil(365 / Math.max(1, replacementMaxDays - RENEWAL_LEAD_DAYS)),
  };
}

/** Whether the EKUs allow TLS client authentication (clientAuth, anyExtendedKeyUsage, or no EKU extension). */
export function allowsClientAuth(ekus: readonly string[]): boolean {
  return ekus.length === 0 || ekus.includes(CLIENT_AUTH_EKU) || ekus.includes(ANY_EKU);
}

/** What the Web PKI checks need to know beyond the organization. */
export interface WebPkiOptions {
  /** Thumbprints of publicly trusted certificates (RootCAType ThirdParty on some server, not self-signed). */
  publiclyTrusted: ReadonlySet<string>;
  /** Thumbprints renewed automatically (ACME); everything else is a manual CSR process. */
  automated?: ReadonlySet<string>;
}

/** Lifetime findings: each public certificate's cadence, and a warning when a manual process meets a short lifetime. */
export function lifetimeFindings(org: Organization, now: Date, options: WebPkiOptions): OrgFinding[] {
  const findings: OrgFinding[] = [];
  for (const cert of org.certificates) {
    if (!options.publiclyTrusted.has(cert.thumbprint) || cert.notAfter < now) continue;
    const c = renewalCadence(cert, now);
    const base = { object: cert.thumbprint, serverName: null, thumbprint: cert.thumbprint };
    const due = c.replacementDue.toISOString().slice(0, 10);
    findings.push({ ...base, code: "PUBLIC_RENEWAL_CADENCE", severity: "info", message: `${cert.subject}: lasts ${c.lifetimeDays} days; its replacement, due ${due}, may last at most ${c.replacementMaxDays} days (CA/B Forum SC-081): about ${c.renewalsPerYear} renewal(s) a year.` });
    const allowed = maxPublicTlsLifetimeDays(cert.notBefore);
    if (c.lifetimeDays > allowed + 1) {
      findings.push({ ...base, code: "PUBLIC_LIFETIME_OVER_LIMIT", severity: "warning", message: `${cert.subject} was issued on ${cert.notBefore.toISOString().slice(0, 10)} for ${c.lifetimeDays} days, more than the ${allowed} days SC-081 allows a public TLS certificate issued then: browsers and mail partners applying the rule may reject it.` });
    }
    if (c.replacementMaxDays <= SHORT_LIFETIME_DAYS && !options.automated?.has(cert.thumbprint)) {
      findings.push({ ...base, code: "MANUAL_RENEWAL_SHORT_LIFETIME", severity: "warning", message: `${cert.subject} is renewed by hand (CSR, CA order, import and enable on every server, connectors, IMAP/POP, restart) and its replacement lasts at most ${c.replacementMaxDays} days: that is ${c.renewalsPerYear} manual renewals a year. Automate the renewal (ACME) or plan the cadence now.` });
    }
  }
  return findings;
}

/** The certificate a send connector presents from one source server: the pinned one, else the default SMTP certificate. */
function presentedCertificate(org: Organization, connector: Organization["connectors"][number], serverName: string): OrgCertificate | null {
  const server = org.servers.find((s) => s.name.toUpperCase() === serverName.toUpperCase());
  if (!server) return null;
  const installed = installedOn(org, server);
  if (connector.tlsCertificateName) return installed.find(({ certificate }) => matchesTlsCertificateName(connector.tlsCertificateName, certificate))?.certificate ?? null;
  return installed.find(({ certificate }) => certificate.thumbprint === server.defaultSmtpThumbprint)?.certificate ?? null;
}

/**
 * clientAuth findings for send connectors whose peer checks the client certificate (Domain Security, or the
 * hybrid connector whose certificate Office 365 checks): `CLIENT_AUTH_MISSING` when the presented certificate
 * lacks clientAuth, `CLIENT_AUTH_ENDS_AT_RENEWAL` when a publicly trusted one has it today but its renewal will not.
 */
export function clientAuthFindings(org: Organization, options: WebPkiOptions): OrgFinding[] {
  const findings: OrgFinding[] = [];
  for (const connector of org.connectors) {
    if (connector.kind !== "Send" || !(connector.domainSecureEnabled || connector.cloudServicesMailEnabled)) continue;
    const why = connector.domainSecureEnabled ? "Domain Security (mutual TLS)" : "the hybrid connector (Office 365 checks the sending certificate)";
    for (const serverName of connectorServers(connector)) {
      const cert = presentedCertificate(org, connector, serverName);
      if (!cert) continue;
      const base = { object: `Send connector ${connector.identity}`, serverName, thumbprint: cert.thumbprint };
      if (!allowsClientAuth(cert.ekus)) {
        findings.push({ ...base, code: "CLIENT_AUTH_MISSING", severity: "error", message: `${connector.name} uses ${why}, and ${serverName} presents ${cert.subject} (${cert.thumbprint}) as its client certificate, but it has no Client Authentication EKU: a peer that checks the client certificate's purpose refuses the TLS session and mail queues. Public CAs stopped issuing clientAuth in TLS server certificates during 2026 (Chrome requires serverAuth-only from 2027-03-15): use a certificate with clientAuth from a private CA for this connector, or agree with the partner to check serverAuth.` });
      } else if (options.publiclyTrusted.has(cert.thumbprint) && cert.ekus.includes(CLIENT_AUTH_EKU)) {
        findings.push({ ...base, code: "CLIENT_AUTH_ENDS_AT_RENEWAL", severity: "warning", message: `${connector.name} uses ${why} with ${cert.subject}, which still has clientAuth; its renewal from a public CA will be serverAuth-only (public CAs dropped clientAuth during 2026; Chrome requires it for certificates issued from ${CHROME_SERVER_AUTH_ONLY_FROM.toISOString().slice(0, 10)}), and mutual TLS will then fail. Plan a private-CA certificate with clientAuth for this connector before the renewal.` });
      }
    }
  }
  return findings;
}
