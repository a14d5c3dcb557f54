/**
 * The facts about a certificate that revocation checking needs, read straight from its DER:
 * serial, issuer/subject names, key, key usage, CA flag, CRL distribution points, OCSP URLs, key identifiers.
 * @packageDocumentation
 */
import type { X509Certificate } from "@peculiar/x509";
import { PkiError } from "../errors";
import { derChildren, expectDerTlv, readDerTlv, TAG, type Tlv, tlvBytes, tlvContent, tlvOid, tlvTimeMs, toHex } from "../asn1/der";
import { bitFlags, canonicalName, parseDistributionPointName, parseGeneralNames, type DistributionPointName, type GeneralName } from "./names";
import { serialKey } from "./serial-key";

/** One entry of a cRLDistributionPoints (or freshestCRL) extension. */
export interface DistributionPoint {
  name?: DistributionPointName;
  /** ReasonFlags mask, absent = all reasons. */
  reasons?: number;
  cRLIssuer?: GeneralName[];
}

/** KeyUsage bit masks (named bit i → `1 << i`). */
export const KEY_USAGE = { digitalSignature: 1, keyCertSign: 1 << 5, cRLSign: 1 << 6 } as const;

/** Revocation-relevant facts of one certificate. */
export interface CertFacts {
  der: Uint8Array;
  /** Content bytes of the serial INTEGER. */
  serial: Uint8Array;
  serialHex: string;
  /** Look-up key for {@link CrlIndex}. */
  serialKey: string;
  issuerRaw: Uint8Array;
  issuerCanonical: string;
  subjectRaw: Uint8Array;
  subjectCanonical: string;
  /** DER SubjectPublicKeyInfo. */
  spki: Uint8Array;
  /** Content of the subjectPublicKey BIT STRING without the unused-bits byte. */
  publicKeyBits: Uint8Array;
  notBefore: number;
  notAfter: number;
  isCA: boolean;
  /** KeyUsage mask, or null when the extension is absent. */
  keyUsage: number | null;
  /** null when the certificate has no cRLDistributionPoints extension. */
  distributionPoints: DistributionPoint[] | null;
  freshestCrl: DistributionPoint[] | null;
  ocspUrls: string[];
  extKeyUsages: string[];
  ocspNoCheck: boolean;
  authorityKeyId: Uint8Array | null;
  subjectKeyId: Uint8Array | null;
  tbs: Uint8Array;
  signatureAlgorithm: Uint8Array;
  signature: Uint8Array;
}

/** Parses a DistributionPoints SEQUENCE (cRLDistributionPoints / freshestCRL extension value). */
export function parseDistributionPoints(buf: Uint8Array): DistributionPoint[] {
  return derChildren(buf, readDerTlv(buf, 0)).map((dp) => {
    const out: DistributionPoint = {};
    for (const f of derChildren(buf, dp)) {
      if (f.tag === 0xa0) out.name = parseDistributionPointName(buf, f);
      else if (f.tag === 0x81) out.reasons = bitFlags(buf, f);
      else if (f.tag === 0xa2) out.cRLIssuer = parseGeneralNames(buf, f);
    }
    return out;
  });
}

function applyExtension(facts: CertFacts, oid: string, v: Uint8Array): void {
  const top = (): Tlv => readDerTlv(v, 0);
  switch (oid) {
    case "2.5.29.19": {
      const f = derChildren(v, top());
      facts.isCA = f[0]?.tag === TAG.BOOLEAN && v[f[0].contentStart] !== 0;
      break;
    }
    case "2.5.29.15":
      facts.keyUsage = bitFlags(v, top());
      break;
    case "2.5.29.31":
      facts.distributionPoints = parseDistributionPoints(v);
      break;
    case "2.5.29.46":
      facts.freshestCrl = parseDistributionPoints(v);
      break;
    case "1.3.6.1.5.5.7.1.1":
      for (const ad of derChildren(v, top())) {
        const [method, location] = derChildren(v, ad);
        if (method && location?.tag === 0x86 && tlvOid(v, method) === "1.3.6.1.5.5.7.48.1") {
          facts.ocspUrls.push(new TextDecoder().decode(tlvContent(v, location)));
        }
      }
      break;
    case "2.5.29.37":
      facts.extKeyUsages = derChildren(v, top()).map((o) => tlvOid(v, o));
      break;
    case "1.3.6.1.5.5.7.48.1.5":
      facts.ocspNoCheck = true;
      break;
    case "2.5.29.35": {
      const kid = derChildren(v, top()).find((f) => f.tag === 0x80);
      if (kid) facts.authorityKeyId = tlvContent(v, kid);
      break;
    }
    case "2.5.29.14":
      facts.subjectKeyId = tlvContent(v, top());
      break;
  }
}

const cache = new WeakMap<object, CertFacts>();

/** Reads {@link CertFacts} from DER; throws `ERR_CERT_MALFORMED` on broken input. */
export function certFactsFromDer(der: Uint8Array): CertFacts {
  try {
    const cert = expectDerTlv(der, 0, TAG.SEQUENCE);
    const [tbsTlv, algTlv, sigTlv] = derChildren(der, cert);
    if (!tbsTlv || !algTlv || !sigTlv) throw new Error("certificate needs three parts");
    const f = derChildren(der, tbsTlv);
    let i = f[0]?.tag === 0xa0 ? 1 : 0;
    const serialTlv = f[i++]!;
    i++; // signature algorithm
    const issuer = f[i++]!;
    const validity = derChildren(der, f[i++]!);
    const subject = f[i++]!;
    const spki = f[i++]!;
    const spkiParts = derChildren(der, spki);
    const facts: CertFacts = {
      der,
      serial: tlvContent(der, serialTlv),
      serialHex: toHex(tlvContent(der, serialTlv)),
      serialKey: serialKey(der, serialTlv.contentStart, serialTlv.contentEnd),
      issuerRaw: tlvBytes(der, issuer),
      issuerCanonical: canonicalName(tlvBytes(der, issuer)),
      subjectRaw: tlvBytes(der, subject),
      subjectCanonical: canonicalName(tlvBytes(der, subject)),
      spki: tlvBytes(der, spki),
      publicKeyBits: der.subarray(spkiParts[1]!.contentStart + 1, spkiParts[1]!.end),
      notBefore: tlvTimeMs(der, validity[0]!),
      notAfter: tlvTimeMs(der, validity[1]!),
      isCA: false, keyUsage: null, distributionPoints: null, freshestCrl: null, ocspUrls: [], extKeyUsages: [],
      ocspNoCheck: false, authorityKeyId: null, subjectKeyId: null,
      tbs: tlvBytes(der, tbsTlv), signatureAlgorithm: tlvBytes(der, algTlv),
      signature: der.subarray(sigTlv.contentStart + 1, sigTlv.end),
    };
    const extTlv = f.slice(i).find((t) => t.tag === 0xa3);
    if (extTlv) {
      for (const ext of derChildren(der, readDerTlv(der, extTlv.contentStart, extTlv.contentEnd))) {
        const parts = derChildren(der, ext);
        const value = parts[parts.length - 1]!;
        applyExtension(facts, tlvOid(der, parts[0]!), tlvContent(der, value));
      }
    }
    return facts;
  } catch (error) {
    throw new PkiError("ERR_CERT_MALFORMED", `Certificate could not be read: ${(error as Error).message}`);
  }
}

/** {@link CertFacts} of an @peculiar/x509 certificate (memoised per object). */
export function certFacts(certificate: X509Certificate): CertFacts {
  let facts = cache.get(certificate);
  if (!facts) {
    facts = certFactsFromDer(new Uint8Array(certificate.rawData));
    cache.set(certificate, facts);
  }
  return facts;
}
