import { randomBytes } from "node:crypto";
import { db } from "../db";
import { TOKEN_SCOPES, type Actor, type Role, type TokenScope } from "./actor";
import { tokenDigest } from "./token-digest";

/** API tokens start with this prefix, so `Authorization: Bearer` tells them from session tokens at a glance. */
export const API_TOKEN_PREFIX = "cc_";
/** `cc_` + 32 random bytes in base64url (43 characters): a session token (43 characters) never has this length. */
const API_TOKEN_LENGTH = API_TOKEN_PREFIX.length + 43;
/** `lastUsedAt` is written at most once a minute per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** True when `token` has the shape of an API token. */
export function isApiToken(token: string): boolean {
  return token.length === API_TOKEN_LENGTH && token.startsWith(API_TOKEN_PREFIX);
}

/** A new API token: the secret (shown once), its stored digest and the prefix shown in lists. */
export function newApiTokenSecret(): { token: string; tokenHash: string; prefix: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, tokenHash: tokenDigest(token), prefix: token.slice(0, API_TOKEN_PREFIX.length + 6) };
}

/** The known scopes of a stored token (anything else in the JSON is ignored). */
export function storedScopes(value: unknown): TokenScope[] {
  return Array.isArray(value) ? TOKEN_SCOPES.filter((scope) => value.includes(scope)) : [];
}

/**
 * Resolves an API token to an actor: its creator, with the creator's role as it is NOW and the token's scopes (so
 * a token never exceeds its creator: demoting the creator takes the excess away, disabling the creator ends it).
 * Null when the token is unknown, revoked, expired or its creator is disabled. Records `lastUsedAt`.
 */
export async function actorFromApiToken(token: string, now = new Date()): Promise<Actor | null> {
  if (!isApiToken(token)) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: tokenDigest(token) }, include: { createdBy: true } });
  if (!row || row.revokedAt || row.expiresAt <= now || row.createdBy.disabled) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiToken.updateMany({ where: { id: row.id, revokedAt: null }, data: { lastUsedAt: now } });
  }
  return {
    userId: row.createdBy.id,
    username: row.createdBy.username,
    role: row.createdBy.role as Role,
    token: { id: row.id, name: row.name, scopes: storedScopes(row.scopes) },
  };
}
