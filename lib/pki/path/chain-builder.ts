/**
 * Certification path building: from the leaf through supplied intermediates to a trust anchor, trying every
 * alternative (several issuers with the same subject, cross-certificates), preferring AKI/SKI matches and
 * currently valid issuers, with loop detection and a depth bound. Missing issuers can be fetched from the
 * AIA caIssuers URLs through an injected {@link PkiFetcher} (DER, PEM or PKCS#7 answers).
 * @packageDocumentation
 */
import { X509Certificate } from "@peculiar/x509";
import * as pkijs from "pkijs";
import { pathCertificate, type CertificateInput, type PathCertificate } from "../certificate/certificate";
import type { FetchRoute, PkiFetcher } from "../ports";

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
}

const identity = (cert: PathCertificate): string => `${cert.subject.key}|${Buffer.from(cert.spki).toString("hex")}`;

/** Parses an AIA caIssuers answer: DER certificate, PEM certificate(s), or a PKCS#7 certs-only bundle. */
export function parseIssuerAnswer(body: Uint8Array): X509Certificate[] {
  const text = Buffer.from(body).toString("latin1");
  if (text.includes("-----BEGIN")) {
    const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length > 0) return blocks.map((pem) => new X509Certificate(pem));
    const p7 = /-----BEGIN (?:PKCS7|CMS)-----([\s\S]*?)-----END/.exec(text);
    if (p7?.[1]) return parsePkcs7(new Uint8Array(Buffer.from(p7[1].replace(/\s+/g, ""), "base64")));
  }
  try {
    return [new X509Certificate(Uint8Array.from(body))];
  } catch {
    return parsePkcs7(Uint8Array.from(body));
  }
}

function parsePkcs7(der: Uint8Array<ArrayBuffer>): X509Certificate[] {
  const info = pkijs.ContentInfo.fromBER(der);
  const signed = new pkijs.SignedData({ schema: info.content });
  return (signed.certificates ?? []).flatMap((cert) => (cert instanceof pkijs.Certificate ? [new X509Certificate(cert.toSchema().toBER(false))] : []));
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

  const rank = (child: PathCertificate, candidate: PathCertificate): number => {
    let score = 0;
    if (child.authorityKeyId && candidate.subjectKeyId) score += child.authorityKeyId === candidate.subjectKeyId ? 4 : -8;
    if (options.now && candidate.notBefore <= options.now && options.now <= candidate.notAfter) score += 2;
    return score;
  };
  const issuersOf = (child: PathCertificate): { anchors: PathCertificate[]; intermediates: PathCertificate[] } => {
    const sort = (list: PathCertificate[]): PathCertificate[] =>
      list.filter((c) => c.subject.key === child.issuer.key).sort((a, b) => rank(child, b) - rank(child, a) || b.notBefore.getTime() - a.notBefore.getTime());
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
          for (const cert of parseIssuerAnswer(outcome.body).map((c) => pathCertificate(c))) {
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
    if (paths.length >= maxPaths) return;
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
    if (path.length >= maxDepth) return;
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
  return { paths, partial, fetched };
}
