/**
 * PKCS#7 / CMS SignedData "certs-only" bundles (.p7b/.p7c), as CAs return chains: the
 * certificates and CRLs are pulled out; signatures (usually absent) are not checked.
 * @packageDocumentation
 */
import { readTlv, TAG, tlvChildren, tlvOid } from "../asn1/der";
import { isPkiError, PkiError } from "../errors";

/** Certificates and CRLs carried by a PKCS#7 SignedData, as DER. */
export interface Pkcs7Contents {
  certificates: Uint8Array[];
  crls: Uint8Array[];
}

const SIGNED_DATA = "1.2.840.113549.1.7.2";

/** Reads a DER PKCS#7 ContentInfo(SignedData). Throws `ERR_PKCS7_MALFORMED`. */
export function readPkcs7(der: Uint8Array): Pkcs7Contents {
  try {
    const outer = readTlv(der);
    const [oidNode, explicit] = tlvChildren(der, outer);
    const oid = tlvOid(der, oidNode!);
    if (oid !== SIGNED_DATA) throw new PkiError("ERR_PKCS7_MALFORMED", `The PKCS#7 content type is ${oid}, not signedData.`);
    if (!explicit || explicit.tag !== 0xa0) throw new PkiError("ERR_PKCS7_MALFORMED", "The PKCS#7 SignedData content is missing.");
    const signedData = tlvChildren(der, explicit)[0];
    if (!signedData || signedData.tag !== TAG.SEQUENCE) throw new PkiError("ERR_PKCS7_MALFORMED", "The PKCS#7 SignedData is not a SEQUENCE.");
    const out: Pkcs7Contents = { certificates: [], crls: [] };
    for (const field of tlvChildren(der, signedData)) {
      if (field.tag === 0xa0) {
        for (const c of tlvChildren(der, field)) if (c.tag === TAG.SEQUENCE) out.certificates.push(der.slice(c.start, c.end));
      } else if (field.tag === 0xa1) {
        for (const c of tlvChildren(der, field)) if (c.tag === TAG.SEQUENCE) out.crls.push(der.slice(c.start, c.end));
      }
    }
    return out;
  } catch (error) {
    if (isPkiError(error, "ERR_PKCS7_MALFORMED")) throw error;
    throw new PkiError("ERR_PKCS7_MALFORMED", `The PKCS#7 file is malformed: ${(error as Error).message}`);
  }
}
