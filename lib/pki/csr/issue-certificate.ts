/**
 * A small certification authority toolkit: generate keys, issue CA and end-entity certificates and
 * sign CRLs. Used by the demo organization's lab PKI and by "new self-signed certificate".
 * @packageDocumentation
 */
import * as x509 from "@peculiar/x509";

/** Key parameters of a generated key pair. */
export type KeySpec = { kind: "RSA"; size: 1024 | 2048 | 3072 | 4096 } | { kind: "EC"; curve: "P-256" | "P-384" };

/** A certificate together with the key pair it certifies. */
export interface IssuedCertificate {
  certificate: x509.X509Certificate;
  keys: CryptoKeyPair;
}

/** What to put into a certificate. */
export interface CertificateProfile {
  /** Subject DN, e.g. `CN=mail.contoso.com, O=Contoso, C=US`. */
  subject: string;
  /** DNS names for the subject alternative name extension. */
  dnsNames?: string[];
  notBefore: Date;
  notAfter: Date;
  /** Serial number in hex; random when absent. */
  serialNumber?: string;
  /** Issue a CA certificate (basicConstraints cA, keyCertSign + cRLSign). */
  isCa?: boolean;
  pathLength?: number;
  /** Extended key usages as OIDs; defaults to server + client authentication for end entities. */
  extendedKeyUsages?: string[];
  /** CRL distribution point URLs (http or ldap). */
  crlUrls?: string[];
  /** OCSP responder URLs for the AIA extension. */
  ocspUrls?: string[];
  /** caIssuers URLs for the AIA extension. */
  caIssuerUrls?: string[];
  key?: KeySpec;
}

const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

function algorithmFor(spec: KeySpec): RsaHashedKeyGenParams | EcKeyGenParams {
  return spec.kind === "RSA"
    ? { name: "RSASSA-PKCS1-v1_5", modulusLength: spec.size, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }
    : { name: "ECDSA", namedCurve: spec.curve };
}

function signingAlgorithm(keys: CryptoKeyPair): Algorithm & { hash: string } {
  return { name: keys.privateKey.algorithm.name === "ECDSA" ? "ECDSA" : "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
}

/** Generates an extractable signing key pair. */
export async function generateKeyPair(spec: KeySpec = { kind: "RSA", size: 2048 }, crypto: Crypto = globalThis.crypto): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(algorithmFor(spec), true, ["sign", "verify"])) as CryptoKeyPair;
}

async function extensionsFor(profile: CertificateProfile, publicKey: CryptoKey, issuer: IssuedCertificate | null, crypto: Crypto) {
  const ext: x509.Extension[] = [];
  if (profile.isCa) {
    ext.push(new x509.BasicConstraintsExtension(true, profile.pathLength, true));
    ext.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true));
  } else {
    ext.push(new x509.BasicConstraintsExtension(false, undefined, false));
    ext.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true));
    ext.push(new x509.ExtendedKeyUsageExtension(profile.extendedKeyUsages ?? [SERVER_AUTH, CLIENT_AUTH], false));
  }
  if (profile.dnsNames?.length) {
    ext.push(new x509.SubjectAlternativeNameExtension(profile.dnsNames.map((value) => ({ type: "dns" as const, value }))));
  }
  ext.push(await x509.SubjectKeyIdentifierExtension.create(publicKey, false, crypto));
  if (issuer) ext.push(await x509.AuthorityKeyIdentifierExtension.create(issuer.certificate.publicKey, false, crypto));
  if (profile.crlUrls?.length) ext.push(new x509.CRLDistributionPointsExtension(profile.crlUrls));
  if (profile.ocspUrls?.length || profile.caIssuerUrls?.length) {
    ext.push(
      new x509.AuthorityInfoAccessExtension({
        ...(profile.ocspUrls?.length ? { ocsp: profile.ocspUrls.map((u) => new x509.GeneralName("url", u)) } : {}),
        ...(profile.caIssuerUrls?.length ? { caIssuers: profile.caIssuerUrls.map((u) => new x509.GeneralName("url", u)) } : {}),
      }),
    );
  }
  return ext;
}

/**
 * Issues a certificate for `profile`, signed by `issuer`, or self-signed when `issuer` is null.
 * @param keys the subject's key pair; generated from `profile.key` when absent
 */
export async function issueCertificate(
  profile: CertificateProfile,
  issuer: IssuedCertificate | null,
  keys?: CryptoKeyPair,
  crypto: Crypto = globalThis.crypto,
): Promise<IssuedCertificate> {
  const subjectKeys = keys ?? (await generateKeyPair(profile.key, crypto));
  const extensions = await extensionsFor(profile, subjectKeys.publicKey, issuer, crypto);
  const base = {
    serialNumber: profile.serialNumber ?? randomSerial(crypto),
    notBefore: profile.notBefore,
    notAfter: profile.notAfter,
    extensions,
  };
  const certificate = issuer
    ? await x509.X509CertificateGenerator.create(
        {
          ...base,
          subject: profile.subject,
          issuer: issuer.certificate.subject,
          publicKey: subjectKeys.publicKey,
          signingKey: issuer.keys.privateKey,
          signingAlgorithm: signingAlgorithm(issuer.keys),
        },
        crypto,
      )
    : await x509.X509CertificateGenerator.createSelfSigned(
        { ...base, name: profile.subject, keys: subjectKeys, signingAlgorithm: signingAlgorithm(subjectKeys) },
        crypto,
      );
  return { certificate, keys: subjectKeys };
}

/** A revoked entry of a CRL to sign. */
export interface RevokedEntry {
  serialNumber: string;
  revocationDate: Date;
  reason?: x509.X509CrlReason;
}

/** Signs a CRL for `issuer` listing `revoked`. */
export async function signCrl(
  issuer: IssuedCertificate,
  revoked: RevokedEntry[],
  thisUpdate: Date,
  nextUpdate: Date,
  crlNumber = 1,
  crypto: Crypto = globalThis.crypto,
): Promise<x509.X509Crl> {
  const numberExt = new x509.Extension("2.5.29.20", false, encodeDerInteger(crlNumber));
  return x509.X509CrlGenerator.create(
    {
      issuer: issuer.certificate.subject,
      thisUpdate,
      nextUpdate,
      signingKey: issuer.keys.privateKey,
      signingAlgorithm: signingAlgorithm(issuer.keys),
      extensions: [numberExt, await x509.AuthorityKeyIdentifierExtension.create(issuer.certificate.publicKey, false, crypto)],
      entries: revoked.map((r) => ({ serialNumber: r.serialNumber, revocationDate: r.revocationDate, ...(r.reason !== undefined ? { reason: r.reason } : {}) })),
    },
    crypto,
  );
}

function encodeDerInteger(value: number): ArrayBuffer {
  const bytes: number[] = [];
  let v = value;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  return new Uint8Array([0x02, bytes.length, ...bytes]).buffer;
}

function randomSerial(crypto: Crypto): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f; // positive
  if (bytes[0] === 0) bytes[0] = 0x01;
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
