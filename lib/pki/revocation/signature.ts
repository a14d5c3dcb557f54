/**
 * Verifies an X.509-style signature (CRL, OCSP response, certificate) over raw bytes with WebCrypto.
 * DSA, which WebCrypto lacks, falls back to node:crypto's `verify` (pure computation, no I/O): PKITS
 * and older enterprise CAs still sign with DSA.
 * @packageDocumentation
 */
import { createPublicKey, verify as nodeVerify } from "node:crypto";
import { PkiError } from "../errors";
import { TAG, children, content, expectTlv, oidToString, readTlv } from "./der";
import type { AlgorithmId } from "./crl-stream";

type Scheme =
  | { kind: "RSASSA-PKCS1-v1_5"; hash: string }
  | { kind: "RSA-PSS"; hash: string; saltLength: number }
  | { kind: "ECDSA"; hash: string }
  | { kind: "Ed25519" }
  | { kind: "DSA"; hash: string };

const HASH_BY_OID: Record<string, string> = {
  "1.3.14.3.2.26": "SHA-1", "2.16.840.1.101.3.4.2.1": "SHA-256", "2.16.840.1.101.3.4.2.2": "SHA-384", "2.16.840.1.101.3.4.2.3": "SHA-512",
};

const SCHEMES: Record<string, Scheme> = {
  "1.2.840.113549.1.1.5": { kind: "RSASSA-PKCS1-v1_5", hash: "SHA-1" },
  "1.2.840.113549.1.1.11": { kind: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
  "1.2.840.113549.1.1.12": { kind: "RSASSA-PKCS1-v1_5", hash: "SHA-384" },
  "1.2.840.113549.1.1.13": { kind: "RSASSA-PKCS1-v1_5", hash: "SHA-512" },
  "1.2.840.10045.4.1": { kind: "ECDSA", hash: "SHA-1" },
  "1.2.840.10045.4.3.2": { kind: "ECDSA", hash: "SHA-256" },
  "1.2.840.10045.4.3.3": { kind: "ECDSA", hash: "SHA-384" },
  "1.2.840.10045.4.3.4": { kind: "ECDSA", hash: "SHA-512" },
  "1.3.101.112": { kind: "Ed25519" },
  "1.2.840.10040.4.3": { kind: "DSA", hash: "SHA-1" },
  "2.16.840.1.101.3.4.3.2": { kind: "DSA", hash: "SHA-256" },
};

const CURVES: Record<string, { name: string; size: number }> = {
  "1.2.840.10045.3.1.7": { name: "P-256", size: 32 }, "1.3.132.0.34": { name: "P-384", size: 48 }, "1.3.132.0.35": { name: "P-521", size: 66 },
};

function pssScheme(alg: AlgorithmId): Scheme {
  let hash = "SHA-1";
  let saltLength = 20;
  const seq = readTlv(alg.der, 0);
  const params = children(alg.der, seq)[1];
  if (params && params.tag === TAG.SEQUENCE) {
    for (const f of children(alg.der, params)) {
      if (f.tag === 0xa0) hash = HASH_BY_OID[oidToString(alg.der, readTlv(alg.der, readTlv(alg.der, f.contentStart, f.end).contentStart))] ?? "?";
      if (f.tag === 0xa2) saltLength = Number(alg.der[readTlv(alg.der, f.contentStart, f.end).end - 1]);
    }
  }
  return { kind: "RSA-PSS", hash, saltLength };
}

/** Converts a DER ECDSA signature to the fixed-size r‖s form WebCrypto expects. */
export function ecdsaDerToRaw(sig: Uint8Array, size: number): Uint8Array {
  const seq = expectTlv(sig, 0, TAG.SEQUENCE);
  const out = new Uint8Array(size * 2);
  children(sig, seq).slice(0, 2).forEach((int, i) => {
    let v = content(sig, int);
    while (v.length > size && v[0] === 0) v = v.subarray(1);
    if (v.length > size) throw new Error("ECDSA integer too long");
    out.set(v, (i + 1) * size - v.length);
  });
  return out;
}

/** WebCrypto wants ArrayBuffer-backed views; ours never sit on a SharedArrayBuffer. */
function view(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}

const keyCache = new WeakMap<Uint8Array, Map<string, Promise<CryptoKey>>>();

function importKey(spki: Uint8Array, params: RsaHashedImportParams | EcKeyImportParams | Algorithm, crypto: Crypto): Promise<CryptoKey> {
  const id = JSON.stringify(params);
  let byAlg = keyCache.get(spki);
  if (!byAlg) keyCache.set(spki, (byAlg = new Map()));
  let key = byAlg.get(id);
  if (!key) {
    key = crypto.subtle.importKey("spki", view(spki), params, false, ["verify"]);
    byAlg.set(id, key);
  }
  return key;
}

/**
 * True when `signature` over `data` verifies under the SubjectPublicKeyInfo `spki` with `algorithm`.
 * Throws `ERR_UNSUPPORTED_ALGORITHM` for algorithms it cannot check; a key that does not fit the
 * algorithm, or a malformed signature, is simply `false`.
 */
export async function verifySignature(
  algorithm: AlgorithmId, spki: Uint8Array, data: Uint8Array, signature: Uint8Array, crypto: Crypto = globalThis.crypto,
): Promise<boolean> {
  const scheme = algorithm.oid === "1.2.840.113549.1.1.10" ? pssScheme(algorithm) : SCHEMES[algorithm.oid];
  if (!scheme || ("hash" in scheme && scheme.hash === "?")) {
    throw new PkiError("ERR_UNSUPPORTED_ALGORITHM", `Signature algorithm ${algorithm.oid} is not supported.`);
  }
  try {
    switch (scheme.kind) {
      case "RSASSA-PKCS1-v1_5": {
        const key = await importKey(spki, { name: scheme.kind, hash: scheme.hash }, crypto);
        return await crypto.subtle.verify(scheme.kind, key, view(signature), view(data));
      }
      case "RSA-PSS": {
        const key = await importKey(spki, { name: "RSA-PSS", hash: scheme.hash }, crypto);
        return await crypto.subtle.verify({ name: "RSA-PSS", saltLength: scheme.saltLength }, key, view(signature), view(data));
      }
      case "ECDSA": {
        const spkiSeq = readTlv(spki, 0);
        const algSeq = children(spki, spkiSeq)[0]!;
        const curveOid = children(spki, algSeq)[1];
        const curve = curveOid && curveOid.tag === TAG.OID ? CURVES[oidToString(spki, curveOid)] : undefined;
        if (!curve) return false;
        const key = await importKey(spki, { name: "ECDSA", namedCurve: curve.name }, crypto);
        return await crypto.subtle.verify({ name: "ECDSA", hash: scheme.hash }, key, view(ecdsaDerToRaw(signature, curve.size)), view(data));
      }
      case "Ed25519": {
        const key = await importKey(spki, { name: "Ed25519" }, crypto);
        return await crypto.subtle.verify("Ed25519", key, view(signature), view(data));
      }
      case "DSA": {
        const key = createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" });
        return nodeVerify(scheme.hash.replace("-", "").toLowerCase(), data, key, signature);
      }
    }
  } catch {
    return false;
  }
}
