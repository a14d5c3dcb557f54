/**
 * Format detection from the bytes alone (never the file name): PEM, or DER recognised by its
 * ASN.1 shape — X.509 certificate, CRL, PKCS#10 request, PKCS#7 SignedData, PKCS#12 PFX,
 * PKCS#8 private key (plain or encrypted).
 * @packageDocumentation
 */
import { readTlv, TAG, tlvChildren, tlvOid, type Tlv } from "../asn1/der";
import { looksLikePem } from "./pem";

/** Kinds of DER structure lib/pki recognises. */
export type DerKind = "certificate" | "crl" | "pkcs10" | "pkcs7" | "pkcs12" | "pkcs8" | "encrypted-pkcs8" | "rsa-private-key" | "ec-private-key";

/** What {@link detectFormat} found. */
export type DetectedFormat = { encoding: "pem" } | { encoding: "base64"; kind: DerKind } | { encoding: "der"; kind: DerKind } | { encoding: "unknown" };

const OID_SIGNED_DATA = "1.2.840.113549.1.7.2";
const OID_DATA = "1.2.840.113549.1.7.1";
const isTime = (t: Tlv | undefined) => t !== undefined && (t.tag === TAG.UTC_TIME || t.tag === TAG.GENERALIZED_TIME);

/**
 * Classifies one DER element by its shape; returns null when it is none of the known kinds.
 * Never throws: malformed DER is simply not recognised.
 */
export function findDerKind(bytes: Uint8Array): DerKind | null {
  try {
    return sniff(bytes);
  } catch {
    return null;
  }
}

function sniff(bytes: Uint8Array): DerKind | null {
  const outer = readTlv(bytes);
  if (outer.tag !== TAG.SEQUENCE) return null;
  const top = tlvChildren(bytes, outer);
  const [a, b, c] = top;
  if (!a) return null;
  // PKCS#12: SEQUENCE { INTEGER 3, ContentInfo(data), MacData? }
  if (a.tag === TAG.INTEGER && b?.tag === TAG.SEQUENCE && top.length <= 3) {
    const ci = tlvChildren(bytes, b);
    if (ci[0]?.tag === TAG.OID && ci[1]?.tag === 0xa0 && bytes[a.contentStart] === 3 && a.contentEnd - a.contentStart === 1) {
      const oid = tlvOid(bytes, ci[0]);
      if (oid === OID_DATA || oid === OID_SIGNED_DATA) return "pkcs12";
    }
  }
  // PKCS#7 ContentInfo: SEQUENCE { OID signedData, [0] EXPLICIT SignedData }
  if (a.tag === TAG.OID && tlvOid(bytes, a) === OID_SIGNED_DATA) return "pkcs7";
  // Signed structures: SEQUENCE { SEQUENCE tbs, AlgorithmIdentifier, BIT STRING }
  if (a.tag === TAG.SEQUENCE && b?.tag === TAG.SEQUENCE && c?.tag === TAG.BIT_STRING && top.length === 3) {
    const tbs = tlvChildren(bytes, a);
    let i = 0;
    if (tbs[0]?.tag === 0xa0) i = 1; // certificate v2/v3 version
    const [t0, t1, t2, t3] = [tbs[i], tbs[i + 1], tbs[i + 2], tbs[i + 3]];
    if (i === 1 && t0?.tag === TAG.INTEGER) return "certificate";
    if (t0?.tag === TAG.INTEGER && t1?.tag === TAG.SEQUENCE && t2?.tag === TAG.SEQUENCE && t3?.tag === TAG.SEQUENCE) {
      // v1 certificate (serial, sigAlg, issuer, validity, subject, spki) vs PKCS#10 (0, subject, spki, [0] attrs)
      if (tbs.length >= 6 && isTime(tlvChildren(bytes, t3)[0])) return "certificate";
    }
    if (t0?.tag === TAG.INTEGER && t1?.tag === TAG.SEQUENCE && t2?.tag === TAG.SEQUENCE && t3?.tag === 0xa0) return "pkcs10";
    // CRL: (version)? sigAlg, issuer, thisUpdate
    const j = tbs[0]?.tag === TAG.INTEGER ? 1 : 0;
    if (tbs[j]?.tag === TAG.SEQUENCE && tbs[j + 1]?.tag === TAG.SEQUENCE && isTime(tbs[j + 2])) return "crl";
    return null;
  }
  // PKCS#8 PrivateKeyInfo: SEQUENCE { INTEGER 0|1, AlgorithmIdentifier, OCTET STRING, … }
  if (a.tag === TAG.INTEGER && b?.tag === TAG.SEQUENCE && c?.tag === TAG.OCTET_STRING) return "pkcs8";
  // EncryptedPrivateKeyInfo: SEQUENCE { AlgorithmIdentifier, OCTET STRING }
  if (a.tag === TAG.SEQUENCE && b?.tag === TAG.OCTET_STRING && top.length === 2) {
    const alg = tlvChildren(bytes, a)[0];
    if (alg?.tag === TAG.OID && tlvOid(bytes, alg).startsWith("1.2.840.113549.1.")) return "encrypted-pkcs8";
  }
  // PKCS#1 RSAPrivateKey: nine INTEGERs; SEC 1 ECPrivateKey: INTEGER 1, OCTET STRING, [0]?, [1]?
  if (top.length >= 9 && top.every((t) => t.tag === TAG.INTEGER)) return "rsa-private-key";
  if (a.tag === TAG.INTEGER && b?.tag === TAG.OCTET_STRING && (c === undefined || c.tag === 0xa0 || c.tag === 0xa1)) return "ec-private-key";
  return null;
}

/**
 * Detects the encoding and, for DER or bare Base64, the kind of structure.
 * PEM files may hold several blocks of different kinds; read them with `readBundle`.
 */
export function detectFormat(bytes: Uint8Array): DetectedFormat {
  if (looksLikePem(bytes)) return { encoding: "pem" };
  const der = findDerKind(bytes);
  if (der) return { encoding: "der", kind: der };
  if (bytes.length > 0 && bytes.length < 64 * 1024 * 1024) {
    const text = new TextDecoder("latin1").decode(bytes).replace(/\s+/g, "");
    if (text.length >= 16 && /^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
      const kind = findDerKind(new Uint8Array(Buffer.from(text, "base64")));
      if (kind) return { encoding: "base64", kind };
    }
  }
  return { encoding: "unknown" };
}
