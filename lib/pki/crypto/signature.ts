/**
 * Signature checks for path validation: RSA PKCS#1 v1.5, RSA-PSS, ECDSA, DSA (with RFC 5280 §6.1.4(f) parameter
 * inheritance) and EdDSA over the raw TBS bytes.
 *
 * Why `node:crypto` and not WebCrypto here: WebCrypto has no DSA (PKITS §4.1.4–4.1.6 need it), wants ECDSA
 * signatures re-encoded, and every call is asynchronous; `node:crypto`'s one-shot `verify` takes the
 * certificate's DER signature as is, covers every algorithm above and is several times faster per certificate.
 * The verifier is a port ({@link SignatureVerifier}) so callers can substitute another implementation.
 * @packageDocumentation
 */
import { constants, createPublicKey, verify, type KeyObject } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

/** What one signature check needs. */
export interface SignedObject {
  tbs: Uint8Array;
  signature: Uint8Array;
  signatureAlgorithm: string;
  /** DER of the AlgorithmIdentifier parameters, when present. */
  signatureParams?: Uint8Array;
}

/** The outcome of one signature check. */
export type SignatureCheck = { ok: true } | { ok: false; unsupported: boolean; reason: string };

/** Verifies `signed` with the SubjectPublicKeyInfo `issuerSpki` (DER). */
export type SignatureVerifier = (signed: SignedObject, issuerSpki: Uint8Array) => SignatureCheck;

const HASH_BY_OID: Readonly<Record<string, string>> = {
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.4": "sha224",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};

type Scheme = { kind: "rsa" | "ecdsa" | "dsa"; hash: string } | { kind: "pss" } | { kind: "eddsa" };

const SCHEMES: Readonly<Record<string, Scheme>> = {
  "1.2.840.113549.1.1.5": { kind: "rsa", hash: "sha1" },
  "1.2.840.113549.1.1.14": { kind: "rsa", hash: "sha224" },
  "1.2.840.113549.1.1.11": { kind: "rsa", hash: "sha256" },
  "1.2.840.113549.1.1.12": { kind: "rsa", hash: "sha384" },
  "1.2.840.113549.1.1.13": { kind: "rsa", hash: "sha512" },
  "1.2.840.113549.1.1.10": { kind: "pss" },
  "1.2.840.10045.4.1": { kind: "ecdsa", hash: "sha1" },
  "1.2.840.10045.4.3.1": { kind: "ecdsa", hash: "sha224" },
  "1.2.840.10045.4.3.2": { kind: "ecdsa", hash: "sha256" },
  "1.2.840.10045.4.3.3": { kind: "ecdsa", hash: "sha384" },
  "1.2.840.10045.4.3.4": { kind: "ecdsa", hash: "sha512" },
  "1.2.840.10040.4.3": { kind: "dsa", hash: "sha1" },
  "2.16.840.1.101.3.4.3.1": { kind: "dsa", hash: "sha224" },
  "2.16.840.1.101.3.4.3.2": { kind: "dsa", hash: "sha256" },
  "1.3.101.112": { kind: "eddsa" },
  "1.3.101.113": { kind: "eddsa" },
};

/** The public key types each scheme accepts. */
const KEY_TYPES: Readonly<Record<Scheme["kind"], readonly string[]>> = {
  rsa: ["rsa"],
  pss: ["rsa", "rsa-pss"],
  ecdsa: ["ec"],
  dsa: ["dsa"],
  eddsa: ["ed25519", "ed448"],
};

const keyCache = new WeakMap<Uint8Array, KeyObject>();

function publicKey(spki: Uint8Array): KeyObject {
  let key = keyCache.get(spki);
  if (!key) {
    key = createPublicKey({ key: Buffer.from(spki.buffer, spki.byteOffset, spki.byteLength), format: "der", type: "spki" });
    keyCache.set(spki, key);
  }
  return key;
}

function pssOptions(params: Uint8Array | undefined): { hash: string; saltLength: number } | null {
  if (params === undefined) return null;
  try {
    const pss = new pkijs.RSASSAPSSParams({ schema: asn1js.fromBER(params).result });
    const hash = HASH_BY_OID[pss.hashAlgorithm.algorithmId];
    return hash ? { hash, saltLength: pss.saltLength } : null;
  } catch {
    return null;
  }
}

/** True when {@link nodeSignatureVerifier} knows the signature algorithm `oid`. */
export function isSupportedSignatureAlgorithm(oid: string): boolean {
  return oid in SCHEMES;
}

/** The default {@link SignatureVerifier}, on `node:crypto`. MD5 and unknown algorithms are refused as unsupported. */

export const nodeSignatureVerifier: SignatureVerifier = (signed, issuerSpki) => {
  const scheme = SCHEMES[signed.signatureAlgorithm];
  if (!scheme) return { ok: false, unsupported: true, reason: `signature algorithm ${signed.signatureAlgorithm} is not supported` };
  let key: KeyObject;
  try {
    key = publicKey(issuerSpki);
  } catch (error) {
    return { ok: false, unsupported: true, reason: `the issuer's public key cannot be used: ${(error as Error).message}` };
  }
  // node:crypto picks the scheme from the key, not from the OID: an ECDSA signature would "verify" under an
  // RSA algorithm identifier. The key type must match the algorithm the signature claims.
  if (!KEY_TYPES[scheme.kind].includes(key.asymmetricKeyType ?? "")) {
    return { ok: false, unsupported: false, reason: `the issuer's ${key.asymmetricKeyType ?? "unknown"} key does not fit the signature algorithm ${signed.signatureAlgorithm}` };
  }
  const data = signed.tbs;
  const signature = signed.signature;
  try {
    let ok: boolean;
    if (scheme.kind === "pss") {
      const options = pssOptions(signed.signatureParams);
      if (!options) return { ok: false, unsupported: true, reason: "RSA-PSS parameters are missing or use an unsupported hash" };
      ok = verify(options.hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: options.saltLength }, signature);
    } else if (scheme.kind === "eddsa") {
      ok = verify(null, data, key, signature);
    } else if (scheme.kind === "dsa" || scheme.kind === "ecdsa") {
      ok = verify(scheme.hash, data, { key, dsaEncoding: "der" }, signature);
    } else {
      ok = verify(scheme.hash, data, key, signature);
    }
    return ok ? { ok: true } : { ok: false, unsupported: false, reason: "the signature does not verify with the issuer's public key" };
  } catch (error) {
    return { ok: false, unsupported: false, reason: `the signature could not be checked: ${(error as Error).message}` };
  }
};

/** OID of DSA public keys. */
export const OID_DSA = "1.2.840.10040.4.1";

/**
 * A copy of the SubjectPublicKeyInfo `spki` with the algorithm parameters of `parametersFrom` (RFC 5280
 * §6.1.4(f): a DSA key without parameters inherits those of its issuer). Returns `spki` when it cannot apply.
 */
export function inheritKeyParameters(spki: Uint8Array, parametersFrom: Uint8Array): Uint8Array {
  const own = asn1js.fromBER(spki);
  const other = asn1js.fromBER(parametersFrom);
  if (!(own.result instanceof asn1js.Sequence) || !(other.result instanceof asn1js.Sequence)) return spki;
  const [ownAlgorithm, ownKey] = own.result.valueBlock.value;
  const [otherAlgorithm] = other.result.valueBlock.value;
  if (!(ownAlgorithm instanceof asn1js.Sequence) || !(otherAlgorithm instanceof asn1js.Sequence) || !ownKey) return spki;
  const [oid] = ownAlgorithm.valueBlock.value;
  const [, parameters] = otherAlgorithm.valueBlock.value;
  if (!oid || !parameters) return spki;
  const rebuilt = new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [oid, parameters] }), ownKey] });
  return new Uint8Array(rebuilt.toBER(false));
}
