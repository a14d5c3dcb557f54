import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { sha256Thumbprint, thumbprint } from "@/lib/pki/thumbprint";

const EKU_NAMES: Record<string, string> = {
  "1.3.6.1.5.5.7.3.1": "Server Authentication",
  "1.3.6.1.5.5.7.3.2": "Client Authentication",
  "1.3.6.1.5.5.7.3.4": "Secure Email",
  "1.3.6.1.5.5.7.3.9": "OCSP Signing",
};

/** The database columns of a certificate, derived from its DER. */
export function certificateRecord(der: Uint8Array, friendlyName = "") {
  const cert = new x509.X509Certificate(new Uint8Array(der));
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const dns = san ? san.names.items.filter((n) => n.type === "dns").map((n) => n.value) : [];
  const cn = cert.subjectName.getField("CN")[0];
  const domains = cn && !dns.includes(cn) && /^[*a-z0-9.-]+$/i.test(cn) ? [...dns, cn] : dns;
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  const alg = cert.publicKey.algorithm as RsaHashedKeyAlgorithm & EcKeyAlgorithm;
  const keyAlgorithm = alg.name === "ECDSA" || alg.name === "ECDH" ? "EC" : "RSA";
  const publicKeySize = keyAlgorithm === "EC" ? Number(alg.namedCurve?.replace("P-", "") ?? 0) : alg.modulusLength;
  const sig = cert.signatureAlgorithm as { name: string; hash?: { name: string } };
  return {
    thumbprint: thumbprint(der),
    sha256: sha256Thumbprint(der),
    der: new Uint8Array(der),
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber.toUpperCase(),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    domains,
    keyAlgorithm,
    publicKeySize,
    signatureAlgorithm: `${(sig.hash?.name ?? "").replace("-", "").toLowerCase()}${sig.name.startsWith("ECDSA") ? "ECDSA" : "RSA"}`,
    ekus: (eku?.usages ?? []).map((oid) => ({ oid: String(oid), name: EKU_NAMES[String(oid)] ?? String(oid) })),
    friendlyName,
    isSelfSigned: cert.subject === cert.issuer,
    isCa: bc?.ca ?? false,
  };
}
