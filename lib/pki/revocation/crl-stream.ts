/**
 * A zero-tree DER scanner for CRLs of any size. It walks the CertificateList once, recording each entry's
 * serial (compact key), revocation time and reason into flat arrays, keeps only rare per-entry extras
 * (certificateIssuer, invalidityDate, unknown critical extensions) in a sparse map, and returns the byte
 * range of tbsCertList so the signature can be verified over the raw bytes.
 *
 * Every CRL takes this one path, small or huge: there is no second parser whose behaviour could drift,
 * and a 300,000-entry CRL costs about what OpenSSL's `d2i_X509_CRL` costs (see `bench/crl.bench.ts`).
 * @packageDocumentation
 */
import { PkiError } from "../errors";
import { derChildren, expectDerTlv, readDerTlv, TAG, type Tlv, tlvBytes, tlvContent, tlvOid, tlvTimeMs } from "../asn1/der";
import { serialKey } from "./serial-key";

/** An AlgorithmIdentifier: OID plus the DER of its parameters (if any). */
export interface AlgorithmId {
  oid: string;
  /** Whole AlgorithmIdentifier DER. */
  der: Uint8Array;
}

/** A raw extension. */
export interface RawExtension {
  oid: string;
  critical: boolean;
  /** Content of extnValue (the DER of the extension's value). */
  value: Uint8Array;
}

/** Rare per-entry data kept outside the flat arrays. */
export interface EntryExtras {
  /** DER of the certificateIssuer GeneralNames (indirect CRLs); applies to this and following entries. */
  certificateIssuer?: Uint8Array;
  invalidityDate?: number;
  /** OID of an unrecognised critical entry extension. */
  unknownCritical?: string;
}

/** The result of scanning one CRL. */
export interface CrlScan {
  der: Uint8Array;
  /** Byte range of tbsCertList (header included) inside `der`. */
  tbsStart: number;
  tbsEnd: number;
  version: number;
  tbsSignatureAlgorithm: AlgorithmId;
  issuerRaw: Uint8Array;
  thisUpdate: number;
  nextUpdate: number | null;
  /** One key per entry, in order (see {@link serialKey}). */
  serialKeys: string[];
  /** Byte offset of each entry's serial INTEGER content, for printing serials on demand. */
  serialOffsets: Uint32Array;
  revocationTimes: Float64Array;
  /** CRLReason code per entry; -1 when absent. */
  reasons: Int8Array;
  extras: Map<number, EntryExtras>;
  extensions: RawExtension[];
  signatureAlgorithm: AlgorithmId;
  /** Signature bytes (BIT STRING content without the unused-bits octet). */
  signature: Uint8Array;
}

const OID_REASON = [0x55, 0x1d, 0x15];
const OID_INVALIDITY = [0x55, 0x1d, 0x18];
const OID_CERT_ISSUER = [0x55, 0x1d, 0x1d];

function oidIs(buf: Uint8Array, tlv: Tlv, oid: number[]): boolean {
  if (tlv.contentEnd - tlv.contentStart !== oid.length) return false;
  for (let i = 0; i < oid.length; i++) if (buf[tlv.contentStart + i] !== oid[i]) return false;
  return true;
}

/** Reads an AlgorithmIdentifier element. */
export function readAlgorithm(buf: Uint8Array, tlv: Tlv): AlgorithmId {
  const oid = expectDerTlv(buf, tlv.contentStart, TAG.OID, tlv.contentEnd, "algorithm OID");
  return { oid: tlvOid(buf, oid), der: tlvBytes(buf, tlv) };
}

/** Reads an Extensions SEQUENCE. */
export function readExtensions(buf: Uint8Array, seq: Tlv): RawExtension[] {
  return derChildren(buf, seq).map((ext) => {
    const parts = derChildren(buf, ext);
    const critical = parts.length === 3 && parts[1]!.tag === TAG.BOOLEAN && buf[parts[1]!.contentStart] !== 0;
    const value = parts[parts.length - 1]!;
    if (value.tag !== TAG.OCTET_STRING) throw new Error("extension value is not an OCTET STRING");
    return { oid: tlvOid(buf, parts[0]!), critical, value: tlvContent(buf, value) };
  });
}

function scanEntryExtensions(buf: Uint8Array, seq: Tlv, index: number, reasons: Int8Array, extras: Map<number, EntryExtras>): void {
  let p = seq.contentStart;
  while (p < seq.contentEnd) {
    const ext = readDerTlv(buf, p, seq.contentEnd);
    p = ext.end;
    const oid = readDerTlv(buf, ext.contentStart, ext.contentEnd);
    let q = oid.end;
    let critical = false;
    let v = readDerTlv(buf, q, ext.contentEnd);
    if (v.tag === TAG.BOOLEAN) {
      critical = buf[v.contentStart] !== 0;
      q = v.end;
      v = readDerTlv(buf, q, ext.contentEnd);
    }
    const inner = readDerTlv(buf, v.contentStart, v.contentEnd);
    if (oidIs(buf, oid, OID_REASON)) {
      reasons[index] = buf[inner.contentStart]!;
    } else if (oidIs(buf, oid, OID_INVALIDITY)) {
      extrasOf(extras, index).invalidityDate = tlvTimeMs(buf, inner);
    } else if (oidIs(buf, oid, OID_CERT_ISSUER)) {
      extrasOf(extras, index).certificateIssuer = tlvBytes(buf, inner);
    } else if (critical) {
      extrasOf(extras, index).unknownCritical = tlvOid(buf, oid);
    }
  }
}

function extrasOf(map: Map<number, EntryExtras>, index: number): EntryExtras {
  let e = map.get(index);
  if (!e) map.set(index, (e = {}));
  return e;
}

/**
 * Scans a DER CRL. Throws `PkiError("ERR_CRL_MALFORMED")` with the byte offset on broken input.
 */
export function scanCrl(der: Uint8Array): CrlScan {
  try {
    return scan(der);
  } catch (error) {
    if (error instanceof PkiError && error.code === "ERR_CRL_MALFORMED") throw error;
    throw new PkiError("ERR_CRL_MALFORMED", `CRL is not valid DER: ${(error as Error).message}`);
  }
}

function scan(der: Uint8Array): CrlScan {
  const outer = expectDerTlv(der, 0, TAG.SEQUENCE, der.length, "CertificateList");
  const tbs = expectDerTlv(der, outer.contentStart, TAG.SEQUENCE, outer.contentEnd, "tbsCertList");
  let p = tbs.contentStart;
  let t = readDerTlv(der, p, tbs.contentEnd);
  let version = 1;
  if (t.tag === TAG.INTEGER) {
    version = der[t.contentStart]! + 1;
    p = t.end;
    t = readDerTlv(der, p, tbs.contentEnd);
  }
  if (t.tag !== TAG.SEQUENCE) throw new Error("missing signature AlgorithmIdentifier");
  const tbsSignatureAlgorithm = readAlgorithm(der, t);
  const issuer = expectDerTlv(der, t.end, TAG.SEQUENCE, tbs.contentEnd, "issuer Name");
  const thisUpdateTlv = readDerTlv(der, issuer.end, tbs.contentEnd);
  const thisUpdate = tlvTimeMs(der, thisUpdateTlv);
  p = thisUpdateTlv.end;
  let nextUpdate: number | null = null;
  let revoked: Tlv | null = null;
  let extensions: RawExtension[] = [];
  while (p < tbs.contentEnd) {
    t = readDerTlv(der, p, tbs.contentEnd);
    if (t.tag === TAG.UTC_TIME || t.tag === TAG.GENERALIZED_TIME) nextUpdate = tlvTimeMs(der, t);
    else if (t.tag === TAG.SEQUENCE) revoked = t;
    else if (t.tag === 0xa0) extensions = readExtensions(der, expectDerTlv(der, t.contentStart, TAG.SEQUENCE, t.contentEnd, "crlExtensions"));
    else throw new Error(`unexpected tag 0x${t.tag.toString(16)} in tbsCertList`);
    p = t.end;
  }
  // Count entries first (headers only) so the flat arrays are allocated once.
  let count = 0;
  if (revoked) for (let q = revoked.contentStart; q < revoked.contentEnd; count++) q = readDerTlv(der, q, revoked.contentEnd).end;
  const serialKeys: string[] = new Array<string>(count);
  const serialOffsets = new Uint32Array(count);
  const revocationTimes = new Float64Array(count);
  const reasons = new Int8Array(count).fill(-1);
  const extras = new Map<number, EntryExtras>();
  if (revoked) {
    let q = revoked.contentStart;
    for (let i = 0; i < count; i++) {
      const entry = readDerTlv(der, q, revoked.contentEnd);
      q = entry.end;
      const serial = readDerTlv(der, entry.contentStart, entry.contentEnd);
      if (serial.tag !== TAG.INTEGER) throw new Error(`entry ${i}: serial is not an INTEGER`);
      serialKeys[i] = serialKey(der, serial.contentStart, serial.contentEnd);
      serialOffsets[i] = serial.start;
      const date = readDerTlv(der, serial.end, entry.contentEnd);
      revocationTimes[i] = tlvTimeMs(der, date);
      if (date.end < entry.contentEnd) {
        const exts = expectDerTlv(der, date.end, TAG.SEQUENCE, entry.contentEnd, "crlEntryExtensions");
        scanEntryExtensions(der, exts, i, reasons, extras);
      }
    }
  }
  const algTlv = expectDerTlv(der, tbs.end, TAG.SEQUENCE, outer.contentEnd, "signatureAlgorithm");
  const sigTlv = expectDerTlv(der, algTlv.end, TAG.BIT_STRING, outer.contentEnd, "signatureValue");
  return {
    der, tbsStart: tbs.start, tbsEnd: tbs.end, version, tbsSignatureAlgorithm,
    issuerRaw: tlvBytes(der, issuer), thisUpdate, nextUpdate,
    serialKeys, serialOffsets, revocationTimes, reasons, extras, extensions,
    signatureAlgorithm: readAlgorithm(der, algTlv),
    signature: der.subarray(sigTlv.contentStart + 1, sigTlv.contentEnd),
  };
}
