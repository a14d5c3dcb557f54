/**
 * Where a checker's CRLs come from: supplied files (parsed once), the cache (fresh until nextUpdate), and the
 * network through the {@link PkiFetcher} with conditional requests (a 304 reuses the cached CRL). Parsed CRLs
 * are memoised per DER buffer so a CRL shared by many certificates is scanned and signature-checked once.
 * @packageDocumentation
 */
import type { FetchOutcome } from "../ports";
import type { RevocationAttempt, RevocationMethod } from "./types";
import { isPkiError } from "../errors";
import { parseCrl, type Crl } from "./crl-parse";
import { MemoryCrlCache, isCacheFresh, type CrlCache } from "./crl-cache";
import { fetchFailure, judged } from "./attempts";
import type { CertFacts, DistributionPoint } from "./cert-info";
import type { CheckState, RevocationCheckerOptions } from "./checker-types";

/** A CRL obtained for a check, with how it was obtained. */
export interface ObtainedCrl {
  crl: Crl;
  method: RevocationMethod;
  url: string;
  outcome?: FetchOutcome;
}

/** The http(s)/ldap URLs of distribution points. */
export function distributionPointUrls(cert: CertFacts, which: "crl" | "delta" = "crl"): string[] {
  return dpUrls(which === "crl" ? cert.distributionPoints : cert.freshestCrl);
}

function dpUrls(dps: DistributionPoint[] | null | undefined): string[] {
  const urls: string[] = [];
  for (const dp of dps ?? []) for (const n of dp.name?.fullName ?? []) if (n.kind === "uri" && /^(https?|ldaps?):/i.test(n.value) && !urls.includes(n.value)) urls.push(n.value);
  return urls;
}

const parsed = new WeakMap<Uint8Array, Crl>();

function parseMemo(der: Uint8Array): Crl {
  let crl = parsed.get(der);
  if (!crl) {
    crl = parseCrl(der);
    parsed.set(der, crl);
  }
  return crl;
}

/** Supplied, cached and fetched CRLs of one checker. */
export class CrlSources {
  private suppliedCrls: Crl[] | null = null;
  private readonly suppliedProblems: RevocationAttempt[] = [];
  private readonly cache: CrlCache;
  private readonly inflight = new Map<string, Promise<ObtainedCrl | RevocationAttempt>>();

  constructor(private readonly options: RevocationCheckerOptions) {
    this.cache = options.cache ?? new MemoryCrlCache();
  }

  /** The supplied CRLs that parse (malformed ones are reported by {@link suppliedFailures}). */
  supplied(): Crl[] {
    if (!this.suppliedCrls) {
      this.suppliedCrls = [];
      (this.options.crls ?? []).forEach((der, i) => {
        try {
          this.suppliedCrls!.push(parseMemo(der));
        } catch (error) {
          const code = isPkiError(error) ? error.code : "ERR_CRL_MALFORMED";
          this.suppliedProblems.push(judged("SuppliedCRL", `#${i + 1}`, { outcome: "failed", code, text: `not a CRL (${(error as Error).message})` }, undefined, 0, der.length));
        }
      });
    }
    return this.suppliedCrls;
  }

  /** Failed attempts for supplied files that are not CRLs. */
  suppliedFailures(): RevocationAttempt[] {
    this.supplied();
    return this.suppliedProblems;
  }

  /** 1-based position of a supplied CRL, for messages. */
  suppliedLabel(crl: Crl): string {
    return `#${this.supplied().indexOf(crl) + 1} (${crl.issuer})`;
  }

  /** Fetches (or takes from the cache) the certificate's CRLs and their delta CRLs; failures go to `state.attempts`. */
  async fetchFor(state: CheckState): Promise<ObtainedCrl[]> {
    const out: ObtainedCrl[] = [];
    const take = async (url: string, method: RevocationMethod) => {
      const r = await this.obtain(url, method, state.now);
      if ("crl" in r) out.push(r);
      else state.attempts.push(r);
    };
    for (const url of distributionPointUrls(state.cert)) await take(url, /^ldaps?:/i.test(url) ? "LDAP" : "CRL");
    const deltaUrls = new Set([...distributionPointUrls(state.cert, "delta"), ...out.flatMap((o) => dpUrls(o.crl.freshestCrl))]);
    for (const url of deltaUrls) await take(url, "DeltaCRL");
    return out;
  }

  private obtain(url: string, method: RevocationMethod, now: Date): Promise<ObtainedCrl | RevocationAttempt> {
    const key = `${url} ${now.getTime()}`;
    let p = this.inflight.get(key);
    if (!p) {
      p = this.fetchOne(url, method, now).finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    return p;
  }

  private async fetchOne(url: string, method: RevocationMethod, now: Date): Promise<ObtainedCrl | RevocationAttempt> {
    const cached = await this.cache.get(url);
    if (cached && isCacheFresh(cached, now)) {
      try {
        return { crl: parseMemo(cached.der), method: "Cache", url };
      } catch {
        // A corrupt cache entry: fall through to a fresh fetch.
      }
    }
    if (!this.options.fetcher || this.options.offline) return judged(method, url, { outcome: "failed", code: "ERR_OFFLINE", text: "not fetched (offline)" });
    const request: Parameters<NonNullable<RevocationCheckerOptions["fetcher"]>>[0] = {
      url, method: "GET", timeoutMs: this.options.timeoutMs ?? 15_000, maxBytes: this.options.maxCrlBytes ?? 100 * 1024 * 1024,
      headers: { accept: "application/pkix-crl, application/x-pkcs7-crl, */*" },
    };
    if (cached?.etag) request.ifNoneMatch = cached.etag;
    if (cached?.lastModified) request.ifModifiedSince = cached.lastModified;
    const outcome = await this.options.fetcher(request);
    if (outcome.notModified && cached) {
      const crl = parseMemo(cached.der);
      await this.cache.put(url, { ...cached, fetchedAt: now });
      return { crl, method, url, outcome };
    }
    if (!outcome.ok || !outcome.body) return fetchFailure(method, outcome);
    let crl: Crl;
    try {
      crl = parseMemo(outcome.body);
    } catch (error) {
      const type = outcome.contentType ? `${outcome.contentType}, ` : "";
      return judged(method, url, { outcome: "failed", code: "ERR_CRL_MALFORMED", text: `the response (${type}${outcome.bytes} bytes) is not a CRL: ${(error as Error).message}` }, outcome);
    }
    const entry: Parameters<CrlCache["put"]>[1] = { der: crl.der, thisUpdate: new Date(crl.thisUpdate), nextUpdate: crl.nextUpdate === null ? null : new Date(crl.nextUpdate), fetchedAt: now };
    if (outcome.etag) entry.etag = outcome.etag;
    if (outcome.lastModified) entry.lastModified = outcome.lastModified;
    await this.cache.put(url, entry);
    return { crl, method, url, outcome };
  }
}
