import { describe, expect, test } from "vitest";
import { MemoryCrlCache, isCacheFresh, type CrlCacheEntry } from "./crl-cache";

const entry = (nextUpdate: string | null, tag = "a"): CrlCacheEntry => ({
  der: new Uint8Array([0x30, 0]), thisUpdate: new Date("2026-01-01T00:00:00Z"), nextUpdate: nextUpdate ? new Date(nextUpdate) : null, etag: tag, fetchedAt: new Date("2026-01-01T00:00:00Z"),
});

describe("CrlCache", () => {
  test.each([
    { nextUpdate: "2026-02-01T00:00:00Z", now: "2026-01-15T00:00:00Z", fresh: true },
    { nextUpdate: "2026-02-01T00:00:00Z", now: "2026-02-01T00:00:00Z", fresh: true },
    { nextUpdate: "2026-02-01T00:00:00Z", now: "2026-02-01T00:00:01Z", fresh: false },
    { nextUpdate: null, now: "2026-01-02T00:00:00Z", fresh: false },
  ])("nextUpdate $nextUpdate at $now → fresh $fresh", ({ nextUpdate, now, fresh }) => {
    expect(isCacheFresh(entry(nextUpdate), new Date(now))).toBe(fresh);
  });

  test("keeps stale entries for their validators, replaces on put, evicts the oldest beyond the bound", async () => {
    const cache = new MemoryCrlCache(2);
    await cache.put("http://a", entry("2020-01-01T00:00:00Z", "a1"));
    expect((await cache.get("http://a"))?.etag).toBe("a1");
    await cache.put("http://a", entry("2026-02-01T00:00:00Z", "a2"));
    expect((await cache.get("http://a"))?.etag).toBe("a2");
    await cache.put("http://b", entry(null));
    await cache.put("http://c", entry(null));
    expect(await cache.get("http://a")).toBeNull();
    expect(await cache.get("http://c")).not.toBeNull();
    expect(await cache.get("http://missing")).toBeNull();
  });
});
