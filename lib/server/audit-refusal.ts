import { db } from "./db";
import { writeAudit } from "./audit";
import { isPkiError } from "@/lib/pki/errors";
import type { Actor } from "./auth/actor";
import { log } from "./log";

/** Refusals of a known actor that are always recorded. */
const ACTOR_REFUSALS = new Set(["ERR_FORBIDDEN", "ERR_VALIDATION"]);
/**
 * Refusals anyone can provoke from outside (no session, or a cross-site request riding a session): recorded at
 * most once per client address per {@link ANONYMOUS_WINDOW_MS}, so they cannot flood the audit log.
 */
const RATE_LIMITED_REFUSALS = new Set(["ERR_UNAUTHENTICATED", "ERR_CSRF_ORIGIN", "ERR_UNSUPPORTED_MEDIA_TYPE"]);
/** One audited refusal per address per minute. */
export const ANONYMOUS_WINDOW_MS = 60_000;
/** Addresses remembered at most; past this, further rate-limited refusals are not recorded until the window moves on. */
const MAX_TRACKED_ADDRESSES = 10_000;

const lastAudited = new Map<string, number>();

/**
 * True when a rate-limited refusal from `address` should be recorded now (and remembers it). Per process: several
 * console instances may each record one per minute.
 */
export function takeRefusalSlot(address: string, now = Date.now()): boolean {
  const last = lastAudited.get(address);
  if (last !== undefined && now - last < ANONYMOUS_WINDOW_MS) return false;
  if (lastAudited.size >= MAX_TRACKED_ADDRESSES) {
    for (const [key, at] of lastAudited) if (now - at >= ANONYMOUS_WINDOW_MS) lastAudited.delete(key);
    if (lastAudited.size >= MAX_TRACKED_ADDRESSES) return false;
  }
  lastAudited.set(address, now);
  return true;
}

/**
 * Records a refused attempt, so the audit log shows attempts as well as changes: a read-only role trying to change
 * something or invalid input (always), and unauthenticated or cross-site attempts (rate-limited per client address). Called by the
 * server-action and API wrappers; never throws.
 */
export async function auditRefusal(error: unknown, actor: Actor | null, action: string, target: string, clientAddress = "unknown"): Promise<void> {
  if (!isPkiError(error)) return;
  const always = actor !== null && ACTOR_REFUSALS.has(error.code);
  if (!always && !(RATE_LIMITED_REFUSALS.has(error.code) && takeRefusalSlot(clientAddress))) return;
  try {
    await writeAudit(db, actor ?? { username: "anonymous", role: "anonymous" }, {
      action,
      targetType: "request",
      targetId: target.slice(0, 200),
      outcome: "refused",
      details: { code: error.code, message: error.message, clientAddress, ...(always ? {} : { rateLimited: `at most one per address per ${ANONYMOUS_WINDOW_MS / 1000} s` }) },
    });
  } catch (auditError) {
    log.error({ err: (auditError as Error).message, action }, "could not audit a refused attempt");
  }
}
