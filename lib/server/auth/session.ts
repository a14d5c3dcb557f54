import { createHash, randomBytes } from "node:crypto";
import { db } from "../db";
import type { Actor, Role } from "./actor";

/** Name of the HTTP-only session cookie. */
export const SESSION_COOKIE = "certconsole_session";
/** Sessions last 8 hours: a working day at the console. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

function digest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a session for `userId`; returns the cookie token (only its SHA-256 is stored). */
export async function createSession(userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.session.create({ data: { id: digest(token), userId, expiresAt } });
  return { token, expiresAt };
}

/** Resolves a cookie token to the acting user, or null when absent, unknown or expired. */
export async function actorFromToken(token: string | undefined, now = new Date()): Promise<Actor | null> {
  if (!token || token.length > 200) return null;
  const session = await db.session.findUnique({ where: { id: digest(token) }, include: { user: true } });
  if (!session || session.expiresAt <= now) return null;
  return { userId: session.user.id, username: session.user.username, role: session.user.role as Role };
}

/** Ends a session. */
export async function deleteSession(token: string | undefined): Promise<void> {
  if (!token) return;
  await db.session.deleteMany({ where: { id: digest(token) } });
}
