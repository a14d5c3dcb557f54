/**
 * The one public entry of chain building + path validation + revocation: `validateCertificate` tries every
 * candidate path, reports the best one with its problems by depth, and maps the outcome to an Exchange status.
 * @packageDocumentation
 */
import type { X509Certificate } from "@peculiar/x509";
import { buildCertificationPaths, type FetchedIssuer } from "./chain-builder";
import { statusOfProblems, EXCHANGE_STATUS_PRECEDENCE, type ExchangeStatus } from "./exchange-status";
import { pathCertificate } from "./path-certificate";
import { nodeSignatureVerifier, type SignatureVerifier } from "./path-signature";
import { validatePath, type CertificatePurpose } from "./path-validation";
import type { PkiFetcher } from "./ports";
import type { CertificateRevocationResult, RevocationChecker } from "./revocation-types";
import { ValidationProblemCode as Code, validationProblem, type ValidationProblem } from "./validation-problem";

/** Input of {@link validateCertificate}. */
export interface ValidateCertificateInput {
  leaf: X509Certificate;
  intermediates?: readonly X509Certificate[];
  trustAnchors: readonly X509Certificate[];
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
  /** The reported path, leaf first (ending at the trust anchor when one was reached). */
  chain: X509Certificate[];
  /** SHA-1 thumbprints of `chain`, upper-case hex. */
  chainThumbprints: string[];
  problems: ValidationProblem[];
  /** One result per non-anchor certificate of the chain, when a checker was given and a path was found. */
  revocation: CertificateRevocationResult[];
  /** The trust anchor the chain ends at, or null when none was reached. */
  trustAnchor: X509Certificate | null;
  /** True when the chain goes through a cross-certificate (another supplied certificate certifies the same subject and key under a different issuer). */
  viaCrossCertificate: boolean;
  /** Number of complete candidate paths that were tried. */
  pathsTried: number;
  /** AIA caIssuers retrievals made while building. */
  fetched: FetchedIssuer[];
}

const rankOf = (status: ExchangeStatus): number => EXCHANGE_STATUS_PRECEDENCE.length - EXCHANGE_STATUS_PRECEDENCE.indexOf(status);

function usesCrossCertificate(chain: readonly X509Certificate[], pool: readonly X509Certificate[]): boolean {
  const known = pool.map(pathCertificate);
  return chain.slice(1, -1).some((cert) => {
    const c = pathCertificate(cert);
    const spki = Buffer.from(c.spki).toString("hex");
    return known.some((k) => k.thumbprint !== c.thumbprint && k.subject.key === c.subject.key && k.issuer.key !== c.issuer.key && Buffer.from(k.spki).toString("hex") === spki);
  });
}

async function checkRevocation(chain: X509Certificate[], now: Date, checker: RevocationChecker): Promise<{ results: CertificateRevocationResult[]; problems: ValidationProblem[] }> {
  const results: CertificateRevocationResult[] = [];
  const problems: ValidationProblem[] = [];
  for (let depth = 0; depth < chain.length - 1; depth += 1) {
    const result = await checker.check({ certificate: chain[depth]!, issuer: chain[depth + 1]!, depth, path: chain, now });
    results.push(result);
    if (result.status === "revoked") problems.push(validationProblem(depth, Code.Revoked, result.message));
    else if (result.status === "unknown") problems.push(validationProblem(depth, Code.RevocationUnavailable, result.message));
  }
  return { results, problems };
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
    const chain = built.partial.length > 0 ? built.partial : [input.leaf];
    const top = pathCertificate(chain[chain.length - 1]!);
    const problems = [validationProblem(chain.length - 1, Code.NoPath, `No trust anchor was found for "${top.subjectText}" (issuer "${top.issuerText}"): the chain does not end at a trusted root.`)];
    return { status: "Untrusted", chain, chainThumbprints: chain.map((c) => pathCertificate(c).thumbprint), problems, revocation: [], trustAnchor: null, viaCrossCertificate: false, pathsTried: 0, fetched: built.fetched };
  }
  let best: { chain: X509Certificate[]; problems: ValidationProblem[]; status: ExchangeStatus } | null = null;
  for (const chain of built.paths) {
    const { problems } = validatePath(chain, options, verifier);
    const status = statusOfProblems(problems);
    if (!best || rankOf(status) > rankOf(best.status) || (status === best.status && problems.length < best.problems.length)) best = { chain, problems, status };
    if (status === "Valid") break;
  }
  const chosen = best!;
  let revocation: CertificateRevocationResult[] = [];
  if (input.revocation) {
    const checked = await checkRevocation(chosen.chain, input.now, input.revocation);
    revocation = checked.results;
    chosen.problems.push(...checked.problems);
  }
  const pool = [...(input.intermediates ?? []), ...input.trustAnchors];
  return {
    status: statusOfProblems(chosen.problems),
    chain: chosen.chain,
    chainThumbprints: chosen.chain.map((c) => pathCertificate(c).thumbprint),
    problems: chosen.problems.sort((a, b) => a.depth - b.depth),
    revocation,
    trustAnchor: chosen.chain[chosen.chain.length - 1] ?? null,
    viaCrossCertificate: usesCrossCertificate(chosen.chain, pool),
    pathsTried: built.paths.length,
    fetched: built.fetched,
  };
}
