/**
 * PKCS#12 export (the EMC "Export Exchange Certificate" wizard).
 *
 * - `aes256` (default): PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC for both the key and the
 *   certificates, MAC HMAC-SHA-256 — what OpenSSL 3 writes by default; Windows 10 1709+/Server 2019.
 * - `tripleDesSha1` ("compatible"): pbeWithSHAAnd3-KeyTripleDES-CBC for key and certificates and a
 *   SHA-1 MAC — what Windows Server 2008–2016 and Exchange 2010–2016 can import.
 *
 * The leaf's certificate and key bags carry the friendly name and a localKeyId (SHA-1 of the
 * certificate, as OpenSSL writes it) so importers pair them.
 * @packageDocumentation
 */
import { createHash, createHmac } from "node:crypto";
import { TAG } from "../asn1/der";
import { derAlgorithm, derBmpString, derContext, derInteger, derNull, derOctetString, derOid, derSequence, derSet, derTlv } from "../asn1/der-writer";
import { PkiError } from "../errors";
import { pbes2Encrypt, pkcs12TripleDesEncrypt, type PbeEncrypted } from "./pbe";
import { bmpPassword, KDF_ID, MAX_PBE_ITERATIONS, pkcs12Kdf } from "./kdf";
import { privateKeyMatchesCertificate } from "../crypto/private-key";

/** Encryption profile of an exported file. */
export type Pkcs12Encryption = "aes256" | "tripleDesSha1";

/** What to export. */
export interface Pkcs12ExportOptions {
  /** The certificate, DER. */
  certificate: Uint8Array;
  /** Its private key, PKCS#8 DER. */
  privateKey: Uint8Array;
  /** Further certificates (intermediates, root), DER, included after the leaf. */
  chain?: readonly Uint8Array[];
  password: string;
  /** Friendly name stored on the certificate and key bags. */
  friendlyName?: string;
  /** Default `aes256`. */
  encryption?: Pkcs12Encryption;
  /** PBKDF2 / PKCS#12 KDF iterations; default 2048 (OpenSSL and Windows default). */
  iterations?: number;
}

const OID = {
  data: "1.2.840.113549.1.7.1",
  encryptedData: "1.2.840.113549.1.7.6",
  shroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  friendlyName: "1.2.840.113549.1.9.20",
  localKeyId: "1.2.840.113549.1.9.21",
  sha1: "1.3.14.3.2.26",
  sha256: "2.16.840.1.101.3.4.2.1",
};

function attributes(friendlyName: string | undefined, localKeyId: Uint8Array | undefined): Uint8Array[] {
  const attrs: Uint8Array[] = [];
  if (friendlyName !== undefined) attrs.push(derSequence(derOid(OID.friendlyName), derSet(derBmpString(friendlyName))));
  if (localKeyId) attrs.push(derSequence(derOid(OID.localKeyId), derSet(derOctetString(localKeyId))));
  return attrs.length > 0 ? [derSet(...attrs)] : [];
}

/**
 * Builds a password-protected PKCS#12 file. Throws `ERR_KEY_MISMATCH` when the key is not the
 * certificate's, `ERR_PFX_EXPORT_OPTIONS` for bad options.
 */
export function exportPkcs12(options: Pkcs12ExportOptions, crypto: Crypto = globalThis.crypto): Uint8Array {
  const iterations = options.iterations ?? 2048;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_PBE_ITERATIONS) throw new PkiError("ERR_PFX_EXPORT_OPTIONS", `The iteration count ${iterations} is out of range.`);
  const encryption = options.encryption ?? "aes256";
  if (encryption !== "aes256" && encryption !== "tripleDesSha1") throw new PkiError("ERR_PFX_EXPORT_OPTIONS", `Unknown encryption "${String(encryption)}"; use aes256 or tripleDesSha1.`);
  if (options.friendlyName !== undefined && options.friendlyName.length >= 64) throw new PkiError("ERR_FRIENDLY_NAME_INVALID", "The friendly name must be fewer than 64 characters.");
  if (!privateKeyMatchesCertificate(options.privateKey, options.certificate)) {
    throw new PkiError("ERR_KEY_MISMATCH", "The private key does not belong to the certificate.");
  }
  const encrypt = (data: Uint8Array): PbeEncrypted =>
    encryption === "aes256" ? pbes2Encrypt(data, options.password, iterations, crypto) : pkcs12TripleDesEncrypt(data, options.password, iterations, crypto);

  const localKeyId = new Uint8Array(createHash("sha1").update(options.certificate).digest());
  const certBag = (der: Uint8Array, attrs: Uint8Array[]) =>
    derSequence(derOid(OID.certBag), derContext(0, derSequence(derOid(OID.x509Certificate), derContext(0, derOctetString(der)))), ...attrs);
  const certContents = derSequence(certBag(options.certificate, attributes(options.friendlyName, localKeyId)), ...(options.chain ?? []).map((c) => certBag(c, [])));
  const encryptedCerts = encrypt(certContents);
  const certsInfo = derSequence(
    derOid(OID.encryptedData),
    derContext(0, derSequence(derInteger(0), derSequence(derOid(OID.data), encryptedCerts.algorithm, derTlv(0x80, encryptedCerts.ciphertext)))),
  );

  const encryptedKey = encrypt(options.privateKey);
  const keyBag = derSequence(derOid(OID.shroudedKeyBag), derContext(0, derSequence(encryptedKey.algorithm, derOctetString(encryptedKey.ciphertext))), ...attributes(options.friendlyName, localKeyId));
  const keyInfo = derSequence(derOid(OID.data), derContext(0, derOctetString(derSequence(keyBag))));

  const authSafe = derSequence(certsInfo, keyInfo);
  const macHash = encryption === "aes256" ? { oid: OID.sha256, name: "sha256", u: 32 } : { oid: OID.sha1, name: "sha1", u: 20 };
  const salt = crypto.getRandomValues(new Uint8Array(encryption === "aes256" ? 16 : 8));
  const macKey = pkcs12Kdf(macHash.oid, bmpPassword(options.password), salt, KDF_ID.MAC, iterations, macHash.u);
  const mac = new Uint8Array(createHmac(macHash.name, macKey).update(authSafe).digest());
  const macData = derSequence(derSequence(derAlgorithm(macHash.oid, derNull()), derOctetString(mac)), derOctetString(salt), derInteger(iterations));
  return derSequence(derInteger(3), derSequence(derOid(OID.data), derContext(0, derTlv(TAG.OCTET_STRING, authSafe))), macData);
}
