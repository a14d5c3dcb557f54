/**
 * The PKCS#12 key derivation function (RFC 7292 appendix B.2) and password encodings.
 *
 * PKCS#12's own PBE schemes and its MAC derive keys from the password as a BMPString
 * (UTF-16 big-endian with a two-byte NUL terminator). PBES2/PBKDF2 instead uses the UTF-8 bytes.
 * The empty password is ambiguous in the wild: OpenSSL writes it either as the terminator alone
 * (`00 00`) or as no bytes at all (a NULL password), so readers try both.
 *
 * Synchronous node:crypto hashing is used because WebCrypto has no PKCS#12 KDF and one promise per
 * iteration (2,048–20,000 of them) would be needlessly slow.
 * @packageDocumentation
 */
import { createHash } from "node:crypto";
import { PkiError } from "../errors";

/** Hashes usable with the PKCS#12 KDF: node:crypto name, output and block sizes. */
export const PKCS12_HASHES: Record<string, { name: string; u: number; v: number }> = {
  "1.3.14.3.2.26": { name: "sha1", u: 20, v: 64 },
  "2.16.840.1.101.3.4.2.4": { name: "sha224", u: 28, v: 64 },
  "2.16.840.1.101.3.4.2.1": { name: "sha256", u: 32, v: 64 },
  "2.16.840.1.101.3.4.2.2": { name: "sha384", u: 48, v: 128 },
  "2.16.840.1.101.3.4.2.3": { name: "sha512", u: 64, v: 128 },
  "1.2.840.113549.2.5": { name: "md5", u: 16, v: 64 },
};

/**
 * Highest iteration count accepted when reading (PKCS#12 KDF and PBKDF2). Real files use 1–600,000;
 * the cap keeps a damaged or hostile file from stalling the server for minutes.
 */
export const MAX_PBE_ITERATIONS = 1_000_000;

/** Purpose byte of the KDF. */
export const KDF_ID = { KEY: 1, IV: 2, MAC: 3 } as const;

/** A password as a NUL-terminated BMPString (UTF-16BE; astral characters as surrogate pairs). */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    out[2 * i] = c >> 8;
    out[2 * i + 1] = c & 0xff;
  }
  return out;
}

/**
 * The BMPString encodings to try for `password`: one for a non-empty password; for the empty
 * password both `00 00` and the zero-length (NULL) form.
 */
export function bmpPasswordCandidates(password: string): Uint8Array[] {
  return password === "" ? [bmpPassword(""), new Uint8Array(0)] : [bmpPassword(password)];
}

/** Derives `n` bytes with the PKCS#12 KDF. */
export function pkcs12Kdf(hashOid: string, password: Uint8Array, salt: Uint8Array, id: number, iterations: number, n: number): Uint8Array {
  const h = PKCS12_HASHES[hashOid];
  if (!h) throw new PkiError("ERR_PFX_UNSUPPORTED", `PKCS#12 key derivation with hash ${hashOid} is not supported`);
  if (iterations < 1 || iterations > MAX_PBE_ITERATIONS) throw new PkiError("ERR_PFX_MALFORMED", `PKCS#12 iteration count ${iterations} is out of range (1–${MAX_PBE_ITERATIONS})`);
  const { u, v } = h;
  const D = new Uint8Array(v).fill(id);
  const fill = (src: Uint8Array) => {
    if (src.length === 0) return new Uint8Array(0);
    const out = new Uint8Array(v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length]!;
    return out;
  };
  const S = fill(salt);
  const P = fill(password);
  const I = new Uint8Array(S.length + P.length);
  I.set(S);
  I.set(P, S.length);
  const out = new Uint8Array(n);
  const c = Math.ceil(n / u);
  for (let i = 0; i < c; i++) {
    let A = createHash(h.name).update(D).update(I).digest();
    for (let r = 1; r < iterations; r++) A = createHash(h.name).update(A).digest();
    out.set(A.subarray(0, Math.min(u, n - i * u)), i * u);
    if (i === c - 1) break;
    const B = new Uint8Array(v);
    for (let k = 0; k < v; k++) B[k] = A[k % u]!;
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k]! + B[k]! + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return out;
}
