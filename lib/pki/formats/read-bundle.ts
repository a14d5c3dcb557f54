/**
 * One entry point for "anything an admin drags in": PEM or DER certificates, PEM bundles,
 * PKCS#7 (.p7b/.p7c, DER and PEM), PKCS#12 (.pfx/.p12), PKCS#10 requests, CRLs and private keys
 * (PKCS#8, encrypted PKCS#8, PKCS#1, SEC 1). The format is detected from the bytes.
 *
 * Every failure is a {@link PkiError} with a stable code and a sentence a helpdesk can read.
 * @packageDocumentation
 */
import { summarizeCertificate } from "../certificate/summary";
import { readTlv } from "../asn1/der";
import { findDerKind, detectFormat, type DerKind } from "./detect-format";
import { isPkiError, PkiError } from "../errors";
import { decryptPkcs8 } from "../pkcs12/pbe";
import { parsePem, decodeBase64 } from "./pem";
import { importPkcs12, type Pkcs12Contents } from "../pkcs12/import";
import { readPkcs7 } from "./pkcs7";
import { canonicalSpki, describePrivateKey, publicKeyOfPrivateKey, toPkcs8, type KeyDescription } from "../crypto/private-key";
import { bmpPasswordCandidates, inProcessKdf, KdfBudget, type KdfPort } from "../pkcs12/kdf";

/** Default input cap: 10 MiB. */
export const DEFAULT_MAX_INPUT_BYTES = 10 * 1024 * 1024;

/** Options of {@link readBundle}. */
export interface ReadBundleOptions {
  /** Password of a PKCS#12 file or encrypted private key (default: the empty password). */
  password?: string;
  /** Refuse larger inputs with `ERR_INPUT_TOO_LARGE` (default {@link DEFAULT_MAX_INPUT_BYTES}). */
  maxBytes?: number;
  /** Runs the password-based key derivations (default {@link inProcessKdf}; the server's runs off the event loop). */
  kdf?: KdfPort;
}

/** The container the bytes were. */
export type BundleFormat = "pem" | "x509" | "pkcs7" | "pkcs12" | "pkcs10" | "crl" | "private-key";

/** A certificate found in the input. */
export interface BundleCertificate {
  der: Uint8Array;
  /** SHA-1 thumbprint, upper-case hex. */
  thumbprint: string;
  friendlyName?: string;
  localKeyId?: string;
}

/** A private key found in the input, as PKCS#8 DER. */
export interface BundlePrivateKey {
  pkcs8: Uint8Array;
  key: KeyDescription;
  friendlyName?: string;
  localKeyId?: string;
  /** Thumbprint of the certificate of this bundle whose public key matches, if any. */
  certificateThumbprint?: string;
}

/** What {@link readBundle} found. */
export interface Bundle {
  format: BundleFormat;
  encoding: "pem" | "der" | "base64";
  certificates: BundleCertificate[];
  privateKeys: BundlePrivateKey[];
  requests: { der: Uint8Array }[];
  crls: { der: Uint8Array }[];
  /** PKCS#12 only: the MAC and encryption schemes met. */
  protection?: { mac: Pkcs12Contents["mac"]; encryption: string[] };
}

const LABEL_KIND: Record<string, DerKind> = {
  "RSA PRIVATE KEY": "rsa-private-key",
  "EC PRIVATE KEY": "ec-private-key",
  "ENCRYPTED PRIVATE KEY": "encrypted-pkcs8",
  "PRIVATE KEY": "pkcs8",
};
const FORMAT_OF: Record<DerKind, BundleFormat> = {
  certificate: "x509",
  crl: "crl",
  pkcs10: "pkcs10",
  pkcs7: "pkcs7",
  pkcs12: "pkcs12",
  pkcs8: "private-key",
  "encrypted-pkcs8": "private-key",
  "rsa-private-key": "private-key",
  "ec-private-key": "private-key",
};

/**
 * Reads every certificate, private key, request and CRL in `bytes`.
 * Throws `ERR_INPUT_TOO_LARGE`, `ERR_INPUT_EMPTY`, `ERR_FORMAT_UNRECOGNIZED`, `ERR_PFX_PASSWORD_MISSING`, `ERR_PFX_BAD_PASSWORD`,
 * `ERR_PFX_MALFORMED`, `ERR_PFX_ITERATIONS`, `ERR_CERT_MALFORMED`, `ERR_PEM_MALFORMED`, … — never anything else.
 * Asynchronous because a PKCS#12 file or an encrypted key needs key derivations, which run through `options.kdf`
 * within one {@link KdfBudget} for the whole input.
 */
export async function readBundle(bytes: Uint8Array, options: ReadBundleOptions = {}): Promise<Bundle> {
  const max = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  if (bytes.length > max) throw new PkiError("ERR_INPUT_TOO_LARGE", `The file is ${bytes.length} bytes; the limit is ${max} bytes.`, { size: bytes.length, limit: max });
  if (bytes.length === 0) throw new PkiError("ERR_INPUT_EMPTY", "The file is empty.");
  try {
    return await read(bytes, options.password ?? "", { kdf: options.kdf ?? inProcessKdf, budget: new KdfBudget() });
  } catch (error) {
    if (isPkiError(error)) throw error;
    throw new PkiError("ERR_INPUT_MALFORMED", `The file could not be read: ${(error as Error).message}`);
  }
}

interface Work {
  kdf: KdfPort;
  budget: KdfBudget;
}

async function read(bytes: Uint8Array, password: string, work: Work): Promise<Bundle> {
  const detected = detectFormat(bytes);
  const bundle: Bundle = { format: "pem", encoding: "pem", certificates: [], privateKeys: [], requests: [], crls: [] };
  if (detected.encoding === "pem") {
    const blocks = parsePem(new TextDecoder("latin1").decode(bytes));
    for (const block of blocks) {
      const kind = LABEL_KIND[block.label] ?? findDerKind(block.der);
      if (!kind) {
        if (block.label === "PUBLIC KEY" || block.label === "X509 CRL" || block.label === "PARAMETERS" || block.label.endsWith("PARAMETERS")) {
          if (block.label === "X509 CRL") throw new PkiError("ERR_CRL_MALFORMED", "The PEM block X509 CRL does not hold a CRL.");
          continue;
        }
        throw new PkiError("ERR_FORMAT_UNRECOGNIZED", `The PEM block "${block.label}" holds nothing recognisable (damaged or truncated?).`);
      }
      if (block.headers["Proc-Type"]) throw new PkiError("ERR_KEY_UNSUPPORTED", "Legacy OpenSSL-encrypted PEM keys (Proc-Type: 4,ENCRYPTED) are not supported; convert with `openssl pkcs8 -topk8`.");
      await addDer(bundle, block.der, kind, password, work);
    }
    if (blocks.length === 0) throw new PkiError("ERR_FORMAT_UNRECOGNIZED", "The text contains no PEM block.");
    const only = blocks.length === 1 ? blocks[0]! : null;
    bundle.format = only ? FORMAT_OF[LABEL_KIND[only.label] ?? findDerKind(only.der) ?? "certificate"] : "pem";
  } else if (detected.encoding === "der" || detected.encoding === "base64") {
    const der = detected.encoding === "der" ? bytes : decodeBase64(new TextDecoder("latin1").decode(bytes));
    bundle.encoding = detected.encoding;
    bundle.format = FORMAT_OF[detected.kind];
    await addDer(bundle, der, detected.kind, password, work);
  } else {
    throw unrecognized(bytes);
  }
  pairKeys(bundle);
  return bundle;
}

function unrecognized(bytes: Uint8Array): PkiError {
  if (bytes[0] === 0x30) {
    let reason = "it starts like DER but its structure is not a certificate, CRL, request, PKCS#7, PKCS#12 or key";
    try {
      summarizeCertificate(bytes);
    } catch (error) {
      reason = `it starts like DER but is truncated or damaged (${(error as Error).message.replace(/^The certificate is malformed: /, "")})`;
    }
    return new PkiError("ERR_FORMAT_UNRECOGNIZED", `The file is not a recognised certificate format: ${reason}.`);
  }
  return new PkiError("ERR_FORMAT_UNRECOGNIZED", "The file is not a recognised certificate format (expected PEM, DER, PKCS#7, PKCS#12, PKCS#10 or a CRL).");
}

function addCertificate(bundle: Bundle, input: Uint8Array, attrs: { friendlyName?: string; localKeyId?: string } = {}): void {
  // Exactly the certificate: drops OpenSSL "TRUSTED CERTIFICATE" aux data or a stray trailing newline.
  const { thumbprint } = summarizeCertificate(input);
  const end = readTlv(input).end;
  const der = end === input.length ? input : input.slice(0, end);
  const existing = bundle.certificates.find((c) => c.thumbprint === thumbprint);
  if (existing) {
    existing.friendlyName ??= attrs.friendlyName;
    existing.localKeyId ??= attrs.localKeyId;
    return;
  }
  bundle.certificates.push({ der, thumbprint, ...definedOnly(attrs) });
}

function addKey(bundle: Bundle, pkcs8: Uint8Array, attrs: { friendlyName?: string; localKeyId?: string } = {}): void {
  bundle.privateKeys.push({ pkcs8, key: describePrivateKey(pkcs8), ...definedOnly(attrs) });
}

async function addDer(bundle: Bundle, der: Uint8Array, kind: DerKind, password: string, work: Work): Promise<void> {
  switch (kind) {
    case "certificate":
      return addCertificate(bundle, der);
    case "crl":
      bundle.crls.push({ der });
      return;
    case "pkcs10":
      bundle.requests.push({ der });
      return;
    case "pkcs7": {
      const p7 = readPkcs7(der);
      for (const c of p7.certificates) addCertificate(bundle, c);
      for (const c of p7.crls) bundle.crls.push({ der: c });
      return;
    }
    case "pkcs12": {
      const p12 = await importPkcs12(der, password, work.kdf, work.budget);
      for (const c of p12.certificates) addCertificate(bundle, c.der, c);
      for (const k of p12.privateKeys) addKey(bundle, k.pkcs8, k);
      for (const c of p12.crls) bundle.crls.push(c);
      bundle.protection = { mac: p12.mac, encryption: p12.encryption };
      return;
    }
    case "pkcs8":
      return addKey(bundle, der);
    case "encrypted-pkcs8":
      return addKey(bundle, await decryptKey(der, password, work));
    case "rsa-private-key":
      return addKey(bundle, toPkcs8(der, "pkcs1"));
    case "ec-private-key":
      return addKey(bundle, toPkcs8(der, "sec1"));
  }
}

async function decryptKey(der: Uint8Array, password: string, work: Work): Promise<Uint8Array> {
  let last: unknown;
  for (const bmp of bmpPasswordCandidates(password)) {
    try {
      const plain = await decryptPkcs8(der, password, bmp, work.kdf, work.budget);
      if (findDerKind(plain) === "pkcs8") return plain;
    } catch (error) {
      if (isPkiError(error) && error.code !== "ERR_DECRYPT_PADDING") throw error;
      last = error;
    }
  }
  void last;
  throw new PkiError("ERR_KEY_BAD_PASSWORD", password === "" ? "The private key is encrypted: a password is required." : "The password is incorrect for this encrypted private key.");
}

/** Links each key to the certificate with the same localKeyId or, failing that, the same public key. */
function pairKeys(bundle: Bundle): void {
  if (bundle.privateKeys.length === 0 || bundle.certificates.length === 0) return;
  const spkis = new Map<string, string>();
  for (const c of bundle.certificates) spkis.set(Buffer.from(canonicalSpki(summarizeCertificate(c.der).spki)).toString("hex"), c.thumbprint);
  for (const k of bundle.privateKeys) {
    const bySpki = spkis.get(Buffer.from(publicKeyOfPrivateKey(k.pkcs8)).toString("hex"));
    const byId = k.localKeyId ? bundle.certificates.find((c) => c.localKeyId === k.localKeyId)?.thumbprint : undefined;
    const match = bySpki ?? byId;
    if (match) k.certificateThumbprint = match;
  }
}

function definedOnly(o: { friendlyName?: string; localKeyId?: string }): { friendlyName?: string; localKeyId?: string } {
  const out: { friendlyName?: string; localKeyId?: string } = {};
  if (o.friendlyName !== undefined) out.friendlyName = o.friendlyName;
  if (o.localKeyId !== undefined) out.localKeyId = o.localKeyId;
  return out;
}
