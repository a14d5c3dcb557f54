import { randomBytes } from "node:crypto";
import { db, type Db, type Tx } from "../db";
import { AppError } from "../errors";
import { tokenDigest } from "./token-digest";
import type { Actor, Role } from "./actor";
import { actorFromApiToken, isApiToken } from "./api-token-actor";

/** Name of the HTTP-only session cookie. */
export const SESSION_COOKIE = "certconsole_session";
/** Sessions last 8 hours: a working day at the console. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

/** The stored id of a session token (its SHA-256). */
export const sessionDigest = tokenDigest;

/**
 * Creates a session for `userId`; returns the cookie token (only its SHA-256 is stored). Every sign-in path (local
 * password, directory, OIDC) ends here: a disabled account is refused with `ERR_ACCOUNT_DISABLED`, and the account's
 * `lastSignInAt` is set. Pass the transaction of the sign-in so the session commits together with its audit row.
 */
export async function createSession(userId: string, now = new Date(), tx: Db | Tx = db): Promise<{ token: string; expiresAt: Date }> {
  const { count } = await tx.user.updateMany({ where: { id: userId, disabled: false }, data: { lastSignInAt: now } });
  if (count !== 1) throw new AppError("ERR_ACCOUNT_DISABLED", "This account is disabled. Ask an administrator to enable it.");
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await tx.session.create({ data: { id: sessionDigest(token), userId, expiresAt } });
  return { token, expiresAt };
}

/**
 * Resolves a cookie or bearer token to the acting user, or null when absent, unknown, expired, or its account is
 * disabled. Tokens starting `cc_` are API tokens (see api-token-actor.ts); anything else is a session token.
 */
export async function actorFromToken(token: string | undefined, now = new Date()): Promise<Actor | null> {
  if (!token || token.length > 200) return null;
  if (isApiToken(token)) return actorFromApiToken(token, now);
  const session = await db.session.findUnique({ where: { id: sessionDigest(token) }, include: { user: true } });
  if (!session || session.expiresAt <= now || session.user.disabled) return null;
  return { userId: session.user.id, username: session.user.username, role: session.user.role as Role };
}

/**
 * The session cookie's attributes, for every place that sets or clears it (the login form's server action and
 * `POST /api/v1/session`): HTTP-only, SameSite=Strict, and `Secure` when `CERTCONSOLE_SECURE_COOKIES=1`.
 */
export function sessionCookieOptions(expires: Date, env: Record<string, string | undefined> = process.env) {
  return { httpOnly: true, sameSite: "strict" as const, secure: env.CERTCONSOLE_SECURE_COOKIES === "1", path: "/", expires };
}
