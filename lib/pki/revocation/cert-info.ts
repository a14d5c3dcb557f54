/**
 * The facts about a certificate that revocation checking needs, read straight from its DER:
 * serial, issuer/subject names, key, key usage, CA flag, CRL distribution points, OCSP URLs, key identifiers.
 * @packageDocumentation
 */
import type { X509Certificate } from "@peculiar/x509";
import { PkiError } from "../errors";
import { TAG, children, content, encoding, expectTlv, oidToString, readTlv, timeToMs, toHex, type Tlv } from "./der";
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
  return children(buf, readTlv(buf, 0)).map((dp) => {
    const out: DistributionPoint = {};
    for (const f of children(buf, dp)) {
      if (f.tag === 0xa0) out.name = parseDistributionPointName(buf, f);
      else if (f.tag === 0x81) out.reasons = bitFlags(buf, f);
      else if (f.tag === 0xa2) out.cRLIssuer = parseGeneralNames(buf, f);
    }
    return out;
  });
}

function applyExtension(facts: CertFacts, oid: string, v: Uint8Array): void {
  const top = (): Tlv => readTlv(v, 0);
  switch (oid) {
    case "2.5.29.19": {
      const f = children(v, top());
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
      for (const ad of children(v, top())) {
        const [method, location] = children(v, ad);
        if (method && location?.tag === 0x86 && oidToString(v, method) === "1.3.6.1.5.5.7.48.1") {
          facts.ocspUrls.push(new TextDecoder().decode(content(v, location)));
        }
      }
      break;
    case "2.5.29.37":
      facts.extKeyUsages = children(v, top()).map((o) => oidToString(v, o));
      break;
    case "1.3.6.1.5.5.7.48.1.5":
      facts.ocspNoCheck = true;
      break;
    case "2.5.29.35": {
      const kid = children(v, top()).find((f) => f.tag === 0x80);
      if (kid) facts.authorityKeyId = content(v, kid);
      break;
    }
    case "2.5.29.14":
      facts.subjectKeyId = content(v, top());
      break;
  }
}

const cache = new WeakMap<object, CertFacts>();

/** Reads {@link CertFacts} from DER; throws `ERR_CERT_MALFORMED` on broken input. */
export function certFactsFromDer(der: Uint8Array): CertFacts {
  try {
    const cert = expectTlv(der, 0, TAG.SEQUENCE);
    const [tbsTlv, algTlv, sigTlv] = children(der, cert);
    if (!tbsTlv || !algTlv || !sigTlv) throw new Error("certificate needs three parts");
    const f = children(der, tbsTlv);
    let i = f[0]?.tag === 0xa0 ? 1 : 0;
    const serialTlv = f[i++]!;
    i++; // signature algorithm
    const issuer = f[i++]!;
    const validity = children(der, f[i++]!);
    const subject = f[i++]!;
    const spki = f[i++]!;
    const spkiParts = children(der, spki);
    const facts: CertFacts = {
      der,
      serial: content(der, serialTlv),
      serialHex: toHex(content(der, serialTlv)).toUpperCase(),
      serialKey: serialKey(der, serialTlv.contentStart, serialTlv.end),
      issuerRaw: encoding(der, issuer),
      issuerCanonical: canonicalName(encoding(der, issuer)),
      subjectRaw: encoding(der, subject),
      subjectCanonical: canonicalName(encoding(der, subject)),
      spki: encoding(der, spki),
      publicKeyBits: der.subarray(spkiParts[1]!.contentStart + 1, spkiParts[1]!.end),
      notBefore: timeToMs(der, validity[0]!),
      notAfter: timeToMs(der, validity[1]!),
      isCA: false, keyUsage: null, distributionPoints: null, freshestCrl: null, ocspUrls: [], extKeyUsages: [],
      ocspNoCheck: false, authorityKeyId: null, subjectKeyId: null,
      tbs: encoding(der, tbsTlv), signatureAlgorithm: encoding(der, algTlv),
      signature: der.subarray(sigTlv.contentStart + 1, sigTlv.end),
    };
    const extTlv = f.slice(i).find((t) => t.tag === 0xa3);
    if (extTlv) {
      for (const ext of children(der, readTlv(der, extTlv.contentStart, extTlv.end))) {
        const parts = children(der, ext);
        const value = parts[parts.length - 1]!;
        applyExtension(facts, oidToString(der, parts[0]!), content(der, value));
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
