/**
 * PKCS#8 private-key helpers: algorithm and size, the public key (SPKI) of a private key, whether
 * a key belongs to a certificate, and conversion of PKCS#1 / SEC 1 keys to PKCS#8.
 *
 * node:crypto's KeyObject is used because WebCrypto cannot derive a public key from a private one
 * nor import PKCS#1/SEC 1 encodings.
 * @packageDocumentation
 */
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { summarizeCertificate } from "./certificate-summary";
import { PkiError } from "./errors";

/** Algorithm and size of a key, in Exchange terms. */
export interface KeyDescription {
  /** `RSA`, `EC`, `Ed25519`, `Ed448`, `DSA`, … */
  algorithm: string;
  /** Key size in bits (RSA modulus, EC field size). */
  size: number;
  /** Named curve for EC keys, e.g. `P-256`. */
  curve?: string;
}

const CURVE_BITS: Record<string, [string, number]> = {
  prime256v1: ["P-256", 256],
  secp384r1: ["P-384", 384],
  secp521r1: ["P-521", 521],
  secp256k1: ["secp256k1", 256],
};

function load(pkcs8: Uint8Array): KeyObject {
  try {
    return createPrivateKey({ key: Buffer.from(pkcs8), format: "der", type: "pkcs8" });
  } catch (error) {
    throw new PkiError("ERR_KEY_MALFORMED", `The private key cannot be read: ${(error as Error).message}`);
  }
}

function describe(key: KeyObject): KeyDescription {
  const type = key.asymmetricKeyType ?? "unknown";
  const details = key.asymmetricKeyDetails ?? {};
  if (type === "rsa" || type === "rsa-pss") return { algorithm: type === "rsa" ? "RSA" : "RSA-PSS", size: details.modulusLength ?? 0 };
  if (type === "ec") {
    const [curve, size] = CURVE_BITS[details.namedCurve ?? ""] ?? [details.namedCurve ?? "unknown", 0];
    return { algorithm: "EC", size, curve };
  }
  if (type === "dsa") return { algorithm: "DSA", size: details.modulusLength ?? 0 };
  if (type === "ed25519") return { algorithm: "Ed25519", size: 256 };
  if (type === "ed448") return { algorithm: "Ed448", size: 456 };
  return { algorithm: type, size: 0 };
}

/** Algorithm and size of a PKCS#8 private key. Throws `ERR_KEY_MALFORMED`. */
export function describePrivateKey(pkcs8: Uint8Array): KeyDescription {
  return describe(load(pkcs8));
}

/** Algorithm and size of a SubjectPublicKeyInfo. Throws `ERR_KEY_MALFORMED`. */
export function describePublicKey(spki: Uint8Array): KeyDescription {
  try {
    return describe(createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" }));
  } catch (error) {
    throw new PkiError("ERR_KEY_MALFORMED", `The public key cannot be read: ${(error as Error).message}`);
  }
}

/** The SubjectPublicKeyInfo DER of a PKCS#8 private key. */
export function publicKeyOfPrivateKey(pkcs8: Uint8Array): Uint8Array {
  return new Uint8Array(createPublicKey(load(pkcs8)).export({ type: "spki", format: "der" }));
}

/** Canonical SPKI DER (re-encoded by OpenSSL), so differently-encoded equal keys compare equal. */
export function canonicalSpki(spki: Uint8Array): Uint8Array {
  try {
    return new Uint8Array(createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" }).export({ type: "spki", format: "der" }));
  } catch {
    return spki;
  }
}

/** True when the private key is the one whose public key the certificate carries. */
export function privateKeyMatchesCertificate(pkcs8: Uint8Array, certificateDer: Uint8Array): boolean {
  const certSpki = canonicalSpki(summarizeCertificate(certificateDer).spki);
  return Buffer.from(publicKeyOfPrivateKey(pkcs8)).equals(Buffer.from(certSpki));
}

/** Converts a PKCS#1 `RSA PRIVATE KEY` or SEC 1 `EC PRIVATE KEY` DER to PKCS#8 DER. */
export function toPkcs8(der: Uint8Array, kind: "pkcs1" | "sec1"): Uint8Array {
  try {
    const key = createPrivateKey({ key: Buffer.from(der), format: "der", type: kind });
    return new Uint8Array(key.export({ type: "pkcs8", format: "der" }));
  } catch (error) {
    throw new PkiError("ERR_KEY_MALFORMED", `The ${kind === "pkcs1" ? "RSA" : "EC"} private key cannot be read: ${(error as Error).message}`);
  }
}
