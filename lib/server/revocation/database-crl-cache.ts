import type { CrlCache, CrlCacheEntry } from "@/lib/pki/revocation/crl-cache";
import { MemoryCrlCache } from "@/lib/pki/revocation/crl-cache";
import { db } from "../db";

/** This process's in-memory copies, each with the `updatedAt` of the stored row it was read from or written as. */
interface ProcessMemory {
  crls: MemoryCrlCache;
  stamps: Map<string, number>;
}

/**
 * The one in-memory CRL cache of this process. Next.js bundles route handlers, server actions and the background
 * job separately, each with its own copy of this module: kept on globalThis, they share it.
 */
function processMemory(): ProcessMemory {
  const global = globalThis as unknown as { certconsoleCrlMemory?: ProcessMemory };
  return (global.certconsoleCrlMemory ??= { crls: new MemoryCrlCache(64), stamps: new Map() });
}

/**
 * CRLs cached by URL in the database (the source of truth, shared by the web server, the worker and other
 * instances), with an in-memory copy that saves reading the CRL's bytes again: a copy is used only while the stored
 * row is the one it came from, so "Clear the URL cache" in one process, or a fresher CRL stored by another, is seen
 * at the next check everywhere. The stored validators serve conditional requests.
 */
export class DatabaseCrlCache implements CrlCache {
  private readonly memory = processMemory();

  async get(url: string): Promise<CrlCacheEntry | null> {
    const stored = await db.crlCacheEntry.findUnique({ where: { url }, select: { updatedAt: true } });
    if (!stored) return null;
    if (this.memory.stamps.get(url) === stored.updatedAt.getTime()) {
      const hit = await this.memory.crls.get(url);
      if (hit) return hit;
    }
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
    await this.memory.crls.put(url, entry);
    this.memory.stamps.set(url, row.updatedAt.getTime());
    return entry;
  }

  async put(url: string, entry: CrlCacheEntry): Promise<void> {
    const data = {
      der: new Uint8Array(entry.der),
      thisUpdate: entry.thisUpdate,
      nextUpdate: entry.nextUpdate,
      etag: entry.etag ?? null,
      lastModified: entry.lastModified ?? null,
      fetchedAt: entry.fetchedAt,
    };
    const row = await db.crlCacheEntry.upsert({ where: { url }, create: { url, ...data }, update: data, select: { updatedAt: true } });
    await this.memory.crls.put(url, entry);
    this.memory.stamps.set(url, row.updatedAt.getTime());
  }

  /**
   * A view of this cache for one run (a status refresh, a check, a probe): each URL's stored row is looked up once,
   * by the run's first check that needs it, and the run's later checks use that copy, or the one the run itself
   * stored. A clear or a fresher CRL from another process is seen by the next run.
   */
  forRun(): CrlCache {
    const seen = new Map<string, Promise<CrlCacheEntry | null>>();
    return {
      get: (url) => {
        let entry = seen.get(url);
        if (!entry) {
          entry = this.get(url);
          seen.set(url, entry);
          entry.catch(() => seen.delete(url));
        }
        return entry;
      },
      put: async (url, entry) => {
        await this.put(url, entry);
        seen.set(url, Promise.resolve(entry));
      },
    };
  }

  /** Forgets the in-memory copies; the caller deletes the stored rows (in its audited transaction). */
  forgetInMemory(): void {
    this.memory.crls.clear();
    this.memory.stamps.clear();
  }
}

/** The process-wide cache instance. */
export const crlCache = new DatabaseCrlCache();
