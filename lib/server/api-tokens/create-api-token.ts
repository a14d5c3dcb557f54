import { db } from "../db";
import { writeAudit } from "../audit";
import { AppError } from "../errors";
import { scopeAllowedForRole, type Actor } from "../auth/actor";
import { requireSessionActor } from "../auth/require-session-actor";
import { newApiTokenSecret } from "../auth/api-token-actor";
import { createApiTokenSchema } from "@/lib/validations/api-tokens";
import { apiTokenView } from "./api-token-view";
import { parseInput } from "../certificates/wizard-input";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Creates an API token for the signed-in user. Its scopes may not exceed the user's role (a helpdesk may hold
 * `read` and `diagnostics` tokens only: `ERR_TOKEN_SCOPE_EXCEEDS_ROLE`, audited). Returns the token once; only its
 * SHA-256 is stored. Audited in the same transaction.
 */
export async function createApiToken(actor: Actor | null, input: unknown, now = new Date()) {
  requireSessionActor(actor);
  const { name, scopes, expiresInDays } = parseInput(createApiTokenSchema, input);
  const excess = scopes.filter((scope) => !scopeAllowedForRole(scope, actor.role));
  if (excess.length > 0) {
    await writeAudit(db, actor, { action: "apiToken.create", targetType: "apiToken", targetId: name, outcome: "refused", details: { code: "ERR_TOKEN_SCOPE_EXCEEDS_ROLE", scopes, excess } });
    throw new AppError("ERR_TOKEN_SCOPE_EXCEEDS_ROLE", `The ${actor.role} role cannot hold a token with the scope ${excess.join(", ")}: a token never exceeds its creator's role.`, { excess });
  }
  const secret = newApiTokenSecret();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { name, scopes, tokenHash: secret.tokenHash, prefix: secret.prefix, createdById: actor.userId, expiresAt: new Date(now.getTime() + expiresInDays * DAY_MS), createdAt: now },
      include: { createdBy: { select: { username: true } } },
    });
    await writeAudit(tx, actor, { action: "apiToken.create", targetType: "apiToken", targetId: created.id, details: { name, scopes, prefix: secret.prefix, expiresAt: created.expiresAt.toISOString() } });
    return created;
  });
  return { ...apiTokenView(row, now), token: secret.token };
}
