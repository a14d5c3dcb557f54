import { randomBytes } from "node:crypto";
import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { hashPassword, verifyPassword } from "./password";
import { createSession } from "./session";
import { recordFailure, recordSuccess, throttledUntil, throttleKeys } from "./login-throttle";
import type { Role } from "./actor";
import { takeRefusalSlot } from "../audit-refusal";
import { matchTotpStep, openTotpSecret } from "./totp";

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
 * users too (against a dummy hash), so neither the answer nor its time says whether the user exists. After the
 * right password: a disabled account is `ERR_ACCOUNT_DISABLED`; an account with a second factor needs `totpCode`
 * (`ERR_TOTP_REQUIRED`), a right one (`ERR_TOTP_INVALID`, counted as a failure) of a time step not used before
 * (`ERR_TOTP_REUSED`). The session and its audit row are written in one transaction, as are a failure's counter and
 * its audit row; every refusal is audited.
 */
export async function signIn(input: { username: string; password: string; totpCode?: string | undefined; clientAddress: string }, now = new Date(), deps: SignInDeps = { verify: verifyPassword }) {
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
  const refuse = async (code: string, message: string, countsAsFailure: boolean): Promise<never> => {
    await db.$transaction(async (tx) => {
      if (countsAsFailure) await recordFailure(tx, keys, now);
      await writeAudit(tx, { username: input.username.slice(0, 64) || "(empty)", role: "anonymous" }, {
        action: "auth.signIn",
        targetType: "user",
        targetId: user && ok ? user.id : input.username.slice(0, 64),
        details: { clientAddress: input.clientAddress, code },
        outcome: "refused",
      });
    });
    throw new AppError(code, message);
  };
  if (!user || !ok) return refuse("ERR_BAD_CREDENTIALS", "The user name or password is incorrect.", true);
  if (user.disabled) return refuse("ERR_ACCOUNT_DISABLED", "This account is disabled. Ask an administrator to enable it.", false);
  // The second factor of a local account (RFC 6238): asked for after the password, and each code is accepted once.
  let totpStep: number | null = null;
  if (user.totpEnabled && user.totpSecretSealed) {
    if (!input.totpCode) return refuse("ERR_TOTP_REQUIRED", "Enter the 6-digit code from your authenticator app.", false);
    totpStep = matchTotpStep(openTotpSecret(user.totpSecretSealed), input.totpCode, now);
    if (totpStep === null) return refuse("ERR_TOTP_INVALID", "The authenticator code is wrong or has expired.", true);
  }
  const actor = { userId: user.id, username: user.username, role: user.role as Role };
  const session = await db.$transaction(async (tx) => {
    if (totpStep !== null) {
      // Conditional on the last accepted step, so two sign-ins racing with the same code cannot both pass.
      const { count } = await tx.user.updateMany({ where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: totpStep } }] }, data: { totpLastStep: totpStep } });
      if (count !== 1) return null;
    }
    await recordSuccess(tx, keys[0]!.key);
    const created = await createSession(user.id, now, tx);
    await writeAudit(tx, actor, { action: "auth.signIn", targetType: "user", targetId: user.id, details: { clientAddress: input.clientAddress, ...(totpStep !== null ? { secondFactor: "totp" } : {}) } });
    return created;
  });
  if (!session) return refuse("ERR_TOTP_REUSED", "This authenticator code was already used: wait for the next one.", true);
  return { ...session, user: { id: user.id, username: user.username, role: user.role as Role } };
}
