/**
 * Password-based encryption as found in PKCS#12 and encrypted PKCS#8: the PKCS#12 PBE schemes
 * (3-key and 2-key 3DES, RC2-128/40, RC4 — RFC 7292 appendix C) and PBES2 with PBKDF2 and
 * AES-CBC / 3DES / RC2 (RFC 8018).
 *
 * node:crypto does the block ciphers it has (AES, 3DES) synchronously; WebCrypto lacks 3DES, RC2
 * and the PKCS#12 KDF, so it cannot serve here. RC2 comes from ./rc2 (see there why).
 * @packageDocumentation
 */
import { createCipheriv, createDecipheriv, pbkdf2Sync } from "node:crypto";
import { readTlv, TAG, tlvChildren, tlvOid, tlvSmallInt, tlvValue, type Tlv } from "../asn1/der";
import { derAlgorithm, derInteger, derNull, derOctetString, derSequence } from "../asn1/der-writer";
import { PkiError } from "../errors";
import { bmpPassword, inProcessKdf, KDF_ID, KdfBudget, pkcs12Kdf, pkcs12KdfAsync, type KdfPort } from "./kdf";
import { rc2CbcDecrypt } from "./rc2";

/** OIDs of the schemes handled here. */
export const PBE_OID = {
  SHA1_RC4_128: "1.2.840.113549.1.12.1.1",
  SHA1_RC4_40: "1.2.840.113549.1.12.1.2",
  SHA1_3DES: "1.2.840.113549.1.12.1.3",
  SHA1_2DES: "1.2.840.113549.1.12.1.4",
  SHA1_RC2_128: "1.2.840.113549.1.12.1.5",
  SHA1_RC2_40: "1.2.840.113549.1.12.1.6",
  PBES2: "1.2.840.113549.1.5.13",
  PBKDF2: "1.2.840.113549.1.5.12",
} as const;

const PRF: Record<string, string> = {
  "1.2.840.113549.2.7": "sha1",
  "1.2.840.113549.2.8": "sha224",
  "1.2.840.113549.2.9": "sha256",
  "1.2.840.113549.2.10": "sha384",
  "1.2.840.113549.2.11": "sha512",
};
const CIPHERS: Record<string, { name: string; keyLength: number }> = {
  "2.16.840.1.101.3.4.1.2": { name: "aes-128-cbc", keyLength: 16 },
  "2.16.840.1.101.3.4.1.22": { name: "aes-192-cbc", keyLength: 24 },
  "2.16.840.1.101.3.4.1.42": { name: "aes-256-cbc", keyLength: 32 },
  "1.2.840.113549.3.7": { name: "des-ede3-cbc", keyLength: 24 },
  "1.2.840.113549.3.2": { name: "rc2-cbc", keyLength: 16 },
};
const PKCS12_PBE: Record<string, { cipher: string; keyLength: number; ivLength: number; bits?: number; label: string }> = {
  [PBE_OID.SHA1_3DES]: { cipher: "des-ede3-cbc", keyLength: 24, ivLength: 8, label: "pbeWithSHA1And3-KeyTripleDES-CBC" },
  [PBE_OID.SHA1_2DES]: { cipher: "des-ede-cbc", keyLength: 16, ivLength: 8, label: "pbeWithSHA1And2-KeyTripleDES-CBC" },
  [PBE_OID.SHA1_RC2_128]: { cipher: "rc2", keyLength: 16, ivLength: 8, bits: 128, label: "pbeWithSHA1And128BitRC2-CBC" },
  [PBE_OID.SHA1_RC2_40]: { cipher: "rc2", keyLength: 5, ivLength: 8, bits: 40, label: "pbeWithSHA1And40BitRC2-CBC" },
  [PBE_OID.SHA1_RC4_128]: { cipher: "rc4", keyLength: 16, ivLength: 0, label: "pbeWithSHA1And128BitRC4" },
  [PBE_OID.SHA1_RC4_40]: { cipher: "rc4", keyLength: 5, ivLength: 0, label: "pbeWithSHA1And40BitRC4" },
};

/** A human-readable name for the encryption scheme of an AlgorithmIdentifier (for `inspect`). */
export function describePbe(bytes: Uint8Array, alg: Tlv): string {
  const [oidNode, params] = tlvChildren(bytes, alg);
  const oid = tlvOid(bytes, oidNode!);
  if (PKCS12_PBE[oid]) return PKCS12_PBE[oid].label;
  if (oid === PBE_OID.PBES2 && params) {
    const [, enc] = tlvChildren(bytes, params);
    const encOid = enc ? tlvOid(bytes, tlvChildren(bytes, enc)[0]!) : "";
    return `PBES2/PBKDF2 ${CIPHERS[encOid]?.name.toUpperCase() ?? encOid}`;
  }
  return oid;
}

/**
 * Decrypts `data` under the scheme of the AlgorithmIdentifier `alg` (a node inside `bytes`).
 * `bmp` is the BMPString form of the password for PKCS#12 schemes (see `bmpPasswordCandidates`).
 * A wrong password surfaces as `ERR_DECRYPT_PADDING` for block ciphers. The key derivation runs through `kdf` and
 * is charged to `budget` first: over the caps it is refused with `ERR_PFX_ITERATIONS` before any work.
 */
export async function pbeDecrypt(
  bytes: Uint8Array,
  alg: Tlv,
  data: Uint8Array,
  password: string,
  bmp: Uint8Array = bmpPassword(password),
  kdf: KdfPort = inProcessKdf,
  budget: KdfBudget = new KdfBudget(),
): Promise<Uint8Array> {
  const [oidNode, params] = tlvChildren(bytes, alg);
  const oid = tlvOid(bytes, oidNode!);
  const scheme = PKCS12_PBE[oid];
  if (scheme) {
    if (!params) throw new PkiError("ERR_PFX_MALFORMED", "PKCS#12 PBE parameters are missing");
    const [saltNode, iterNode] = tlvChildren(bytes, params);
    const salt = tlvValue(bytes, saltNode!);
    const iterations = tlvSmallInt(bytes, iterNode!, "the iteration count");
    budget.spend(iterations, `${scheme.label} key`);
    if (scheme.ivLength) budget.spend(iterations, `${scheme.label} IV`);
    const key = await pkcs12KdfAsync("1.3.14.3.2.26", bmp, salt, KDF_ID.KEY, iterations, scheme.keyLength, kdf);
    const iv = scheme.ivLength ? await pkcs12KdfAsync("1.3.14.3.2.26", bmp, salt, KDF_ID.IV, iterations, scheme.ivLength, kdf) : new Uint8Array(0);
    if (scheme.cipher === "rc2") return rc2CbcDecrypt(key, scheme.bits!, iv, data);
    if (scheme.cipher === "rc4") return rc4(key, data);
    return nodeDecrypt(scheme.cipher, key, iv, data);
  }
  if (oid === PBE_OID.PBES2) {
    if (!params) throw new PkiError("ERR_PFX_MALFORMED", "PBES2 parameters are missing");
    const [kdfNode, enc] = tlvChildren(bytes, params);
    const [kdfOid, kdfParams] = tlvChildren(bytes, kdfNode!);
    if (tlvOid(bytes, kdfOid!) !== PBE_OID.PBKDF2) throw new PkiError("ERR_PFX_UNSUPPORTED", `PBES2 key derivation ${tlvOid(bytes, kdfOid!)} is not supported (only PBKDF2)`);
    const kp = tlvChildren(bytes, kdfParams!);
    const salt = tlvValue(bytes, kp[0]!);
    const iterations = tlvSmallInt(bytes, kp[1]!, "the PBKDF2 iteration count");
    budget.spend(iterations, "PBKDF2");
    let keyLength: number | undefined;
    let prf = "sha1";
    for (const extra of kp.slice(2)) {
      if (extra.tag === TAG.INTEGER) keyLength = tlvSmallInt(bytes, extra, "the PBKDF2 key length");
      else if (extra.tag === TAG.SEQUENCE) {
        const prfOid = tlvOid(bytes, tlvChildren(bytes, extra)[0]!);
        const name = PRF[prfOid];
        if (!name) throw new PkiError("ERR_PFX_UNSUPPORTED", `PBKDF2 PRF ${prfOid} is not supported`);
        prf = name;
      }
    }
    const [encOid, encParams] = tlvChildren(bytes, enc!);
    const cipherOid = tlvOid(bytes, encOid!);
    const cipher = CIPHERS[cipherOid];
    if (!cipher) throw new PkiError("ERR_PFX_UNSUPPORTED", `PBES2 cipher ${cipherOid} is not supported`);
    const pw = new TextEncoder().encode(password);
    if (cipher.name === "rc2-cbc") {
      const rp = tlvChildren(bytes, encParams!);
      const version = rp.length === 2 ? tlvSmallInt(bytes, rp[0]!) : 32;
      const bits = version === 160 ? 40 : version === 120 ? 64 : version === 58 ? 128 : version >= 256 ? version : 32;
      const key = await kdf.pbkdf2(pw, salt, iterations, keyLength ?? Math.ceil(bits / 8), prf);
      return rc2CbcDecrypt(key, bits, tlvValue(bytes, rp[rp.length - 1]!), data);
    }
    const key = await kdf.pbkdf2(pw, salt, iterations, keyLength ?? cipher.keyLength, prf);
    return nodeDecrypt(cipher.name, key, tlvValue(bytes, encParams!), data);
  }
  throw new PkiError("ERR_PFX_UNSUPPORTED", `encryption scheme ${oid} is not supported (PKCS#5 v1 DES/MD5 schemes are obsolete)`);
}

function nodeDecrypt(cipher: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  let decipher;
  try {
    decipher = createDecipheriv(cipher, key, iv);
  } catch (error) {
    throw new PkiError("ERR_PFX_MALFORMED", `cannot set up ${cipher}: ${(error as Error).message}`);
  }
  try {
    return new Uint8Array(Buffer.concat([decipher.update(data), decipher.final()]));
  } catch {
    throw new PkiError("ERR_DECRYPT_PADDING", `${cipher} decryption produced invalid padding`);
  }
}

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const S = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + S[i]! + key[i % key.length]!) & 0xff;
    [S[i], S[j]] = [S[j]!, S[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + S[i]!) & 0xff;
    [S[i], S[j]] = [S[j]!, S[i]!];
    out[n] = data[n]! ^ S[(S[i]! + S[j]!) & 0xff]!;
  }
  return out;
}

/** Result of an encryption: the AlgorithmIdentifier to store and the ciphertext. */
export interface PbeEncrypted {
  algorithm: Uint8Array;
  ciphertext: Uint8Array;
}

/** PBES2: PBKDF2-HMAC-SHA256 + AES-256-CBC (the OpenSSL 3 default), password as UTF-8. */
export function pbes2Encrypt(data: Uint8Array, password: string, iterations: number, crypto: Crypto = globalThis.crypto): PbeEncrypted {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const key = pbkdf2Sync(new TextEncoder().encode(password), salt, iterations, 32, "sha256");
  const c = createCipheriv("aes-256-cbc", key, iv);
  const ciphertext = new Uint8Array(Buffer.concat([c.update(data), c.final()]));
  const kdf = derAlgorithm(PBE_OID.PBKDF2, derSequence(derOctetString(salt), derInteger(iterations), derAlgorithm("1.2.840.113549.2.9", derNull())));
  const algorithm = derAlgorithm(PBE_OID.PBES2, derSequence(kdf, derAlgorithm("2.16.840.1.101.3.4.1.42", derOctetString(iv))));
  return { algorithm, ciphertext };
}

/** pbeWithSHAAnd3-KeyTripleDES-CBC (RFC 7292), for older Windows and Exchange. */
export function pkcs12TripleDesEncrypt(data: Uint8Array, password: string, iterations: number, crypto: Crypto = globalThis.crypto): PbeEncrypted {
  const salt = crypto.getRandomValues(new Uint8Array(8));
  const bmp = bmpPassword(password);
  const key = pkcs12Kdf("1.3.14.3.2.26", bmp, salt, KDF_ID.KEY, iterations, 24);
  const iv = pkcs12Kdf("1.3.14.3.2.26", bmp, salt, KDF_ID.IV, iterations, 8);
  const c = createCipheriv("des-ede3-cbc", key, iv);
  const ciphertext = new Uint8Array(Buffer.concat([c.update(data), c.final()]));
  return { algorithm: derAlgorithm(PBE_OID.SHA1_3DES, derSequence(derOctetString(salt), derInteger(iterations))), ciphertext };
}

/** Decrypts an EncryptedPrivateKeyInfo (DER) to PKCS#8 PrivateKeyInfo DER, with the derivation through `kdf` (see {@link pbeDecrypt}). */
export async function decryptPkcs8(der: Uint8Array, password: string, bmp?: Uint8Array, kdf: KdfPort = inProcessKdf, budget: KdfBudget = new KdfBudget()): Promise<Uint8Array> {
  const outer = readTlv(der);
  const [alg, data] = tlvChildren(der, outer);
  if (!alg || !data || data.tag !== TAG.OCTET_STRING) throw new PkiError("ERR_KEY_MALFORMED", "EncryptedPrivateKeyInfo is malformed");
  return pbeDecrypt(der, alg, tlvValue(der, data), password, bmp, kdf, budget);
}
