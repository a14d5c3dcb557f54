import { db } from "../db";
import { requirePermission, type Actor } from "./actor";
import { readSignInSettings, roleMappingsOf } from "./sign-in-settings";
import type { LDAP_GROUP_MODES, LDAP_TRANSPORTS, RoleMapping } from "@/lib/validations/sign-in-settings";

/** The sign-in settings as the Settings page shows them: everything but the sealed client secret (only whether one is stored). */
export async function getSignInSettings(actor: Actor | null) {
  requirePermission(actor, "read");
  const { oidcClientSecretSealed, roleMappings, id: _id, updatedAt: _updatedAt, ...rest } = await readSignInSettings();
  return {
    ...rest,
    ldapTransport: rest.ldapTransport as (typeof LDAP_TRANSPORTS)[number],
    ldapGroupMode: rest.ldapGroupMode as (typeof LDAP_GROUP_MODES)[number],
    roleMappings: roleMappingsOf(roleMappings) as RoleMapping[],
    hasClientSecret: !!oidcClientSecretSealed,
  };
}

/**
 * What the sign-in page offers (no role needed): the OIDC button's label, and whether directory names are accepted.
 * Read-only (no settings row is created here), so rendering the sign-in page never writes to the database.
 */
export async function signInOptions() {
  const s = await db.signInSettings.findUnique({ where: { id: 1 }, select: { oidcEnabled: true, oidcDisplayName: true, ldapEnabled: true, ldapDomain: true } });
  return { oidc: s?.oidcEnabled ? { displayName: s.oidcDisplayName } : null, directory: s?.ldapEnabled ? { domain: s.ldapDomain } : null };
}
