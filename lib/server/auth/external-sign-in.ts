import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { takeRefusalSlot } from "../audit-refusal";
import { createSession } from "./session";
import { recordFailure, recordSuccess, throttledUntil, throttleKeys } from "./login-throttle";
import type { Role } from "./actor";

/**
 * The pieces directory (LDAP) and OIDC sign-in share with each other and with local sign-in: the same throttle
 * (login-throttle.ts, the same keys, so one address's failures count across all three), a refusal that is counted and
 * audited in one transaction and changes nothing else, and a success that provisions the console user (source
 * `ldap` or `oidc`, identified by `externalId`), sets its role from the mapping and opens the session with
 * {@link createSession}, the session and its audit row committing together.
 */
export type ExternalSource = "ldap" | "oidc";

/** Unusable password hash of directory and OIDC users: local sign-in never accepts it (see verifyPassword). */
export const EXTERNAL_PASSWORD_HASH = "!external";

/** Throws ERR_RATE_LIMITED (audited at most once a minute per address) when the name/address pair is throttled. */
export async function refuseIfThrottled(action: string, username: string, clientAddress: string, now: Date): Promise<void> {
  const keys = throttleKeys(username, clientAddress);
  const until = await throttledUntil(db, keys.map((k) => k.key), now);
  if (!until) return;
  if (takeRefusalSlot(`signIn:${clientAddress}`, now.getTime())) {
    await writeAudit(db, { username: username.slice(0, 64) || "(empty)", role: "anonymous" }, {
      action,
      targetType: "user",
      targetId: username.slice(0, 64),
      details: { clientAddress, code: "ERR_RATE_LIMITED", retryAfter: until.toISOString() },
      outcome: "refused",
    });
  }
  throw new AppError("ERR_RATE_LIMITED", `Too many failed sign-ins from this address. Try again after ${until.toISOString().slice(11, 19)} UTC.`, { retryAfter: until.toISOString() });
}

/** Counts a failed sign-in for the throttle and audits the refusal in one transaction; returns the error to throw. */
export async function refuseSignIn(
  action: string,
  username: string,
  clientAddress: string,
  code: string,
  message: string,
  details: Record<string, unknown>,
  now: Date,
): Promise<AppError> {
  const keys = throttleKeys(username, clientAddress);
  await db.$transaction(async (tx) => {
    await recordFailure(tx, keys, now);
    await writeAudit(tx, { username: username.slice(0, 64) || "(empty)", role: "anonymous" }, {
      action,
      targetType: "user",
      targetId: username.slice(0, 64),
      details: { clientAddress, code, ...details },
      outcome: "refused",
    });
  });
  return new AppError(code, message);
}

/** Who signed in, as the directory or provider says. */
export interface ExternalIdentity {
  source: ExternalSource;
  /** Directory DN, or `issuer|subject` for OIDC. */
  externalId: string;
  /** The console user name shown in the header and the audit log (UPN, e-mail or preferred_username). */
  username: string;
  role: Role;
  /** Audited with the sign-in (the group or claim value that gave the role, the groups found). */
  details: Record<string, unknown>;
}

/**
 * Provisions or updates the console user of `identity` and opens a session, auditing `action` in the same
 * transaction. A local account (or another source's user) already holding the user name is never taken over:
 * ERR_ACCOUNT_CONFLICT, audited, nothing changed.
 */
export async function openExternalSession(action: string, identity: ExternalIdentity, clientAddress: string, now: Date) {
  const conflict = await db.user.findUnique({ where: { username: identity.username } });
  if (conflict && (conflict.source !== identity.source || conflict.externalId !== identity.externalId)) {
    throw await refuseSignIn(
      action,
      identity.username,
      clientAddress,
      "ERR_ACCOUNT_CONFLICT",
      `The console already has a ${conflict.source === "local" ? "local account" : `${conflict.source} user`} named ${identity.username}; it is not taken over by this sign-in.`,
      { source: identity.source },
      now,
    );
  }
  const keys = throttleKeys(identity.username, clientAddress);
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { source_externalId: { source: identity.source, externalId: identity.externalId } } });
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { username: identity.username, role: identity.role } })
      : await tx.user.create({ data: { username: identity.username, role: identity.role, source: identity.source, externalId: identity.externalId, passwordHash: EXTERNAL_PASSWORD_HASH } });
    await recordSuccess(tx, keys[0]!.key);
    const session = await createSession(user.id, now, tx);
    await writeAudit(tx, { userId: user.id, username: user.username, role: identity.role }, {
      action,
      targetType: "user",
      targetId: user.id,
      details: { clientAddress, source: identity.source, ...(existing && existing.role !== identity.role ? { roleChanged: { from: existing.role, to: identity.role } } : {}), ...identity.details },
    });
    return { ...session, user: { id: user.id, username: user.username, role: identity.role } };
  });
}
