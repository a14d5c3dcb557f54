/**
 * The CRL model: a scanned CRL ({@link scanCrl}) plus its decoded CRL-level extensions and an O(1) serial index.
 * Entries stay in the scanner's flat arrays; {@link crlEntry} materialises one on demand.
 * @packageDocumentation
 */
import { PkiError } from "../errors";
import { derChildren, readDerTlv, tlvContent, tlvInteger, toHex } from "../asn1/der";
import { pemOrDer } from "../formats/pem";
import { CrlIndex } from "./crl-index";
import { scanCrl, type CrlScan, type RawExtension } from "./crl-stream";
import { bitFlags, canonicalName, nameToString, parseDistributionPointName, parseGeneralNames, type DistributionPointName, type GeneralName } from "./names";
import { parseDistributionPoints, type DistributionPoint } from "./cert-info";

/** CRLReason names by code (RFC 5280 §5.3.1). */
export const CRL_REASONS: Record<number, string> = {
  0: "unspecified", 1: "keyCompromise", 2: "cACompromise", 3: "affiliationChanged", 4: "superseded",
  5: "cessationOfOperation", 6: "certificateHold", 8: "removeFromCRL", 9: "privilegeWithdrawn", 10: "aACompromise",
};

/** Every ReasonFlags bit (keyCompromise … aACompromise) set. */
export const ALL_REASONS = 0x1fe;

/** The issuingDistributionPoint extension. */
export interface IssuingDistributionPoint {
  distributionPoint?: DistributionPointName;
  onlyContainsUserCerts: boolean;
  onlyContainsCACerts: boolean;
  /** ReasonFlags mask; absent = all reasons. */
  onlySomeReasons?: number;
  indirectCRL: boolean;
  onlyContainsAttributeCerts: boolean;
}

/** One revoked-certificate entry. */
export interface CrlEntry {
  serialHex: string;
  revocationDate: Date;
  /** CRLReason code, absent when the entry has none. */
  reasonCode?: number;
  reason?: string;
  /** The issuer of the revoked certificate for indirect CRLs (carried over from earlier entries). */
  certificateIssuer?: GeneralName[];
  invalidityDate?: Date;
}

/** A parsed CRL. */
export interface Crl extends CrlScan {
  issuerCanonical: string;
  /** Readable issuer DN. */
  issuer: string;
  crlNumber?: bigint;
  /** Set for delta CRLs: the base CRL number. */
  deltaCrlIndicator?: bigint;
  issuingDistributionPoint?: IssuingDistributionPoint;
  authorityKeyId?: Uint8Array;
  /** Where delta CRLs for this CRL are published. */
  freshestCrl?: DistributionPoint[];
  /** OID of an unrecognised critical CRL extension. */
  unknownCriticalExtension?: string;
  index: CrlIndex;
  /** Sorted entry indexes at which a certificateIssuer extension changes the entry issuer. */
  issuerChanges: number[];
}

const KNOWN_CRL_EXTENSIONS = new Set(["2.5.29.20", "2.5.29.27", "2.5.29.28", "2.5.29.35", "2.5.29.46", "2.5.29.60"]);

function parseIdp(v: Uint8Array): IssuingDistributionPoint {
  const idp: IssuingDistributionPoint = { onlyContainsUserCerts: false, onlyContainsCACerts: false, indirectCRL: false, onlyContainsAttributeCerts: false };
  for (const f of derChildren(v, readDerTlv(v, 0))) {
    const flag = v[f.contentStart] !== 0;
    if (f.tag === 0xa0) idp.distributionPoint = parseDistributionPointName(v, f);
    else if (f.tag === 0x81) idp.onlyContainsUserCerts = flag;
    else if (f.tag === 0x82) idp.onlyContainsCACerts = flag;
    else if (f.tag === 0x83) idp.onlySomeReasons = bitFlags(v, f);
    else if (f.tag === 0x84) idp.indirectCRL = flag;
    else if (f.tag === 0x85) idp.onlyContainsAttributeCerts = flag;
  }
  return idp;
}

function applyExtension(crl: Crl, ext: RawExtension): void {
  const v = ext.value;
  switch (ext.oid) {
    case "2.5.29.20": crl.crlNumber = tlvInteger(v, readDerTlv(v, 0)); break;
    case "2.5.29.27": crl.deltaCrlIndicator = tlvInteger(v, readDerTlv(v, 0)); break;
    case "2.5.29.28": crl.issuingDistributionPoint = parseIdp(v); break;
    case "2.5.29.46": crl.freshestCrl = parseDistributionPoints(v); break;
    case "2.5.29.35": {
      const kid = derChildren(v, readDerTlv(v, 0)).find((f) => f.tag === 0x80);
      if (kid) crl.authorityKeyId = tlvContent(v, kid);
      break;
    }
  }
  if (ext.critical && !KNOWN_CRL_EXTENSIONS.has(ext.oid)) crl.unknownCriticalExtension = ext.oid;
}

/**
 * Parses a CRL (DER or PEM). Throws `PkiError("ERR_CRL_MALFORMED")` with a precise message on broken input.
 */
export function parseCrl(input: Uint8Array): Crl {
  const der = pemOrDer(input, "X509 CRL");
  const scan = scanCrl(der);
  try {
    const issuerChanges: number[] = [];
    for (const [i, e] of scan.extras) if (e.certificateIssuer) issuerChanges.push(i);
    issuerChanges.sort((a, b) => a - b);
    const crl: Crl = {
      ...scan,
      issuerCanonical: canonicalName(scan.issuerRaw),
      issuer: nameToString(scan.issuerRaw),
      index: new CrlIndex(scan),
      issuerChanges,
    };
    for (const ext of scan.extensions) applyExtension(crl, ext);
    return crl;
  } catch (error) {
    throw new PkiError("ERR_CRL_MALFORMED", `CRL extensions could not be read: ${(error as Error).message}`);
  }
}

/** The certificateIssuer (DER GeneralNames) in force for entry `i`, or null = the CRL issuer. */
export function entryIssuerDer(crl: Crl, i: number): Uint8Array | null {
  let lo = 0;
  let hi = crl.issuerChanges.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (crl.issuerChanges[mid]! <= i) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? null : crl.extras.get(crl.issuerChanges[found]!)!.certificateIssuer!;
}

/** Materialises entry `i` of a CRL. */
export function crlEntry(crl: Crl, i: number): CrlEntry {
  const serial = readDerTlv(crl.der, crl.serialOffsets[i]!);
  const entry: CrlEntry = { serialHex: toHex(tlvContent(crl.der, serial)), revocationDate: new Date(crl.revocationTimes[i]!) };
  const code = crl.reasons[i]!;
  if (code >= 0) {
    entry.reasonCode = code;
    entry.reason = CRL_REASONS[code] ?? `reason ${code}`;
  }
  const issuer = entryIssuerDer(crl, i);
  if (issuer) entry.certificateIssuer = parseGeneralNames(issuer, readDerTlv(issuer, 0));
  const inv = crl.extras.get(i)?.invalidityDate;
  if (inv !== undefined) entry.invalidityDate = new Date(inv);
  return entry;
}

/** Every entry, materialised (for display of small CRLs). */
export function* crlEntries(crl: Crl): Generator<CrlEntry> {
  for (let i = 0; i < crl.serialKeys.length; i++) yield crlEntry(crl, i);
}
