/**
 * Which of a server's certificates Exchange would pick for a host name, as transport does for inbound STARTTLS
 * ("Selection of Inbound STARTTLS Certificates"): certificates whose names match the FQDN (an exact name before a
 * wildcard), usable (a private key, inside their validity dates, a status Exchange accepts), a CA-issued certificate
 * before a self-signed one, and among those the most recent (latest NotBefore). `certctl get --domain` answers with it.
 * @packageDocumentation
 */
import type { ExchangeStatus } from "./status";

/** What the selection looks at for each certificate installed on the server. */
export interface SelectionCandidate {
  thumbprint: string;
  /** CertificateDomains: SAN DNS names and the CN. */
  domains: readonly string[];
  notBefore: Date;
  notAfter: Date;
  isSelfSigned: boolean;
  hasPrivateKey: boolean;
  status: ExchangeStatus;
}

/** How a certificate name covers a host name: exactly, through a one-label wildcard, or not. */
export function nameMatch(pattern: string, fqdn: string): "exact" | "wildcard" | null {
  const p = pattern.toLowerCase().replace(/\.$/, "");
  const h = fqdn.toLowerCase().replace(/\.$/, "");
  if (p === h) return "exact";
  if (p.startsWith("*.") && h.includes(".") && h.slice(h.indexOf(".") + 1) === p.slice(2)) return "wildcard";
  return null;
}

/** Statuses with which Exchange still uses a certificate (a failed revocation check does not stop transport). */
const USABLE: ReadonlySet<ExchangeStatus> = new Set(["Valid", "RevocationCheckFailure", "Unknown"]);

/** The certificate Exchange would pick for `fqdn` among `candidates`, or null when none qualifies. */
export function selectCertificateForHost<T extends SelectionCandidate>(candidates: readonly T[], fqdn: string, now: Date): T | null {
  const usable = candidates.filter((c) => c.hasPrivateKey && c.notBefore <= now && now <= c.notAfter && USABLE.has(c.status));
  const matching = (kind: "exact" | "wildcard") => usable.filter((c) => c.domains.some((d) => nameMatch(d, fqdn) === kind));
  const pool = matching("exact").length ? matching("exact") : matching("wildcard");
  const ranked = [...pool].sort((a, b) => Number(a.isSelfSigned) - Number(b.isSelfSigned) || b.notBefore.getTime() - a.notBefore.getTime());
  return ranked[0] ?? null;
}
