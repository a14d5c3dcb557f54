import { storedScopes } from "../auth/api-token-actor";
import type { ApiTokenView } from "@/lib/validations/api-tokens";

/** A stored token row as lists show it at `now`: never the secret or its digest. */
export function apiTokenView(
  row: {
    id: string;
    name: string;
    prefix: string;
    scopes: unknown;
    createdAt: Date;
    expiresAt: Date;
    revokedAt: Date | null;
    lastUsedAt: Date | null;
    createdBy: { username: string };
  },
  now = new Date(),
): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: storedScopes(row.scopes),
    createdBy: row.createdBy.username,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    state: row.revokedAt ? "revoked" : row.expiresAt <= now ? "expired" : "active",
  };
}
