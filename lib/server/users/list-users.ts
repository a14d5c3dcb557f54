import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { requireSessionActor } from "../auth/require-session-actor";

/** One account as the Users page lists it. */
export interface UserView {
  id: string;
  username: string;
  role: string;
  /** Where the account comes from: `local` (password in this console), or a directory / OIDC provider. */
  source: string;
  disabled: boolean;
  totpEnabled: boolean;
  lastSignInAt: string | null;
  createdAt: string;
}

/** Every account, for administrators only (helpdesk is refused: the list is of no use to a read-only role). */
export async function listUsers(actor: Actor | null): Promise<UserView[]> {
  requireSessionActor(actor);
  requirePermission(actor, "mutate");
  const rows = await db.user.findMany({ orderBy: { username: "asc" }, take: 1000 });
  return rows.map((u) => ({
    id: u.id,
    username: u.username,
    role: u.role,
    // Accounts from a directory or OIDC carry a `source`; every other account is local.
    source: (u as { source?: string | null }).source || "local",
    disabled: u.disabled,
    totpEnabled: u.totpEnabled,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  }));
}
