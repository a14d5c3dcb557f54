/**
 * The organization as the Exchange checks see it: certificates, what each server has installed and bound,
 * connectors, IMAP/POP certificate names, the Auth configuration and Edge subscriptions. Plain data, built by
 * the server layer from the database; every check over it is pure.
 * @packageDocumentation
 */
import { dnsNameMatchesPattern } from "../name/host-name";

/** The clientAuth extended key usage. */
export const CLIENT_AUTH_EKU = "1.3.6.1.5.5.7.3.2";
/** The serverAuth extended key usage. */
export const SERVER_AUTH_EKU = "1.3.6.1.5.5.7.3.1";

/** A certificate the console knows, with the fields the checks need. */
export interface OrgCertificate {
  thumbprint: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** CertificateDomains: SAN DNS names, then the CN. */
  domains: readonly string[];
  /** EKU OIDs; empty when the extension is absent (any purpose). */
  ekus: readonly string[];
  isSelfSigned: boolean;
  /** Exchange status as last computed (`Valid`, `Revoked`, …). */
  status: string;
  friendlyName?: string;
}

/** A certificate installed on one server. */
export interface OrgInstallation {
  thumbprint: string;
  /** Services bound on this server (`IIS`, `SMTP`, `IMAP`, …). */
  services: readonly string[];
  rootCaType: string;
  hasPrivateKey: boolean;
}

/** One Exchange server. */
export interface OrgServer {
  name: string;
  /** `Mailbox`, `ClientAccess` or `Edge`. */
  role: string;
  defaultSmtpThumbprint: string | null;
  /** The default SMTP certificate the last inventory reported (the server's reality); undefined when never inventoried. */
  reportedDefaultSmtpThumbprint?: string | null;
  installations: readonly OrgInstallation[];
  /** Set-ImapSettings / Set-PopSettings -X509CertificateName; null when not inventoried. */
  imapCertificateName: string | null;
  popCertificateName: string | null;
}

/** A send or receive connector. */
export interface OrgConnector {
  identity: string;
  kind: "Send" | "Receive";
  name: string;
  /** The server of a receive connector. */
  serverName: string | null;
  /** The source transport servers of a send connector. */
  sourceServers: readonly string[];
  fqdn: string;
  /** `<I>issuer<S>subject`, or empty. */
  tlsCertificateName: string;
  requireTls: boolean;
  domainSecureEnabled: boolean;
  cloudServicesMailEnabled: boolean;
  addressSpaces: readonly string[];
  smartHosts: readonly string[];
}

/** Get-AuthConfig. */
export interface OrgAuthConfig {
  currentThumbprint: string;
  previousThumbprint: string;
  nextThumbprint: string;
  nextEffectiveDate: Date | null;
}

/** Get-EdgeSubscription, with the Edge certificate the organization holds for it. */
export interface OrgEdgeSubscription {
  name: string;
  site: string;
  certificateThumbprint: string;
}

/** Everything the checks read. */
export interface Organization {
  certificates: readonly OrgCertificate[];
  servers: readonly OrgServer[];
  connectors: readonly OrgConnector[];
  authConfig: OrgAuthConfig | null;
  edgeSubscriptions: readonly OrgEdgeSubscription[];
}

/** A finding of an Exchange check. */
export interface OrgFinding {
  /** Stable code, e.g. `CONNECTOR_TLS_NAME_NO_MATCH`. */
  code: string;
  severity: "error" | "warning" | "info";
  /** What the finding is about: a connector identity, `EX01 IMAP`, `AuthConfig`, an Edge subscription, a thumbprint. */
  object: string;
  serverName: string | null;
  thumbprint: string | null;
  message: string;
}

/** Indexes certificates by thumbprint. */
export function certificateIndex(org: Pick<Organization, "certificates">): Map<string, OrgCertificate> {
  return new Map(org.certificates.map((c) => [c.thumbprint.toUpperCase(), c]));
}

/**
 * Statuses under which a certificate cannot carry TLS for a connector. `RevocationCheckFailure` is not among
 * them: transport does not check revocation when it picks the certificate it presents.
 */
export const UNUSABLE_STATUSES: ReadonlySet<string> = new Set(["Revoked", "DateInvalid", "Invalid", "Untrusted", "PendingRequest"]);

/** Usable now: inside its dates and not in an {@link UNUSABLE_STATUSES} status. */
export function isUsable(cert: OrgCertificate, now: Date): boolean {
  return !UNUSABLE_STATUSES.has(cert.status) && cert.notBefore <= now && now <= cert.notAfter;
}

/** Whether `name` is one of the certificate's domains (wildcards honoured). */
export function coversName(cert: Pick<OrgCertificate, "domains">, name: string): boolean {
  return cert.domains.some((d) => dnsNameMatchesPattern(name, d));
}

/** Whole days from `now` to `date` (negative when past). */
export function daysUntil(date: Date, now: Date): number {
  return Math.floor((date.getTime() - now.getTime()) / 86_400_000);
}

/** The certificates installed on a server, joined with their details. */
export function installedOn(org: Organization, server: OrgServer): { installation: OrgInstallation; certificate: OrgCertificate }[] {
  const index = certificateIndex(org);
  return server.installations.flatMap((installation) => {
    const certificate = index.get(installation.thumbprint.toUpperCase());
    return certificate ? [{ installation, certificate }] : [];
  });
}
