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
import { TAG, children, content, encoding, expectTlv, oidToString, readTlv, timeToMs, type Tlv } from "./der";
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
  if (tlv.end - tlv.contentStart !== oid.length) return false;
  for (let i = 0; i < oid.length; i++) if (buf[tlv.contentStart + i] !== oid[i]) return false;
  return true;
}

/** Reads an AlgorithmIdentifier element. */
export function readAlgorithm(buf: Uint8Array, tlv: Tlv): AlgorithmId {
  const oid = expectTlv(buf, tlv.contentStart, TAG.OID, tlv.end, "algorithm OID");
  return { oid: oidToString(buf, oid), der: encoding(buf, tlv) };
}

/** Reads an Extensions SEQUENCE. */
export function readExtensions(buf: Uint8Array, seq: Tlv): RawExtension[] {
  return children(buf, seq).map((ext) => {
    const parts = children(buf, ext);
    const critical = parts.length === 3 && parts[1]!.tag === TAG.BOOLEAN && buf[parts[1]!.contentStart] !== 0;
    const value = parts[parts.length - 1]!;
    if (value.tag !== TAG.OCTET_STRING) throw new Error("extension value is not an OCTET STRING");
    return { oid: oidToString(buf, parts[0]!), critical, value: content(buf, value) };
  });
}

function scanEntryExtensions(buf: Uint8Array, seq: Tlv, index: number, reasons: Int8Array, extras: Map<number, EntryExtras>): void {
  let p = seq.contentStart;
  while (p < seq.end) {
    const ext = readTlv(buf, p, seq.end);
    p = ext.end;
    const oid = readTlv(buf, ext.contentStart, ext.end);
    let q = oid.end;
    let critical = false;
    let v = readTlv(buf, q, ext.end);
    if (v.tag === TAG.BOOLEAN) {
      critical = buf[v.contentStart] !== 0;
      q = v.end;
      v = readTlv(buf, q, ext.end);
    }
    const inner = readTlv(buf, v.contentStart, v.end);
    if (oidIs(buf, oid, OID_REASON)) {
      reasons[index] = buf[inner.contentStart]!;
    } else if (oidIs(buf, oid, OID_INVALIDITY)) {
      extrasOf(extras, index).invalidityDate = timeToMs(buf, inner);
    } else if (oidIs(buf, oid, OID_CERT_ISSUER)) {
      extrasOf(extras, index).certificateIssuer = encoding(buf, inner);
    } else if (critical) {
      extrasOf(extras, index).unknownCritical = oidToString(buf, oid);
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
  const outer = expectTlv(der, 0, TAG.SEQUENCE, der.length, "CertificateList");
  const tbs = expectTlv(der, outer.contentStart, TAG.SEQUENCE, outer.end, "tbsCertList");
  let p = tbs.contentStart;
  let t = readTlv(der, p, tbs.end);
  let version = 1;
  if (t.tag === TAG.INTEGER) {
    version = der[t.contentStart]! + 1;
    p = t.end;
    t = readTlv(der, p, tbs.end);
  }
  if (t.tag !== TAG.SEQUENCE) throw new Error("missing signature AlgorithmIdentifier");
  const tbsSignatureAlgorithm = readAlgorithm(der, t);
  const issuer = expectTlv(der, t.end, TAG.SEQUENCE, tbs.end, "issuer Name");
  const thisUpdateTlv = readTlv(der, issuer.end, tbs.end);
  const thisUpdate = timeToMs(der, thisUpdateTlv);
  p = thisUpdateTlv.end;
  let nextUpdate: number | null = null;
  let revoked: Tlv | null = null;
  let extensions: RawExtension[] = [];
  while (p < tbs.end) {
    t = readTlv(der, p, tbs.end);
    if (t.tag === TAG.UTC_TIME || t.tag === TAG.GENERALIZED_TIME) nextUpdate = timeToMs(der, t);
    else if (t.tag === TAG.SEQUENCE) revoked = t;
    else if (t.tag === 0xa0) extensions = readExtensions(der, expectTlv(der, t.contentStart, TAG.SEQUENCE, t.end, "crlExtensions"));
    else throw new Error(`unexpected tag 0x${t.tag.toString(16)} in tbsCertList`);
    p = t.end;
  }
  // Count entries first (headers only) so the flat arrays are allocated once.
  let count = 0;
  if (revoked) for (let q = revoked.contentStart; q < revoked.end; count++) q = readTlv(der, q, revoked.end).end;
  const serialKeys: string[] = new Array<string>(count);
  const serialOffsets = new Uint32Array(count);
  const revocationTimes = new Float64Array(count);
  const reasons = new Int8Array(count).fill(-1);
  const extras = new Map<number, EntryExtras>();
  if (revoked) {
    let q = revoked.contentStart;
    for (let i = 0; i < count; i++) {
      const entry = readTlv(der, q, revoked.end);
      q = entry.end;
      const serial = readTlv(der, entry.contentStart, entry.end);
      if (serial.tag !== TAG.INTEGER) throw new Error(`entry ${i}: serial is not an INTEGER`);
      serialKeys[i] = serialKey(der, serial.contentStart, serial.end);
      serialOffsets[i] = serial.start;
      const date = readTlv(der, serial.end, entry.end);
      revocationTimes[i] = timeToMs(der, date);
      if (date.end < entry.end) {
        const exts = expectTlv(der, date.end, TAG.SEQUENCE, entry.end, "crlEntryExtensions");
        scanEntryExtensions(der, exts, i, reasons, extras);
      }
    }
  }
  const algTlv = expectTlv(der, tbs.end, TAG.SEQUENCE, outer.end, "signatureAlgorithm");
  const sigTlv = expectTlv(der, algTlv.end, TAG.BIT_STRING, outer.end, "signatureValue");
  return {
    der, tbsStart: tbs.start, tbsEnd: tbs.end, version, tbsSignatureAlgorithm,
    issuerRaw: encoding(der, issuer), thisUpdate, nextUpdate,
    serialKeys, serialOffsets, revocationTimes, reasons, extras, extensions,
    signatureAlgorithm: readAlgorithm(der, algTlv),
    signature: der.subarray(sigTlv.contentStart + 1, sigTlv.end),
  };
}
