import { db } from "../db";

/** Failures allowed per key within the window before sign-in is locked. */
export const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60 * 1000;
const LOCK_MS = 15 * 60 * 1000;

/** When sign-in for `key` (a user name or a client address) is locked, the time it unlocks; else null. */
export async function lockedUntil(key: string, now = new Date()): Promise<Date | null> {
  const row = await db.loginThrottle.findUnique({ where: { key } });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** Counts a failed sign-in; locks the key after {@link MAX_FAILURES} failures in the window. */
export async function recordFailure(key: string, now = new Date()): Promise<void> {
  const row = await db.loginThrottle.findUnique({ where: { key } });
  const fresh = !row || now.getTime() - row.windowStart.getTime() > WINDOW_MS;
  const failures = fresh ? 1 : row.failures + 1;
  const data = {
    failures,
    windowStart: fresh ? now : row.windowStart,
    lockedUntil: failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS) : null,
  };
  await db.loginThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
}

/** Clears the counter after a successful sign-in. */
export async function recordSuccess(key: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key } });
}
