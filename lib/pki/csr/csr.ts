/**
 * Certificate requests like `New-ExchangeCertificate -GenerateRequest`: subject from
 * `C=,S=,L=,O=,OU=,CN=`, a SAN list, RSA 2048 (default) / 4096 / 1024 (allowed, warned) or ECDSA
 * P-256/P-384, SHA-256 (SHA-384 for P-384) signature, PEM ("Base64") and DER output; and renewal
 * requests with the subject and SANs of an existing certificate.
 *
 * Keys come from WebCrypto (`crypto`, trailing default argument); @peculiar/x509 builds the PKCS#10.
 * @packageDocumentation
 */
import { Pkcs10CertificateRequestGenerator, SubjectAlternativeNameExtension } from "@peculiar/x509";
import { describeCertificate } from "../certificate/description";
import { findCommonName, parseDistinguishedName, readName, toJsonName, type NameAttribute } from "../name/distinguished-name";
import { validateDomainName } from "../name/domain-name";
import { PkiError } from "../errors";
import { toPem } from "../formats/pem";
import { sha256Thumbprint } from "../certificate/thumbprint";
import { pathCertificate } from "../certificate/certificate";

/** Options of {@link generateCertificateRequest}. */
export interface CertificateRequestOptions {
  /** Exchange form `C=US,S=WA,L=Redmond,O=Contoso,OU=IT,CN=mail.contoso.com`, or attributes in encoding order. */
  subject: string | readonly NameAttribute[];
  /** SAN DNS names. The CN is added first when missing, as Exchange does. */
  domains?: readonly string[];
  /** RSA modulus size; default 2048. Ignored when `curve` is set. */
  keySize?: 1024 | 2048 | 4096;
  /** ECDSA curve instead of RSA. */
  curve?: "P-256" | "P-384";
  /** Friendly name kept with the pending request (fewer than 64 characters). */
  friendlyName?: string;
}

/** A generated request and its key. */
export interface CertificateRequest {
  csrDer: Uint8Array;
  /** `-----BEGIN NEW CERTIFICATE REQUEST-----`, as Exchange writes it. */
  csrPem: string;
  /** The private key, PKCS#8 DER (the caller encrypts it at rest). */
  privateKeyPkcs8: Uint8Array;
  publicKeySpki: Uint8Array;
  /** SHA-256 of the SPKI, upper-case hex: how the CA's answer is matched later. */
  spkiSha256: string;
  /** The SAN list actually requested. */
  domains: string[];
  friendlyName?: string;
  /** Non-fatal remarks, e.g. that 1024-bit RSA is weak. */
  warnings: string[];
}

/** Validates the options and returns the normalised subject, domains and warnings. */
export function checkRequestOptions(options: CertificateRequestOptions): { subject: ReturnType<typeof parseDistinguishedName>; domains: string[]; warnings: string[] } {
  const warnings: string[] = [];
  const subject = typeof options.subject === "string" ? parseDistinguishedName(options.subject) : [...options.subject];
  if (subject.length === 0) throw new PkiError("ERR_SUBJECT_INVALID", "The subject name is empty.");
  const cn = findCommonName(subject);
  if (!cn && (options.domains ?? []).length === 0) throw new PkiError("ERR_SUBJECT_INVALID", "The request needs a common name (CN=) or at least one domain name.");
  const domains: string[] = [];
  const seen = new Set<string>();
  const add = (d: string) => {
    const v = validateDomainName(d);
    if (!seen.has(v.toLowerCase())) {
      seen.add(v.toLowerCase());
      domains.push(v);
    }
  };
  if (cn && (options.domains ?? []).length > 0 && !(options.domains ?? []).some((d) => d.trim().toLowerCase() === cn.toLowerCase())) {
    add(cn);
  }
  for (const d of options.domains ?? []) add(d);
  if (options.friendlyName !== undefined && options.friendlyName.length >= 64) throw new PkiError("ERR_FRIENDLY_NAME_INVALID", `The friendly name is ${options.friendlyName.length} characters long; it must be fewer than 64.`);
  if (options.curve && options.keySize) throw new PkiError("ERR_KEY_SIZE_INVALID", "Choose either an RSA key size or an ECDSA curve, not both.");
  if (options.curve && options.curve !== "P-256" && options.curve !== "P-384") throw new PkiError("ERR_KEY_SIZE_INVALID", `The curve ${String(options.curve)} is not supported; use P-256 or P-384.`);
  const size = options.keySize ?? 2048;
  if (!options.curve && ![1024, 2048, 4096].includes(size)) throw new PkiError("ERR_KEY_SIZE_INVALID", `The key size ${size} is not allowed; use 1024, 2048 or 4096.`);
  if (!options.curve && size === 1024) warnings.push("A 1024-bit RSA key is weak: public CAs refuse it and it should be used only for compatibility tests. Use 2048 or more.");
  return { subject, domains, warnings };
}

/** Generates a key pair and a SHA-256-signed PKCS#10 request. */
export async function generateCertificateRequest(options: CertificateRequestOptions, crypto: Crypto = globalThis.crypto): Promise<CertificateRequest> {
  const { subject, domains, warnings } = checkRequestOptions(options);
  const rsa = !options.curve;
  const hash = options.curve === "P-384" ? "SHA-384" : "SHA-256";
  const algorithm = rsa
    ? { name: "RSASSA-PKCS1-v1_5", modulusLength: options.keySize ?? 2048, publicExponent: new Uint8Array([1, 0, 1]), hash }
    : { name: "ECDSA", namedCurve: options.curve!, hash };
  const keys = (await crypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
  const extensions = domains.length > 0 ? [new SubjectAlternativeNameExtension(domains.map((value) => ({ type: "dns" as const, value })))] : [];
  const csr = await Pkcs10CertificateRequestGenerator.create(
    { name: toJsonName(subject), keys, signingAlgorithm: rsa ? { name: "RSASSA-PKCS1-v1_5", hash } : { name: "ECDSA", hash }, extensions },
    crypto,
  );
  const csrDer = new Uint8Array(csr.rawData);
  const privateKeyPkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", keys.privateKey));
  const publicKeySpki = new Uint8Array(await crypto.subtle.exportKey("spki", keys.publicKey));
  const result: CertificateRequest = {
    csrDer,
    csrPem: toPem(csrDer, "NEW CERTIFICATE REQUEST"),
    privateKeyPkcs8,
    publicKeySpki,
    spkiSha256: sha256Thumbprint(publicKeySpki),
    domains,
    warnings,
  };
  if (options.friendlyName !== undefined) result.friendlyName = options.friendlyName;
  return result;
}

/** Options of a renewal: anything not given is taken from the existing certificate. */
export type RenewalOptions = Partial<Omit<CertificateRequestOptions, "subject" | "domains">>;

/**
 * A renewal request, like `Get-ExchangeCertificate X | New-ExchangeCertificate -GenerateRequest`:
 * same subject and SANs as `existingCertificateDer`, a new key of the same kind and size by default.
 */
export async function renewalRequest(existingCertificateDer: Uint8Array, options: RenewalOptions = {}, crypto: Crypto = globalThis.crypto): Promise<CertificateRequest> {
  const existing = pathCertificate(existingCertificateDer);
  const description = describeCertificate(existing);
  // The attributes are reused as they are, in their original encoding order.
  const subject = readName(existing.subject.der);
  const domains = description.SubjectAlternativeNames.filter((g) => g.type === "dns").map((g) => g.value);
  const sameKind: Pick<CertificateRequestOptions, "keySize" | "curve"> = {};
  if (options.curve) sameKind.curve = options.curve;
  else if (options.keySize) sameKind.keySize = options.keySize;
  else if (description.KeyAlgorithm === "EC" && (description.KeyCurve === "P-256" || description.KeyCurve === "P-384")) sameKind.curve = description.KeyCurve;
  else if (description.KeyAlgorithm === "RSA" && [1024, 2048, 4096].includes(description.PublicKeySize)) sameKind.keySize = description.PublicKeySize as 1024 | 2048 | 4096;
  const request: CertificateRequestOptions = { subject, domains, ...sameKind };
  if (options.friendlyName !== undefined) request.friendlyName = options.friendlyName;
  return generateCertificateRequest(request, crypto);
}
