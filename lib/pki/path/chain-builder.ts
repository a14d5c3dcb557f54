/**
 * Certification path building: from the leaf through supplied intermediates to a trust anchor, trying every
 * alternative (several issuers with the same subject, cross-certificates), preferring AKI/SKI matches and
 * currently valid issuers, with loop detection and a depth bound. Missing issuers can be fetched from the
 * AIA caIssuers URLs through an injected {@link PkiFetcher} (DER, PEM or PKCS#7 answers).
 *
 * The work is bounded whatever the input (a stranger's server chooses the chain in partner and endpoint probes):
 * at most {@link PATH_BUILDING_BUDGET}`.expansions` partial paths are extended and, when a signature verifier is
 * given, at most `.signatures` issuer signatures are checked to rank candidates (issuers whose signature verifies
 * are tried alone when there are any). When a budget runs out the search stops and says so.
 * @packageDocumentation
 */
import { pathCertificate, type CertificateInput, type PathCertificate } from "../certificate/certificate";
import { parsePem } from "../formats/pem";
import { readPkcs7 } from "../formats/pkcs7";
import type { SignatureVerifier } from "../crypto/signature";
import type { FetchRoute, PkiFetcher } from "../ports";

/** Default work limits of one build. */
export const PATH_BUILDING_BUDGET = { expansions: 1000, signatures: 500 } as const;

/** Options of {@link buildCertificationPaths}. */
export interface ChainBuildOptions {
  leaf: CertificateInput;
  intermediates?: readonly CertificateInput[];
  trustAnchors: readonly CertificateInput[];
  /** Maximum number of certificates below the trust anchor (default 10). */
  maxDepth?: number;
  /** Issuers valid at this time are tried first. */
  now?: Date;
  /** When given, missing issuers are fetched from AIA caIssuers URLs. */
  fetcher?: PkiFetcher;
  /** At most this many AIA fetches per build (default 4). */
  maxFetches?: number;
  /** At most this many complete paths are returned (default 16). */
  maxPaths?: number;
  /** When given, candidate issuers are ranked by whether they signed the certificate below them. */
  verifier?: SignatureVerifier;
  /** Work limits (default {@link PATH_BUILDING_BUDGET}). */
  budget?: { expansions: number; signatures: number };
}

/** One AIA caIssuers retrieval made while building. */
export interface FetchedIssuer {
  url: string;
  ok: boolean;
  /** Thumbprints of the certificates the answer held. */
  certificates: string[];
  errorCode?: string;
  error?: string;
  route?: FetchRoute;
  durationMs: number;
}

/** Result of {@link buildCertificationPaths}. */
export interface ChainBuildResult {
  /** Complete paths, leaf first and trust anchor last, best first. */
  paths: PathCertificate[][];
  /** The longest path found that does not reach a trust anchor (leaf first); used to explain `Untrusted`. */
  partial: PathCertificate[];
  /** Every AIA retrieval made. */
  fetched: FetchedIssuer[];
  /** Which budget ran out, when the search was cut short. */
  budgetExhausted?: "expansions" | "signatures";
  /** True when a partial path stopped at `maxDepth` one issuer short of a trust anchor's name. */
  depthLimited: boolean;
}

const identity = (cert: PathCertificate): string => `${cert.subject.key}|${Buffer.from(cert.spki).toString("hex")}`;

/**
 * Parses an AIA caIssuers answer (or a certificate file): DER certificate, PEM certificate(s), or a PKCS#7
 * certs-only bundle (DER or PEM), into the parsed certificate. Throws for anything else.
 */
export function parseIssuerAnswer(body: Uint8Array): PathCertificate[] {
  if (Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("latin1").includes("-----BEGIN")) {
    const blocks = parsePem(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("latin1"));
    const certificates = blocks.filter((b) => b.label === "CERTIFICATE");
    if (certificates.length > 0) return certificates.map((b) => pathCertificate(b.der));
    const p7 = blocks.find((b) => b.label === "PKCS7" || b.label === "CMS");
    if (p7) return readPkcs7(p7.der).certificates.map((der) => pathCertificate(der));
  }
  try {
    return [pathCertificate(Uint8Array.from(body))];
  } catch {
    return readPkcs7(body).certificates.map((der) => pathCertificate(der));
  }
}

/**
 * Builds candidate certification paths for `options.leaf`, best first. Never throws for missing issuers: an
 * empty `paths` means no trust anchor could be reached (Exchange's `Untrusted`).
 */
export async function buildCertificationPaths(options: ChainBuildOptions): Promise<ChainBuildResult> {
  const maxDepth = options.maxDepth ?? 10;
  const maxPaths = options.maxPaths ?? 16;
  let fetchesLeft = options.maxFetches ?? 4;
  const anchors = options.trustAnchors.map((c) => pathCertificate(c));
  const anchorIds = new Set(anchors.map(identity));
  const pool = new Map<string, PathCertificate>();
  for (const cert of (options.intermediates ?? []).map((c) => pathCertificate(c))) if (!pool.has(cert.thumbprint)) pool.set(cert.thumbprint, cert);
  const fetched: FetchedIssuer[] = [];
  const triedUrls = new Set<string>();
  const paths: PathCertificate[][] = [];
  let partial: PathCertificate[] = [];
  const budget = { ...(options.budget ?? PATH_BUILDING_BUDGET) };
  let budgetExhausted: ChainBuildResult["budgetExhausted"];
  let depthLimited = false;

  /** 1 = the candidate's key verifies the child's signature, -1 = it does not, 0 = not known. */
  const signatures = new Map<string, number>();
  const signedBy = (child: PathCertificate, candidate: PathCertificate): number => {
    if (!options.verifier) return 0;
    const key = `${child.thumbprint}|${candidate.thumbprint}`;
    let known = signatures.get(key);
    if (known === undefined) {
      if (budget.signatures <= 0) {
        budgetExhausted ??= "signatures";
        return 0;
      }
      budget.signatures -= 1;
      const check = options.verifier(child, candidate.spki);
      known = check.ok ? 1 : check.unsupported ? 0 : -1;
      signatures.set(key, known);
    }
    return known;
  };
  const rank = (child: PathCertificate, candidate: PathCertificate): number => {
    let score = 0;
    if (child.authorityKeyId && candidate.subjectKeyId) score += child.authorityKeyId === candidate.subjectKeyId ? 4 : -8;
    if (options.now && candidate.notBefore <= options.now && options.now <= candidate.notAfter) score += 2;
    return score;
  };
  const issuersOf = (child: PathCertificate): { anchors: PathCertificate[]; intermediates: PathCertificate[] } => {
    const sort = (list: PathCertificate[]): PathCertificate[] => {
      const named = list.filter((c) => c.subject.key === child.issuer.key);
      const verified = named.filter((c) => signedBy(child, c) === 1);
      return (verified.length > 0 ? verified : named).sort((a, b) => rank(child, b) - rank(child, a) || b.notBefore.getTime() - a.notBefore.getTime());
    };
    return { anchors: sort(anchors), intermediates: sort([...pool.values()]) };
  };

  const fetchIssuers = async (child: PathCertificate): Promise<boolean> => {
    if (!options.fetcher) return false;
    let added = false;
    for (const url of child.caIssuerUrls) {
      if (fetchesLeft <= 0 || triedUrls.has(url) || !/^(https?|ldap):/i.test(url)) continue;
      triedUrls.add(url);
      fetchesLeft -= 1;
      const outcome = await options.fetcher({ url, maxBytes: 1 << 20 });
      const record: FetchedIssuer = { url, ok: false, certificates: [], route: outcome.route, durationMs: outcome.durationMs };
      if (outcome.ok && outcome.body) {
        try {
          for (const cert of parseIssuerAnswer(outcome.body)) {
            record.certificates.push(cert.thumbprint);
            if (!pool.has(cert.thumbprint)) {
              pool.set(cert.thumbprint, cert);
              added = true;
            }
          }
          record.ok = record.certificates.length > 0;
          if (!record.ok) Object.assign(record, { errorCode: "ERR_AIA_EMPTY", error: "The answer held no certificate." });
        } catch (error) {
          Object.assign(record, { errorCode: "ERR_AIA_UNPARSEABLE", error: `The answer is not a certificate or PKCS#7 bundle: ${(error as Error).message}` });
        }
      } else {
        Object.assign(record, { errorCode: outcome.errorCode ?? "ERR_FETCH", error: outcome.error ?? "The issuer certificate could not be retrieved." });
      }
      fetched.push(record);
    }
    return added;
  };

  const extend = async (path: PathCertificate[], seen: Set<string>): Promise<void> => {
    if (paths.length >= maxPaths || budgetExhausted === "expansions") return;
    if (budget.expansions <= 0) {
      budgetExhausted = "expansions";
      return;
    }
    budget.expansions -= 1;
    const tip = path[path.length - 1]!;
    if (path.length === 1 && anchorIds.has(identity(tip))) {
      paths.push([tip]);
      return;
    }
    let candidates = issuersOf(tip);
    if (candidates.anchors.length === 0 && candidates.intermediates.length === 0 && (await fetchIssuers(tip))) candidates = issuersOf(tip);
    for (const anchor of candidates.anchors) {
      if (paths.length >= maxPaths) return;
      paths.push([...path, anchor]);
    }
    if (path.length >= maxDepth) {
      // A longer path would reach an anchor at the very next step (what openssl reports as "chain too long").
      if (candidates.intermediates.some((c) => !seen.has(identity(c)) && anchors.some((a) => a.subject.key === c.issuer.key))) depthLimited = true;
      return;
    }
    let extended = false;
    for (const next of candidates.intermediates) {
      const id = identity(next);
      if (seen.has(id) || anchorIds.has(id)) continue;
      extended = true;
      seen.add(id);
      await extend([...path, next], seen);
      seen.delete(id);
    }
    if (!extended && candidates.anchors.length === 0 && path.length > partial.length) partial = path;
  };

  const leaf = pathCertificate(options.leaf);
  await extend([leaf], new Set([identity(leaf)]));
  return { paths, partial, fetched, depthLimited, ...(budgetExhausted ? { budgetExhausted } : {}) };
}
