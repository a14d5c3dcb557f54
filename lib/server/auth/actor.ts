import { AppError } from "../errors";

/** The two roles of the console. */
export type Role = "admin" | "helpdesk";

/** Who is acting: every use-case receives one and checks it before touching data. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
}

/** What a role may do. Helpdesk reads everything except key material and changes nothing. */
export type Permission = "read" | "mutate" | "readKeyMaterial";

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set<Permission>(["read", "mutate", "readKeyMaterial"]),
  helpdesk: new Set<Permission>(["read"]),
};

/** True when `actor` holds `permission`. */
export function can(actor: Actor, permission: Permission): boolean {
  return GRANTS[actor.role]?.has(permission) ?? false;
}

/** Throws `ERR_FORBIDDEN` unless `actor` holds `permission`. */
export function requirePermission(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new AppError("ERR_UNAUTHENTICATED", "Sign in to continue.");
  if (!can(actor, permission)) {
    throw new AppError(
      "ERR_FORBIDDEN",
      permission === "mutate"
        ? `The ${actor.role} role is read-only: this change needs an administrator.`
        : `The ${actor.role} role may not see key material.`,
    );
  }
}
