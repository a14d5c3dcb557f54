import { describeCertificate } from "@/lib/pki/certificate/description";
import { visibleText } from "@/lib/pki/name/visible-text";

/** The database columns of a certificate, derived from its DER (Get-ExchangeCertificate's fields). */
export function certificateRecord(der: Uint8Array, friendlyName = "") {
  const d = describeCertificate(der);
  return {
    thumbprint: d.Thumbprint,
    sha256: d.Sha256,
    der: new Uint8Array(der),
    subject: d.Subject,
    issuer: d.Issuer,
    serialNumber: d.SerialNumber,
    notBefore: d.NotBefore,
    notAfter: d.NotAfter,
    domains: d.CertificateDomains,
    keyAlgorithm: d.KeyAlgorithm,
    publicKeySize: d.PublicKeySize,
    signatureAlgorithm: d.SignatureAlgorithm,
    ekus: d.EnhancedKeyUsages,
    // Stored as shown: a friendly name from a PFX or a form with U+202E etc. is kept in visible form (visibleText).
    friendlyName: visibleText(friendlyName),
    isSelfSigned: d.IsSelfSigned,
    isCa: d.IsCa,
  };
}
