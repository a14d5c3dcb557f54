import type { Db, Tx } from "../db";

/**
 * Sign-in throttling. Failures are counted per (account, client address): an attacker elsewhere slows down only
 * their own attempts and can never lock the administrator out from the administrator's own address. Each address
 * is also counted across all accounts (password spraying), with a higher allowance. After the free failures every
 * further failure doubles the wait, up to {@link MAX_DELAY_MS}; a success clears the pair's counter, and a key
 * that has been quiet for {@link WINDOW_MS} starts again.
 */
export const FREE_FAILURES = 5;
/** Free failures of one address across all accounts. */
export const FREE_ADDRESS_FAILURES = 20;
/** The first wait after the free failures; it doubles with each further failure. */
export const BASE_DELAY_MS = 2_000;
/** The longest wait. */
export const MAX_DELAY_MS = 15 * 60 * 1000;
const WINDOW_MS = 24 * 60 * 60 * 1000;

/** The throttle keys of one attempt: the (account, address) pair and the address alone. */
export function throttleKeys(username: string, clientAddress: string): { key: string; free: number }[] {
  return [
    { key: `pair:${username.toLowerCase().slice(0, 64)}|${clientAddress}`, free: FREE_FAILURES },
    { key: `addr:${clientAddress}`, free: FREE_ADDRESS_FAILURES },
  ];
}

/** How long to wait after `failures` failures with `free` allowed: 0, then BASE, 2×BASE, 4×BASE, … up to MAX. */
export function backoffMs(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(failures - free, 30));
}

/** When the next attempt for these keys is allowed, if that is later than `now`; else null. */
export async function throttledUntil(db: Db | Tx, keys: readonly string[], now = new Date()): Promise<Date | null> {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: [...keys] } } });
  const until = rows.map((r) => r.lockedUntil).filter((d): d is Date => !!d && d > now);
  return until.length ? new Date(Math.max(...until.map((d) => d.getTime()))) : null;
}

/** Counts a failed sign-in under each key and sets its backoff. */
export async function recordFailure(tx: Db | Tx, keys: readonly { key: string; free: number }[], now = new Date()): Promise<void> {
  for (const { key, free } of keys) {
    const row = await tx.loginThrottle.findUnique({ where: { key } });
    const fresh = !row || now.getTime() - row.windowStart.getTime() > WINDOW_MS;
    const failures = fresh ? 1 : row.failures + 1;
    const wait = backoffMs(failures, free);
    const data = { failures, windowStart: fresh ? now : row.windowStart, lockedUntil: wait > 0 ? new Date(now.getTime() + wait) : null };
    await tx.loginThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
  }
}

/** Clears the (account, address) counter after a successful sign-in (the address's spraying counter stays). */
export async function recordSuccess(tx: Db | Tx, pairKey: string): Promise<void> {
  await tx.loginThrottle.deleteMany({ where: { key: pairKey } });
}
