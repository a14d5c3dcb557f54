/**
 * PKCS#12 (.pfx/.p12) import, RFC 7292: every kind real files come in — AES-256/PBKDF2 (OpenSSL 3),
 * 3DES and RC2-40 (OpenSSL `-legacy`, Windows before 2019), with or without MAC, unencrypted bags,
 * friendly names, chains, Unicode and empty passwords, DER or BER (indefinite lengths).
 *
 * Written on the small DER reader rather than pkijs's `PFX` class because pkijs decrypts through
 * WebCrypto only (no 3DES, RC2 or PKCS#12 KDF) and its errors do not separate a wrong password
 * from a malformed file.
 * @packageDocumentation
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { readTlv, TAG, tlvChildren, tlvOid, tlvSmallInt, tlvString, tlvValue, toHex, type Tlv } from "../asn1/der";
import { findDerKind } from "../formats/detect-format";
import { isPkiError, PkiError } from "../errors";
import { describePbe, pbeDecrypt } from "./pbe";
import { bmpPasswordCandidates, inProcessKdf, KDF_ID, KdfBudget, PKCS12_HASHES, pkcs12KdfAsync, type KdfPort } from "./kdf";

/** Attributes a bag may carry. */
export interface Pkcs12BagAttributes {
  /** `friendlyName` (BMPString, trailing NULs removed). */
  friendlyName?: string;
  /** `localKeyId` as upper-case hex: pairs a key with its certificate. */
  localKeyId?: string;
}

/** Everything found in a PKCS#12 file. */
export interface Pkcs12Contents {
  certificates: (Pkcs12BagAttributes & { der: Uint8Array })[];
  /** Private keys as PKCS#8 PrivateKeyInfo DER (decrypted). */
  privateKeys: (Pkcs12BagAttributes & { pkcs8: Uint8Array })[];
  crls: { der: Uint8Array }[];
  /** The integrity MAC, or null when the file has none. */
  mac: { hash: string; iterations: number } | null;
  /** Encryption schemes met, e.g. `PBES2/PBKDF2 AES-256-CBC`, `pbeWithSHA1And40BitRC2-CBC`. */
  encryption: string[];
}

const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  envelopedData: "1.2.840.113549.1.7.3",
  encryptedData: "1.2.840.113549.1.7.6",
  keyBag: "1.2.840.113549.1.12.10.1.1",
  shroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
  crlBag: "1.2.840.113549.1.12.10.1.4",
  secretBag: "1.2.840.113549.1.12.10.1.5",
  safeContentsBag: "1.2.840.113549.1.12.10.1.6",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  x509Crl: "1.2.840.113549.1.9.23.1",
  friendlyName: "1.2.840.113549.1.9.20",
  localKeyId: "1.2.840.113549.1.9.21",
};

const malformed = (message: string) => new PkiError("ERR_PFX_MALFORMED", `The PKCS#12 file is malformed: ${message}`);
const badPassword = (why: string) => new PkiError("ERR_PFX_BAD_PASSWORD", `The password is incorrect for this PKCS#12 file (${why}).`);

/**
 * Opens a PKCS#12 file. `password` defaults to the empty password.
 * Throws `ERR_PFX_PASSWORD_MISSING` when the file needs a password and none was given, `ERR_PFX_BAD_PASSWORD`
 * for a wrong password, `ERR_PFX_MALFORMED` for a broken file, `ERR_DER_NESTING` for constructed (BER)
 * strings nested deeper than the reader allows, `ERR_PFX_UNSUPPORTED` for public-key
 * integrity/privacy modes or unknown ciphers, and `ERR_PFX_ITERATIONS` for a file asking for more than
 * {@link MAX_PBE_ITERATIONS} iterations in one derivation or {@link MAX_PFX_WORK} in all (checked before each
 * derivation runs). Every derivation runs through `kdf`: the server passes one that works off the event loop.
 */
export async function importPkcs12(bytes: Uint8Array, password = "", kdf: KdfPort = inProcessKdf, budget: KdfBudget = new KdfBudget()): Promise<Pkcs12Contents> {
  try {
    return await open(bytes, password, { kdf, budget });
  } catch (error) {
    if (isPkiError(error, "ERR_PFX_BAD_PASSWORD") && password === "") {
      throw new PkiError("ERR_PFX_PASSWORD_MISSING", "This PKCS#12 file is protected by a password: enter the password it was exported with.");
    }
    if (isPkiError(error) && (error.code.startsWith("ERR_PFX_") || error.code === "ERR_DER_NESTING")) throw error;
    if (isPkiError(error)) throw malformed(error.message);
    throw malformed(error instanceof Error ? error.message : String(error));
  }
}

interface Work {
  kdf: KdfPort;
  budget: KdfBudget;
}

async function open(bytes: Uint8Array, password: string, work: Work): Promise<Pkcs12Contents> {
  const outer = readTlv(bytes);
  if (outer.tag !== TAG.SEQUENCE) throw malformed("it does not start with a SEQUENCE");
  const [version, authSafe, macData] = tlvChildren(bytes, outer);
  if (!version || !authSafe) throw malformed("version or content is missing");
  if (tlvSmallInt(bytes, version, "the version") !== 3) throw malformed(`version ${tlvSmallInt(bytes, version)} is not 3`);
  const [ctype, wrapped] = tlvChildren(bytes, authSafe);
  const contentType = tlvOid(bytes, ctype!);
  if (contentType === OID.signedData) throw new PkiError("ERR_PFX_UNSUPPORTED", "PKCS#12 files protected by a public-key signature are not supported");
  if (contentType !== OID.data || !wrapped) throw malformed(`unexpected content type ${contentType}`);
  const authSafeBytes = tlvValue(bytes, tlvChildren(bytes, wrapped)[0]!);

  let candidates = bmpPasswordCandidates(password);
  let mac: Pkcs12Contents["mac"] = null;
  if (macData) {
    const { hash, iterations, matching } = await verifyMac(bytes, macData, authSafeBytes, candidates, work);
    mac = { hash, iterations };
    if (!matching) throw badPassword("the integrity check (MAC) did not match");
    candidates = [matching];
  }

  const contents: Pkcs12Contents = { certificates: [], privateKeys: [], crls: [], mac, encryption: [] };
  const seq = readTlv(authSafeBytes);
  for (const ci of tlvChildren(authSafeBytes, seq)) {
    const [oidNode, content] = tlvChildren(authSafeBytes, ci);
    const oid = tlvOid(authSafeBytes, oidNode!);
    if (!content) throw malformed("a ContentInfo has no content");
    const inner = tlvChildren(authSafeBytes, content)[0]!;
    if (oid === OID.data) {
      await readSafeContents(tlvValue(authSafeBytes, inner), password, candidates, contents, mac !== null, work);
    } else if (oid === OID.encryptedData) {
      const [, eci] = tlvChildren(authSafeBytes, inner);
      const [, alg, encrypted] = tlvChildren(authSafeBytes, eci!);
      if (!alg) throw malformed("EncryptedData has no algorithm");
      contents.encryption.push(describePbe(authSafeBytes, alg));
      if (!encrypted) continue; // detached content: nothing stored
      const plain = await decrypt(authSafeBytes, alg, tlvValue(authSafeBytes, encrypted), password, candidates, mac !== null, work);
      await readSafeContents(plain, password, candidates, contents, mac !== null, work);
    } else if (oid === OID.envelopedData) {
      throw new PkiError("ERR_PFX_UNSUPPORTED", "PKCS#12 files encrypted to a public key (envelopedData) are not supported");
    } else {
      throw malformed(`unknown AuthenticatedSafe content type ${oid}`);
    }
  }
  return contents;
}

async function verifyMac(bytes: Uint8Array, macData: Tlv, data: Uint8Array, candidates: Uint8Array[], work: Work) {
  const [digestInfo, saltNode, iterNode] = tlvChildren(bytes, macData);
  const [alg, digestNode] = tlvChildren(bytes, digestInfo!);
  const hashOid = tlvOid(bytes, tlvChildren(bytes, alg!)[0]!);
  const h = PKCS12_HASHES[hashOid];
  if (!h) throw new PkiError("ERR_PFX_UNSUPPORTED", `PKCS#12 MAC algorithm ${hashOid} is not supported`);
  const expected = tlvValue(bytes, digestNode!);
  const salt = tlvValue(bytes, saltNode!);
  const iterations = iterNode ? tlvSmallInt(bytes, iterNode, "the MAC iteration count") : 1;
  for (const bmp of candidates) {
    work.budget.spend(iterations, "the integrity MAC");
    const key = await pkcs12KdfAsync(hashOid, bmp, salt, KDF_ID.MAC, iterations, h.u, work.kdf);
    const actual = createHmac(h.name, key).update(data).digest();
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) return { hash: h.name, iterations, matching: bmp };
  }
  return { hash: h.name, iterations, matching: null };
}

async function decrypt(bytes: Uint8Array, alg: Tlv, data: Uint8Array, password: string, candidates: Uint8Array[], macChecked: boolean, work: Work): Promise<Uint8Array> {
  let last: unknown;
  for (const bmp of candidates) {
    try {
      const plain = await pbeDecrypt(bytes, alg, data, password, bmp, work.kdf, work.budget);
      readTlv(plain); // garbage from a wrong key rarely parses
      return plain;
    } catch (error) {
      if (isPkiError(error) && (error.code === "ERR_PFX_UNSUPPORTED" || error.code === "ERR_PFX_MALFORMED" || error.code === "ERR_PFX_ITERATIONS")) throw error;
      last = error;
    }
  }
  if (macChecked) throw malformed(`decryption failed although the MAC matched (${(last as Error).message})`);
  throw badPassword("decryption failed");
}

function readAttributes(bytes: Uint8Array, set: Tlv | undefined): Pkcs12BagAttributes {
  const out: Pkcs12BagAttributes = {};
  if (!set) return out;
  for (const attr of tlvChildren(bytes, set)) {
    const [oidNode, values] = tlvChildren(bytes, attr);
    const oid = tlvOid(bytes, oidNode!);
    const value = values ? tlvChildren(bytes, values)[0] : undefined;
    if (!value) continue;
    if (oid === OID.friendlyName) out.friendlyName = tlvString(bytes, value).replace(/\0+$/, "");
    else if (oid === OID.localKeyId) out.localKeyId = toHex(tlvValue(bytes, value));
  }
  return out;
}

async function readSafeContents(bytes: Uint8Array, password: string, candidates: Uint8Array[], out: Pkcs12Contents, macChecked: boolean, work: Work): Promise<void> {
  for (const bag of tlvChildren(bytes, readTlv(bytes))) {
    const [oidNode, valueWrap, attrs] = tlvChildren(bytes, bag);
    const bagId = tlvOid(bytes, oidNode!);
    const value = tlvChildren(bytes, valueWrap!)[0]!;
    const attributes = readAttributes(bytes, attrs);
    if (bagId === OID.keyBag) {
      out.privateKeys.push({ ...attributes, pkcs8: checkPkcs8(bytes.slice(value.start, value.end)) });
    } else if (bagId === OID.shroudedKeyBag) {
      const [alg, data] = tlvChildren(bytes, value);
      out.encryption.push(describePbe(bytes, alg!));
      const pkcs8 = await decrypt(bytes, alg!, tlvValue(bytes, data!), password, candidates, macChecked, work);
      out.privateKeys.push({ ...attributes, pkcs8: checkPkcs8(pkcs8) });
    } else if (bagId === OID.certBag || bagId === OID.crlBag) {
      const [typeNode, wrapped] = tlvChildren(bytes, value);
      const type = tlvOid(bytes, typeNode!);
      const der = tlvValue(bytes, tlvChildren(bytes, wrapped!)[0]!).slice();
      if (type === OID.x509Certificate) {
        if (findDerKind(der) !== "certificate") throw malformed("a certificate bag does not hold an X.509 certificate");
        out.certificates.push({ ...attributes, der });
      } else if (type === OID.x509Crl) out.crls.push({ der });
    } else if (bagId === OID.safeContentsBag) {
      await readSafeContents(bytes.slice(value.start, value.end), password, candidates, out, macChecked, work);
    }
    // secretBag and unknown bags carry nothing a certificate console can use: ignored.
  }
}

function checkPkcs8(der: Uint8Array): Uint8Array {
  if (findDerKind(der) !== "pkcs8") throw malformed("a key bag does not hold a PKCS#8 private key");
  return der;
}
