/**
 * O(1) serial-number look-up over a scanned CRL: one `Map` from a compact serial key to the entry's index.
 * @packageDocumentation
 */
import type { CrlScan } from "./crl-stream";

/** Serial → entry index(es) of one CRL. Duplicate serials (indirect CRLs) keep every index. */
export class CrlIndex {
  private readonly first = new Map<string, number>();
  private readonly more = new Map<string, number[]>();

  /** Builds the index of a scan's entries. */
  constructor(scan: Pick<CrlScan, "serialKeys">) {
    const keys = scan.serialKeys;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (!this.first.has(k)) this.first.set(k, i);
      else {
        const list = this.more.get(k);
        if (list) list.push(i);
        else this.more.set(k, [i]);
      }
    }
  }

  /** Number of distinct serials. */
  get size(): number {
    return this.first.size;
  }

  /** Index of the first entry with this serial key, or -1. */
  find(key: string): number {
    return this.first.get(key) ?? -1;
  }

  /** Every entry index with this serial key (empty when absent). */
  findAll(key: string): number[] {
    const i = this.first.get(key);
    if (i === undefined) return [];
    const rest = this.more.get(key);
    return rest ? [i, ...rest] : [i];
  }
}
