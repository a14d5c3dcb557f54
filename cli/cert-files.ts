// Reading certificate files for certctl verbs: PEM (several blocks), DER or PKCS#7, with clear errors.
// The same logic as `certctl verify` (cli/commands/verify.ts keeps its own private copy); shared here so later verbs need not copy it.
import { readFileSync } from "node:fs";
import { rootCertificates } from "node:tls";
import { parseIssuerAnswer } from "@/lib/pki/path/chain-builder";
import { PkiError } from "@/lib/pki/errors";
import type { PathCertificate } from "@/lib/pki/certificate/certificate";

/** The bytes of `file`; `ERR_INPUT_UNREADABLE` when it cannot be read. */
export function readInputFile(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (error) {
    throw new PkiError("ERR_INPUT_UNREADABLE", `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Every certificate in `file` (PEM, DER or PKCS#7); `ERR_CERT_MALFORMED` when there is none or it cannot be parsed. */
export function readCertificateFile(file: string): PathCertificate[] {
  const bytes = readInputFile(file);
  let certificates: PathCertificate[];
  try {
    certificates = parseIssuerAnswer(bytes);
  } catch (error) {
    throw new PkiError("ERR_CERT_MALFORMED", `${file} holds no readable certificate: ${(error as Error).message}`);
  }
  if (certificates.length === 0) throw new PkiError("ERR_CERT_MALFORMED", `${file} holds no certificate`);
  return certificates;
}

/** Node's bundled Mozilla root store as DER (parsing ~140 certificates up front would cost more than a validation; each is parsed when path building reaches it). */
export function bundledRootsDer(): Uint8Array[] {
  return rootCertificates.map((pem) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s+/g, ""), "base64")));
}
