import { randomBytes } from "node:crypto";
import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { hashPassword, verifyPassword } from "./password";
import { createSession } from "./session";
import { recordFailure, recordSuccess, throttledUntil, throttleKeys } from "./login-throttle";
import type { Role } from "./actor";
import { takeRefusalSlot } from "../audit-refusal";

let dummyHash: Promise<string> | null = null;

/** A hash of a random password with the current parameters, checked for unknown users so they cost the same time. */
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString("base64url"));
  return dummyHash;
}

/** The password check, injectable so tests can count that it ran. */
export interface SignInDeps {
  verify: (password: string, stored: string) => Promise<boolean>;
}

/**
 * Signs a user in. Failures are throttled per (account, client address) with exponential backoff (see
 * login-throttle.ts), so failures from elsewhere never lock an account out here. The password hash runs for unknown
 * users too (against a dummy hash), so neither the answer nor its time says whether the user exists. The session
 * and its audit row are written in one transaction, as are a failure's counter and its audit row.
 */
export async function signIn(input: { username: string; password: string; clientAddress: string }, now = new Date(), deps: SignInDeps = { verify: verifyPassword }) {
  const keys = throttleKeys(input.username, input.clientAddress);
  const until = await throttledUntil(db, keys.map((k) => k.key), now);
  if (until) {
    // Attempts while throttled cost nothing and could be hammered: recorded at most once per address per minute.
    if (takeRefusalSlot(`signIn:${input.clientAddress}`, now.getTime())) {
      await writeAudit(db, { username: input.username.slice(0, 64) || "(empty)", role: "anonymous" }, {
        action: "auth.signIn",
        targetType: "user",
        targetId: input.username.slice(0, 64),
        details: { clientAddress: input.clientAddress, code: "ERR_RATE_LIMITED", retryAfter: until.toISOString() },
        outcome: "refused",
      });
    }
    throw new AppError("ERR_RATE_LIMITED", `Too many failed sign-ins from this address. Try again after ${until.toISOString().slice(11, 19)} UTC.`, { retryAfter: until.toISOString() });
  }
  const user = await db.user.findUnique({ where: { username: input.username }, omit: { passwordHash: false } });
  const ok = await deps.verify(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok) {
    await db.$transaction(async (tx) => {
      await recordFailure(tx, keys, now);
      await writeAudit(tx, { username: input.username.slice(0, 64) || "(empty)", role: "anonymous" }, {
        action: "auth.signIn",
        targetType: "user",
        targetId: input.username.slice(0, 64),
        details: { clientAddress: input.clientAddress, code: "ERR_BAD_CREDENTIALS" },
        outcome: "refused",
      });
    });
    throw new AppError("ERR_BAD_CREDENTIALS", "The user name or password is incorrect.");
  }
  const actor = { userId: user.id, username: user.username, role: user.role as Role };
  const session = await db.$transaction(async (tx) => {
    await recordSuccess(tx, keys[0]!.key);
    const created = await createSession(user.id, now, tx);
    await writeAudit(tx, actor, { action: "auth.signIn", targetType: "user", targetId: user.id, details: { clientAddress: input.clientAddress } });
    return created;
  });
  return { ...session, user: { id: user.id, username: user.username, role: user.role as Role } };
}
