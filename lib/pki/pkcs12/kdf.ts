/**
 * The PKCS#12 key derivation function (RFC 7292 appendix B.2) and password encodings.
 *
 * PKCS#12's own PBE schemes and its MAC derive keys from the password as a BMPString
 * (UTF-16 big-endian with a two-byte NUL terminator). PBES2/PBKDF2 instead uses the UTF-8 bytes.
 * The empty password is ambiguous in the wild: OpenSSL writes it either as the terminator alone
 * (`00 00`) or as no bytes at all (a NULL password), so readers try both.
 *
 * WebCrypto has no PKCS#12 KDF, so node:crypto hashing is used. Reading a file runs its derivations through a
 * {@link KdfPort} (off the event loop on the server) and within caps: {@link MAX_PBE_ITERATIONS} per derivation and
 * {@link MAX_PFX_WORK} per file, refused with `ERR_PFX_ITERATIONS`.
 * @packageDocumentation
 */
import { createHash, pbkdf2 } from "node:crypto";
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
 * Highest iteration count accepted for one key derivation (PKCS#12 KDF or PBKDF2), when reading and when
 * exporting. Real files use 2,048 (OpenSSL 3 default, Windows) up to 600,000 (the highest any common tool writes);
 * above this cap a file is refused with `ERR_PFX_ITERATIONS` before any derivation runs.
 */
export const MAX_PBE_ITERATIONS = 600_000;

/**
 * Total iterations one file may cost, summed over every derivation it asks for (the MAC, and the key and the IV
 * of each encrypted bag, for each password form tried): 3,000,000 — exactly what a legacy 3DES file at the cap
 * needs (MAC + key and IV for the keys + key and IV for the certificates = 5 × 600,000). A file asking for more
 * (many bags at high counts) is refused with `ERR_PFX_ITERATIONS` at the derivation that would exceed it.
 */
export const MAX_PFX_WORK = 3_000_000;

/**
 * The slow primitives of password-based key derivation, as a port, so that the server can run them off the event
 * loop (lib/server/security/kdf-worker.ts: PBKDF2 on node:crypto's thread pool, the iterated hash in a worker
 * thread) while lib/pki stays free of threads. {@link inProcessKdf} is the default.
 */
export interface KdfPort {
  /** `H^iterations(input)`: `input` hashed, then the digest hashed again, `iterations` times in all (node:crypto hash name). */
  iteratedHash(hash: string, input: Uint8Array, iterations: number): Promise<Uint8Array>;
  /** PBKDF2 (RFC 8018) with an HMAC of `digest` (node:crypto hash name). */
  pbkdf2(password: Uint8Array, salt: Uint8Array, iterations: number, keyLength: number, digest: string): Promise<Uint8Array>;
}

/** `H^iterations(input)` on the calling thread (the one definition of the loop; the server's worker runs the same). */
export function iteratedHashSync(hash: string, input: Uint8Array, iterations: number): Uint8Array {
  let a: Uint8Array = createHash(hash).update(input).digest();
  for (let r = 1; r < iterations; r++) a = createHash(hash).update(a).digest();
  return new Uint8Array(a);
}

/**
 * The default {@link KdfPort}: PBKDF2 with node:crypto's asynchronous `pbkdf2` (its thread pool), the iterated
 * hash on the calling thread. Fine for the CLI and tests; the server passes its worker-backed port instead.
 */
export const inProcessKdf: KdfPort = {
  iteratedHash: async (hash, input, iterations) => iteratedHashSync(hash, input, iterations),
  pbkdf2: (password, salt, iterations, keyLength, digest) =>
    new Promise((resolve, reject) => pbkdf2(password, salt, iterations, keyLength, digest, (error, key) => (error ? reject(error) : resolve(new Uint8Array(key))))),
};

/**
 * Counts the iterations a file has cost so far against {@link MAX_PFX_WORK}, and checks each derivation against
 * {@link MAX_PBE_ITERATIONS} — before it runs. One budget per file read.
 */
export class KdfBudget {
  private spent = 0;
  constructor(readonly limit: number = MAX_PFX_WORK) {}

  /** Accounts for one derivation of `iterations`; throws `ERR_PFX_ITERATIONS` when over a cap. */
  spend(iterations: number, what: string): void {
    if (!Number.isInteger(iterations) || iterations < 1) throw new PkiError("ERR_PFX_MALFORMED", `The PKCS#12 file is malformed: ${what} iteration count ${iterations} is out of range`);
    if (iterations > MAX_PBE_ITERATIONS) {
      throw new PkiError(
        "ERR_PFX_ITERATIONS",
        `The file asks for ${iterations.toLocaleString("en-US")} key-derivation iterations (${what}); the console accepts at most ${MAX_PBE_ITERATIONS.toLocaleString("en-US")} (OpenSSL and Windows use 2,048–600,000). Export it again with a normal iteration count.`,
        { iterations, max: MAX_PBE_ITERATIONS },
      );
    }
    if (this.spent + iterations > this.limit) {
      throw new PkiError(
        "ERR_PFX_ITERATIONS",
        `The file asks for more than ${this.limit.toLocaleString("en-US")} key-derivation iterations in all (the MAC and every encrypted bag together); the console refuses files this costly to open.`,
        { total: this.spent + iterations, max: this.limit },
      );
    }
    this.spent += iterations;
  }
}

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

/**
 * The PKCS#12 KDF as steps: yields each iterated hash to compute (`H^iterations(D || I)`), receives its digest,
 * returns the `n` derived bytes. Driven synchronously by {@link pkcs12Kdf} and through a {@link KdfPort} by
 * {@link pkcs12KdfAsync}, so the algorithm is written once.
 */
function* pkcs12KdfSteps(hashOid: string, password: Uint8Array, salt: Uint8Array, id: number, iterations: number, n: number): Generator<{ hash: string; input: Uint8Array; iterations: number }, Uint8Array, Uint8Array> {
  const h = PKCS12_HASHES[hashOid];
  if (!h) throw new PkiError("ERR_PFX_UNSUPPORTED", `PKCS#12 key derivation with hash ${hashOid} is not supported`);
  if (!Number.isInteger(iterations) || iterations < 1) throw new PkiError("ERR_PFX_MALFORMED", `PKCS#12 iteration count ${iterations} is out of range`);
  if (iterations > MAX_PBE_ITERATIONS) new KdfBudget().spend(iterations, "PKCS#12 key derivation");
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
    const input = new Uint8Array(D.length + I.length);
    input.set(D);
    input.set(I, D.length);
    const A = yield { hash: h.name, input, iterations };
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

/** Derives `n` bytes with the PKCS#12 KDF (RFC 7292 B.2) on the calling thread; for export, at the console's own counts. */
export function pkcs12Kdf(hashOid: string, password: Uint8Array, salt: Uint8Array, id: number, iterations: number, n: number): Uint8Array {
  const steps = pkcs12KdfSteps(hashOid, password, salt, id, iterations, n);
  let step = steps.next();
  while (!step.done) step = steps.next(iteratedHashSync(step.value.hash, step.value.input, step.value.iterations));
  return step.value;
}

/** {@link pkcs12Kdf} with the iterated hashing done by `kdf` (off the event loop on the server). */
export async function pkcs12KdfAsync(hashOid: string, password: Uint8Array, salt: Uint8Array, id: number, iterations: number, n: number, kdf: KdfPort): Promise<Uint8Array> {
  const steps = pkcs12KdfSteps(hashOid, password, salt, id, iterations, n);
  let step = steps.next();
  while (!step.done) step = steps.next(await kdf.iteratedHash(step.value.hash, step.value.input, step.value.iterations));
  return step.value;
}
