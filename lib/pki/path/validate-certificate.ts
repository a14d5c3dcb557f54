/**
 * The one public entry of chain building + path validation + revocation: `validateCertificate` tries every
 * candidate path, reports the best one with its problems by depth, and maps the outcome to an Exchange status.
 * @packageDocumentation
 */
import type { X509Certificate } from "@peculiar/x509";
import { buildCertificationPaths, type FetchedIssuer } from "./chain-builder";
import { statusOfProblems, EXCHANGE_STATUS_PRECEDENCE, type ExchangeStatus } from "../exchange/status";
import { pathCertificate, type CertificateInput, type PathCertificate } from "../certificate/certificate";
import { nodeSignatureVerifier, type SignatureVerifier } from "../crypto/signature";
import { validatePath, type CertificatePurpose } from "./validation";
import type { PkiFetcher } from "../ports";
import type { CertificateRevocationResult, RevocationChecker } from "../revocation/types";
import { ValidationProblemCode as Code, validationProblem, type ValidationProblem } from "./validation-problem";

/** Input of {@link validateCertificate}. */
export interface ValidateCertificateInput {
  /** The certificate to validate (parsed, or DER). */
  leaf: CertificateInput;
  intermediates?: readonly CertificateInput[];
  trustAnchors: readonly CertificateInput[];
  now: Date;
  purpose: CertificatePurpose;
  /** DNS name or IP address the leaf must carry. */
  name?: string;
  /** Maximum number of certificates below the trust anchor (default 10). */
  maxDepth?: number;
  /** When given, every non-anchor certificate of the chosen path is checked for revocation. */
  revocation?: RevocationChecker;
  /** When given, missing issuers are fetched from AIA caIssuers URLs. */
  fetcher?: PkiFetcher;
}

/** Outcome of {@link validateCertificate}. */
export interface ValidationResult {
  status: ExchangeStatus;
  /** The reported path, leaf first (ending at the trust anchor when one was reached); objects are created on first access. */
  readonly chain: X509Certificate[];
  /** The same path in its parsed form. */
  path: PathCertificate[];
  /** SHA-1 thumbprints of `chain`, upper-case hex. */
  chainThumbprints: string[];
  problems: ValidationProblem[];
  /** One result per non-anchor certificate of the chain, when a checker was given and a path was found. */
  revocation: CertificateRevocationResult[];
  /** The trust anchor the chain ends at, or null when none was reached. */
  readonly trustAnchor: X509Certificate | null;
  /** True when the chain goes through a cross-certificate (another supplied certificate certifies the same subject and key under a different issuer). */
  viaCrossCertificate: boolean;
  /** Number of complete candidate paths that were tried. */
  pathsTried: number;
  /** AIA caIssuers retrievals made while building. */
  fetched: FetchedIssuer[];
}

const rankOf = (status: ExchangeStatus): number => EXCHANGE_STATUS_PRECEDENCE.length - EXCHANGE_STATUS_PRECEDENCE.indexOf(status);

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));

function usesCrossCertificate(chain: readonly PathCertificate[], pool: readonly CertificateInput[]): boolean {
  const middle = chain.slice(1, -1);
  if (middle.length === 0) return false;
  const known = pool.map((c) => pathCertificate(c));
  return middle.some((c) => known.some((k) => k.thumbprint !== c.thumbprint && k.subject.key === c.subject.key && k.issuer.key !== c.issuer.key && sameBytes(k.spki, c.spki)));
}

async function checkRevocation(path: PathCertificate[], now: Date, checker: RevocationChecker): Promise<{ results: CertificateRevocationResult[]; problems: ValidationProblem[] }> {
  const results: CertificateRevocationResult[] = [];
  const problems: ValidationProblem[] = [];
  const chain = path.map((c) => c.source);
  for (let depth = 0; depth < chain.length - 1; depth += 1) {
    const result = await checker.check({ certificate: chain[depth]!, issuer: chain[depth + 1]!, depth, path: chain, now });
    results.push(result);
    if (result.status === "revoked") problems.push(validationProblem(depth, Code.Revoked, result.message));
    else if (result.status === "unknown") problems.push(validationProblem(depth, Code.RevocationUnavailable, result.message));
  }
  return { results, problems };
}

type ResultFields = Omit<ValidationResult, "chain" | "chainThumbprints" | "trustAnchor"> & { anchored: boolean };

function result({ anchored, ...fields }: ResultFields): ValidationResult {
  let chain: X509Certificate[] | null = null;
  return {
    ...fields,
    chainThumbprints: fields.path.map((c) => c.thumbprint),
    get chain() {
      return (chain ??= fields.path.map((c) => c.source));
    },
    get trustAnchor() {
      return anchored ? (fields.path[fields.path.length - 1]?.source ?? null) : null;
    },
  };
}

/**
 * Builds every candidate path from `leaf` to a trust anchor, validates each (RFC 5280 §6), keeps the best,
 * asks the revocation checker about it, and returns the Exchange status with every problem by depth.
 * Precedence is that of {@link EXCHANGE_STATUS_PRECEDENCE}.
 */
export async function validateCertificate(input: ValidateCertificateInput, verifier: SignatureVerifier = nodeSignatureVerifier): Promise<ValidationResult> {
  const built = await buildCertificationPaths({
    leaf: input.leaf,
    intermediates: input.intermediates ?? [],
    trustAnchors: input.trustAnchors,
    now: input.now,
    ...(input.maxDepth !== undefined ? { maxDepth: input.maxDepth } : {}),
    ...(input.fetcher ? { fetcher: input.fetcher } : {}),
  });
  const options = { now: input.now, purpose: input.purpose, ...(input.name !== undefined ? { name: input.name } : {}) };
  if (built.paths.length === 0) {
    const path = built.partial.length > 0 ? built.partial : [pathCertificate(input.leaf)];
    const top = path[path.length - 1]!;
    const problems = [validationProblem(path.length - 1, Code.NoPath, `No trust anchor was found for "${top.subjectText}" (issuer "${top.issuerText}"): the chain does not end at a trusted root.`)];
    return result({ status: "Untrusted", path, problems, revocation: [], anchored: false, viaCrossCertificate: false, pathsTried: 0, fetched: built.fetched });
  }
  let best: { path: PathCertificate[]; problems: ValidationProblem[]; status: ExchangeStatus } | null = null;
  for (const path of built.paths) {
    const { problems } = validatePath(path, options, verifier);
    const status = statusOfProblems(problems);
    if (!best || rankOf(status) > rankOf(best.status) || (status === best.status && problems.length < best.problems.length)) best = { path, problems, status };
    if (status === "Valid") break;
  }
  const chosen = best!;
  let revocation: CertificateRevocationResult[] = [];
  if (input.revocation) {
    const checked = await checkRevocation(chosen.path, input.now, input.revocation);
    revocation = checked.results;
    chosen.problems.push(...checked.problems);
  }
  return result({
    status: statusOfProblems(chosen.problems),
    path: chosen.path,
    problems: chosen.problems.sort((a, b) => a.depth - b.depth),
    revocation,
    anchored: true,
    viaCrossCertificate: usesCrossCertificate(chosen.path, [...(input.intermediates ?? []), ...input.trustAnchors]),
    pathsTried: built.paths.length,
    fetched: built.fetched,
  });
}
