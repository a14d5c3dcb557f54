/**
 * The CRL cache port: CRLs by URL, kept until their nextUpdate, with the HTTP validators needed for a
 * conditional re-fetch (a 304 reuses the cached CRL). The in-memory implementation lives here; the
 * database-backed one lives in lib/server and implements the same interface.
 * @packageDocumentation
 */

/** One cached CRL. */
export interface CrlCacheEntry {
  der: Uint8Array;
  thisUpdate: Date;
  /** null when the CRL has no nextUpdate. */
  nextUpdate: Date | null;
  etag?: string;
  lastModified?: string;
  fetchedAt: Date;
}

/** Where fetched CRLs are kept between checks. */
export interface CrlCache {
  get(url: string): Promise<CrlCacheEntry | null>;
  put(url: string, entry: CrlCacheEntry): Promise<void>;
}

/** True when a cached CRL can be used at `now` without asking the server again. */
export function isCacheFresh(entry: CrlCacheEntry, now: Date): boolean {
  return entry.nextUpdate !== null && now.getTime() <= entry.nextUpdate.getTime();
}

/** A process-local {@link CrlCache} (a bounded Map, oldest entries evicted first). */
export class MemoryCrlCache implements CrlCache {
  private readonly entries = new Map<string, CrlCacheEntry>();

  /** @param maxEntries how many URLs to keep (default 256). */
  constructor(private readonly maxEntries = 256) {}

  /** The entry for `url`, or null. Stale entries are returned too: their validators serve a conditional request. */
  async get(url: string): Promise<CrlCacheEntry | null> {
    return this.entries.get(url) ?? null;
  }

  /** Stores (or replaces) the entry for `url`. */
  async put(url: string, entry: CrlCacheEntry): Promise<void> {
    this.entries.delete(url);
    this.entries.set(url, entry);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Forgets every entry (`certutil -urlcache * delete`); returns how many there were. */
  clear(): number {
    const count = this.entries.size;
    this.entries.clear();
    return count;
  }
}
