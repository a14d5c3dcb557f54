import { AppError } from "../errors";
import { TOKEN_SCOPES, type TokenScope } from "@/lib/validations/api-tokens";

/** The two roles of the console. */
export type Role = "admin" | "helpdesk";

/**
 * What an actor may do:
 * - `read`: see everything except key material;
 * - `diagnostics`: run checks that fetch or probe but change no configuration (revocation check, URL retrieval,
 *   endpoint and partner probes, the status jobs) — helpdesk may;
 * - `mutate`: change anything;
 * - `readKeyMaterial`: export private keys;
 * - `inventoryWrite`: upload a collector inventory (`POST /api/v1/inventory`).
 */
export type Permission = "read" | "diagnostics" | "mutate" | "readKeyMaterial" | "inventoryWrite";

export { TOKEN_SCOPES, type TokenScope };

/** Who is acting: every use-case receives one and checks it before touching data. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  /**
   * Set when the actor is an API token: the token acts as its creator, with the creator's role as it is now, and
   * never beyond the token's scopes.
   */
  token?: { id: string; name: string; scopes: readonly TokenScope[] };
}

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set<Permission>(["read", "diagnostics", "mutate", "readKeyMaterial", "inventoryWrite"]),
  helpdesk: new Set<Permission>(["read", "diagnostics"]),
};

/** What each token scope allows, before the creator's role is applied. */
const SCOPE_GRANTS: Record<TokenScope, readonly Permission[]> = {
  read: ["read"],
  diagnostics: ["read", "diagnostics"],
  mutate: ["read", "mutate", "readKeyMaterial", "inventoryWrite"],
  "inventory:write": ["inventoryWrite"],
};

/** True when a role holds `permission`. */
export function roleCan(role: Role, permission: Permission): boolean {
  return GRANTS[role]?.has(permission) ?? false;
}

/** The permissions a token scope needs from its creator's role (a helpdesk may not hold a `mutate` token). */
export function scopeAllowedForRole(scope: TokenScope, role: Role): boolean {
  return SCOPE_GRANTS[scope].every((permission) => roleCan(role, permission));
}

/** True when `actor` holds `permission`: its role allows it and, for an API token, one of the token's scopes does too. */
export function can(actor: Actor, permission: Permission): boolean {
  if (!roleCan(actor.role, permission)) return false;
  return !actor.token || actor.token.scopes.some((scope) => SCOPE_GRANTS[scope]?.includes(permission));
}

/** Throws `ERR_FORBIDDEN` unless `actor` holds `permission`. */
export function requirePermission(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new AppError("ERR_UNAUTHENTICATED", "Sign in to continue.");
  if (!can(actor, permission)) {
    if (roleCan(actor.role, permission) && actor.token) {
      throw new AppError("ERR_FORBIDDEN", `The API token "${actor.token.name}" has the scopes ${actor.token.scopes.join(", ")}: this needs ${scopeFor(permission)}.`, {
        needs: scopeFor(permission),
      });
    }
    throw new AppError(
      "ERR_FORBIDDEN",
      permission === "mutate" || permission === "inventoryWrite"
        ? `The ${actor.role} role is read-only: this change needs an administrator.`
        : permission === "readKeyMaterial"
          ? `The ${actor.role} role may not see key material.`
          : `The ${actor.role} role may not do this.`,
    );
  }
}

/**
 * Throws `ERR_FORBIDDEN` when an API token with only the `read` scope sends a mutation: checked by the API wrapper
 * before the body is read, so a read token is refused on every mutating route whatever its body (the use-cases
 * check their own permission as well).
 */
export function requireWritableToken(actor: Actor | null): void {
  if (actor?.token && actor.token.scopes.every((scope) => scope === "read")) {
    throw new AppError("ERR_FORBIDDEN", `The API token "${actor.token.name}" is read-only: it may not send changes.`, { needs: "diagnostics, mutate or inventory:write" });
  }
}

function scopeFor(permission: Permission): TokenScope {
  if (permission === "read") return "read";
  if (permission === "diagnostics") return "diagnostics";
  if (permission === "inventoryWrite") return "inventory:write";
  return "mutate";
}
