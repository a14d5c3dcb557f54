/**
 * PKCS#8 private-key helpers: algorithm and size, the public key (SPKI) of a private key, whether
 * a key belongs to a certificate, and conversion of PKCS#1 / SEC 1 keys to PKCS#8.
 *
 * node:crypto's KeyObject is used because WebCrypto cannot derive a public key from a private one
 * nor import PKCS#1/SEC 1 encodings.
 * @packageDocumentation
 */
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { pathCertificate } from "../certificate/certificate";
import { readTlv, TAG, tlvChildren, tlvOid, tlvValue } from "../asn1/der";
import { PkiError } from "../errors";

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

const SPKI_ALGORITHMS: Record<string, string> = {
  "1.2.840.113549.1.1.1": "RSA",
  "1.2.840.113549.1.1.10": "RSA-PSS",
  "1.2.840.10045.2.1": "EC",
  "1.2.840.10040.4.1": "DSA",
  "1.3.101.112": "Ed25519",
  "1.3.101.113": "Ed448",
};
const CURVE_OIDS: Record<string, [string, number]> = {
  "1.2.840.10045.3.1.7": ["P-256", 256],
  "1.3.132.0.34": ["P-384", 384],
  "1.3.132.0.35": ["P-521", 521],
  "1.3.132.0.10": ["secp256k1", 256],
};

/**
 * Algorithm and size of a SubjectPublicKeyInfo, read straight from the DER (no key import: a list
 * of thousands of certificates stays fast). Throws `ERR_KEY_MALFORMED`.
 */
export function describePublicKey(spki: Uint8Array): KeyDescription {
  try {
    const [alg, bits] = tlvChildren(spki, readTlv(spki));
    const [oidNode, params] = tlvChildren(spki, alg!);
    const oid = tlvOid(spki, oidNode!);
    const algorithm = SPKI_ALGORITHMS[oid] ?? oid;
    const key = tlvValue(spki, bits!).subarray(1); // skip the unused-bits octet
    if (algorithm === "RSA" || algorithm === "RSA-PSS") {
      const modulus = tlvValue(key, tlvChildren(key, readTlv(key))[0]!);
      return { algorithm, size: bitLength(modulus) };
    }
    if (algorithm === "EC") {
      const [curve, size] = params && params.tag === TAG.OID ? (CURVE_OIDS[tlvOid(spki, params)] ?? [tlvOid(spki, params), (key.length - 1) * 4]) : ["explicit", (key.length - 1) * 4];
      return { algorithm, size, curve };
    }
    if (algorithm === "DSA" && params) return { algorithm, size: bitLength(tlvValue(spki, tlvChildren(spki, params)[0]!)) };
    if (algorithm === "Ed25519") return { algorithm, size: 256 };
    if (algorithm === "Ed448") return { algorithm, size: 456 };
    return { algorithm, size: key.length * 8 };
  } catch (error) {
    throw new PkiError("ERR_KEY_MALFORMED", `The public key cannot be read: ${(error as Error).message}`);
  }
}

function bitLength(n: Uint8Array): number {
  let i = 0;
  while (i < n.length && n[i] === 0) i++;
  if (i === n.length) return 0;
  return (n.length - i - 1) * 8 + (32 - Math.clz32(n[i]!));
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
  const certSpki = canonicalSpki(pathCertificate(certificateDer).spki);
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
