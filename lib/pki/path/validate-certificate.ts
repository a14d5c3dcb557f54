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
import type { PolicyInputs } from "./policies";
import { validatePath, type CertificatePurpose } from "./validation";
import type { PkiFetcher } from "../ports";
import type { CertificateRevocationResult, RevocationChecker } from "../revocation/types";
import { ValidationProblemCode as Code, validationProblem, type ValidationProblem } from "./validation-problem";
import { webPkiFindings, type ValidationProfile } from "./webpki-profile";

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
  /** RFC 5280 §6.1.1 policy inputs (default: any policy, no flags). */
  policy?: PolicyInputs;
  /** `webpki` adds the Web PKI findings ({@link webPkiFindings}) as problems; default `rfc5280`. */
  profile?: ValidationProfile;
  /**
   * Maximum number of certificates below the trust anchor, the leaf included (default 10). `certctl verify
   * --max-depth N` counts intermediates, as OpenSSL's `-verify_depth N` does, and passes N + 1.
   */
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
  /** User-constrained policy set of the reported path (dotted OIDs, anyPolicy = 2.5.29.32.0); empty without a path. */
  validPolicies: string[];
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

/** Higher is better: `Valid` ranks highest, `Revoked` lowest. */
const rankOf = (status: ExchangeStatus): number => EXCHANGE_STATUS_PRECEDENCE.indexOf(status);

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
  // The parsed certificates themselves: their X509Certificate (`source`) is built only if something asks for it.
  for (let depth = 0; depth < path.length - 1; depth += 1) {
    const result = await checker.check({ certificate: path[depth]!, issuer: path[depth + 1]!, depth, path, now });
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
    verifier,
  });
  const budgetProblem = (depth: number): ValidationProblem =>
    validationProblem(depth, Code.PathBudget, `Path building stopped after using its budget of ${built.budgetExhausted === "expansions" ? "candidate paths" : "signature checks"}; the certificates supplied offer too many alternatives to explore.`);
  const options = { now: input.now, purpose: input.purpose, ...(input.name !== undefined ? { name: input.name } : {}), ...(input.policy ? { policy: input.policy } : {}) };
  if (built.paths.length === 0) {
    const path = built.partial.length > 0 ? built.partial : [pathCertificate(input.leaf)];
    const top = path[path.length - 1]!;
    const problems = [
      built.depthLimited
        ? validationProblem(path.length - 1, Code.MaxDepth, `No trust anchor was reached for "${top.subjectText}" within the maximum path length of ${path.length} certificates below the anchor.`)
        : validationProblem(path.length - 1, Code.NoPath, `No trust anchor was found for "${top.subjectText}" (issuer "${top.issuerText}"): the chain does not end at a trusted root.`),
    ];
    if (built.budgetExhausted) problems.push(budgetProblem(path.length - 1));
    return result({ status: statusOfProblems(problems), path, problems, validPolicies: [], revocation: [], anchored: false, viaCrossCertificate: false, pathsTried: 0, fetched: built.fetched });
  }
  let best: { path: PathCertificate[]; problems: ValidationProblem[]; status: ExchangeStatus; validPolicies: string[] } | null = null;
  for (const path of built.paths) {
    const { problems, validPolicies } = validatePath(path, options, verifier);
    if (input.profile === "webpki")
      problems.push(...webPkiFindings(path, { purpose: input.purpose, anchored: true }).map((f) => validationProblem(f.depth, f.code, `${f.message} [${f.rule}]`)));
    const status = statusOfProblems(problems);
    if (!best || rankOf(status) > rankOf(best.status) || (status === best.status && problems.length < best.problems.length)) best = { path, problems, status, validPolicies };
    if (status === "Valid") break;
  }
  const chosen = best!;
  if (built.budgetExhausted && chosen.status !== "Valid") chosen.problems.push(budgetProblem(0));
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
    validPolicies: chosen.validPolicies,
    revocation,
    anchored: true,
    viaCrossCertificate: usesCrossCertificate(chosen.path, [...(input.intermediates ?? []), ...input.trustAnchors]),
    pathsTried: built.paths.length,
    fetched: built.fetched,
  });
}
