/**
 * Friendly names Windows (and so Exchange) shows for OIDs: signature algorithms (`sha256RSA`),
 * enhanced key usages (`Server Authentication`), extensions (`Subject Alternative Name`).
 * @packageDocumentation
 */

/** Signature algorithm OID → Windows friendly name. */
export const SIGNATURE_ALGORITHM_NAMES: Record<string, string> = {
  "1.2.840.113549.1.1.4": "md5RSA",
  "1.2.840.113549.1.1.5": "sha1RSA",
  "1.2.840.113549.1.1.14": "sha224RSA",
  "1.2.840.113549.1.1.11": "sha256RSA",
  "1.2.840.113549.1.1.12": "sha384RSA",
  "1.2.840.113549.1.1.13": "sha512RSA",
  "1.2.840.113549.1.1.10": "RSASSA-PSS",
  "1.2.840.10045.4.1": "sha1ECDSA",
  "1.2.840.10045.4.3.1": "sha224ECDSA",
  "1.2.840.10045.4.3.2": "sha256ECDSA",
  "1.2.840.10045.4.3.3": "sha384ECDSA",
  "1.2.840.10045.4.3.4": "sha512ECDSA",
  "1.2.840.10040.4.3": "sha1DSA",
  "2.16.840.1.101.3.4.3.2": "sha256DSA",
  "1.3.101.112": "Ed25519",
  "1.3.101.113": "Ed448",
  "1.2.840.113549.1.1.2": "md2RSA",
};

/** Enhanced key usage OID → Windows friendly name. */
export const EKU_NAMES: Record<string, string> = {
  "1.3.6.1.5.5.7.3.1": "Server Authentication",
  "1.3.6.1.5.5.7.3.2": "Client Authentication",
  "1.3.6.1.5.5.7.3.3": "Code Signing",
  "1.3.6.1.5.5.7.3.4": "Secure Email",
  "1.3.6.1.5.5.7.3.5": "IP security end system",
  "1.3.6.1.5.5.7.3.6": "IP security tunnel termination",
  "1.3.6.1.5.5.7.3.7": "IP security user",
  "1.3.6.1.5.5.7.3.8": "Time Stamping",
  "1.3.6.1.5.5.7.3.9": "OCSP Signing",
  "1.3.6.1.5.5.8.2.2": "IP security IKE intermediate",
  "1.3.6.1.4.1.311.10.3.4": "Encrypting File System",
  "1.3.6.1.4.1.311.10.3.12": "Document Signing",
  "1.3.6.1.4.1.311.20.2.2": "Smart Card Logon",
  "1.3.6.1.4.1.311.21.5": "Private Key Archival",
  "1.3.6.1.4.1.311.21.6": "Key Recovery Agent",
  "1.3.6.1.4.1.311.10.3.1": "Microsoft Trust List Signing",
  "1.3.6.1.4.1.311.54.1.2": "Remote Desktop Authentication",
  "2.5.29.37.0": "Any Purpose",
};

/** Extension OID → Windows friendly name. */
export const EXTENSION_NAMES: Record<string, string> = {
  "2.5.29.14": "Subject Key Identifier",
  "2.5.29.15": "Key Usage",
  "2.5.29.16": "Private Key Usage Period",
  "2.5.29.17": "Subject Alternative Name",
  "2.5.29.18": "Issuer Alternative Name",
  "2.5.29.19": "Basic Constraints",
  "2.5.29.30": "Name Constraints",
  "2.5.29.31": "CRL Distribution Points",
  "2.5.29.32": "Certificate Policies",
  "2.5.29.33": "Policy Mappings",
  "2.5.29.35": "Authority Key Identifier",
  "2.5.29.36": "Policy Constraints",
  "2.5.29.37": "Enhanced Key Usage",
  "2.5.29.46": "Freshest CRL",
  "2.5.29.54": "Inhibit Any Policy",
  "1.3.6.1.5.5.7.1.1": "Authority Information Access",
  "1.3.6.1.5.5.7.1.11": "Subject Information Access",
  "1.3.6.1.5.5.7.1.24": "TLS Feature",
  "1.3.6.1.5.5.7.48.1.5": "OCSP No Check",
  "1.3.6.1.4.1.11129.2.4.2": "SCT List",
  "1.3.6.1.4.1.311.20.2": "Certificate Template Name",
  "1.3.6.1.4.1.311.21.1": "CA Version",
  "1.3.6.1.4.1.311.21.2": "Previous CA Certificate Hash",
  "1.3.6.1.4.1.311.21.7": "Certificate Template Information",
  "1.3.6.1.4.1.311.21.10": "Application Policies",
  "2.16.840.1.113730.1.1": "Netscape Cert Type",
  "2.16.840.1.113730.1.13": "Netscape Comment",
};

/** Key usage bit → Windows friendly name (bit 0 is the most significant bit of the first byte). */
export const KEY_USAGE_NAMES = [
  "Digital Signature",
  "Non-Repudiation",
  "Key Encipherment",
  "Data Encipherment",
  "Key Agreement",
  "Certificate Signing",
  "CRL Signing",
  "Encipher Only",
  "Decipher Only",
] as const;

/** `Server Authentication (1.3.6.1.5.5.7.3.1)` — the form Exchange lists EKUs in. */
export function formatEku(oid: string): string {
  const name = EKU_NAMES[oid];
  return name ? `${name} (${oid})` : oid;
}
