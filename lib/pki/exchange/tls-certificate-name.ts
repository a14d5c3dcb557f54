/**
 * `TlsCertificateName` of Exchange send and receive connectors: `<I>issuer<S>subject`, the certificate the
 * connector presents (and, for hybrid, what Office 365 expects). Issuer and subject are written CN-first, as
 * Windows displays them. A renewal that changes either no longer matches, and mail flow stops.
 * @packageDocumentation
 */

/** The issuer and subject a `TlsCertificateName` names. */
export interface TlsCertificateNameParts {
  issuer: string;
  subject: string;
}

/** `<I>issuer<S>subject` for a certificate (the value of `Set-SendConnector -TlsCertificateName`). */
export function tlsCertificateName(cert: TlsCertificateNameParts): string {
  return `<I>${cert.issuer}<S>${cert.subject}`;
}

/** Splits `<I>issuer<S>subject`; null when the text is empty or not of that form. */
export function parseTlsCertificateName(text: string): TlsCertificateNameParts | null {
  const m = /^\s*<I>(.*)<S>(.*)$/is.exec(text);
  if (!m) return null;
  const issuer = m[1]!.trim();
  const subject = m[2]!.trim();
  return issuer && subject ? { issuer, subject } : null;
}

/**
 * A distinguished name in a comparable form: attributes trimmed, `ST=` read as `S=`, case folded. Windows
 * compares these names case-insensitively and the shell output and our formatter differ only in spacing.
 */
export function comparableName(name: string): string {
  return name
    .split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .map((part) => part.trim().replace(/^ST\s*=/i, "S=").replace(/\s*=\s*/, "="))
    .filter(Boolean)
    .join(",")
    .toLowerCase();
}

/** Whether a certificate (issuer and subject as displayed) is the one a `TlsCertificateName` names. */
export function matchesTlsCertificateName(text: string, cert: TlsCertificateNameParts): boolean {
  const parts = parseTlsCertificateName(text);
  return parts !== null && comparableName(parts.issuer) === comparableName(cert.issuer) && comparableName(parts.subject) === comparableName(cert.subject);
}
