import type { CrlCache, CrlCacheEntry } from "@/lib/pki/revocation/crl-cache";
import { MemoryCrlCache } from "@/lib/pki/revocation/crl-cache";
import { db } from "../db";

/**
 * The one in-memory CRL cache of this process. Next.js bundles route handlers, server actions and the background
 * job separately, each with its own copy of this module: kept on globalThis, they share it, so "Clear the URL cache"
 * from a server action also clears what the API's and the job's checks read.
 */
function processMemory(): MemoryCrlCache {
  const global = globalThis as unknown as { certconsoleCrlMemory?: MemoryCrlCache };
  return (global.certconsoleCrlMemory ??= new MemoryCrlCache(64));
}

/**
 * CRLs cached by URL in memory and in the database, so a restart (or another console instance) does not
 * fetch them again before their nextUpdate; the stored validators serve conditional requests.
 */
export class DatabaseCrlCache implements CrlCache {
  private readonly memory = processMemory();

  async get(url: string): Promise<CrlCacheEntry | null> {
    const hit = await this.memory.get(url);
    if (hit) return hit;
    const row = await db.crlCacheEntry.findUnique({ where: { url } });
    if (!row) return null;
    const entry: CrlCacheEntry = {
      der: new Uint8Array(row.der),
      thisUpdate: row.thisUpdate,
      nextUpdate: row.nextUpdate,
      fetchedAt: row.fetchedAt,
      ...(row.etag ? { etag: row.etag } : {}),
      ...(row.lastModified ? { lastModified: row.lastModified } : {}),
    };
    await this.memory.put(url, entry);
    return entry;
  }

  async put(url: string, entry: CrlCacheEntry): Promise<void> {
    await this.memory.put(url, entry);
    const data = {
      der: new Uint8Array(entry.der),
      thisUpdate: entry.thisUpdate,
      nextUpdate: entry.nextUpdate,
      etag: entry.etag ?? null,
      lastModified: entry.lastModified ?? null,
      fetchedAt: entry.fetchedAt,
    };
    await db.crlCacheEntry.upsert({ where: { url }, create: { url, ...data }, update: data });
  }

  /** Forgets the in-memory copies; the caller deletes the stored rows (in its audited transaction). */
  forgetInMemory(): void {
    this.memory.clear();
  }
}

/** The process-wide cache instance. */
export const crlCache = new DatabaseCrlCache();
