import { DirectoryError, type DirectoryStep } from "@/lib/net/ldap-directory";
import type { Resolver } from "@/lib/net/address-guard";
import { readSettings } from "../settings/get-settings";
import { AppError } from "../errors";
import { addressPolicyFromSettings } from "../revocation/revocation-checker";
import { lookUpDirectoryAccount, parseDirectoryLogin } from "./look-up-directory-account";
import { readSignInSettings, roleForGroups, roleMappingsOf } from "./sign-in-settings";
import { openExternalSession, refuseIfThrottled, refuseSignIn } from "./external-sign-in";

const ACTION = "auth.signIn";

/** Messages shown at the sign-in form: credential failures never say which part was wrong. */
const USER_MESSAGES: Record<string, string> = {
  ERR_BAD_CREDENTIALS: "The user name or password is incorrect.",
  ERR_LDAP_ACCOUNT_NOT_FOUND: "The user name or password is incorrect.",
  ERR_NO_MAPPED_ROLE: "Your directory account is in no group that has a role in this console. Ask an administrator to map your group.",
};

/** Injectable parts (tests): the clock and a resolver. */
export interface DirectorySignInDeps {
  resolver?: Resolver;
}

/**
 * Signs in with a directory account typed as `user@domain` or `DOMAIN\user`: binds to the directory as that user
 * (over LDAPS or StartTLS, the server certificate validated by our own path validation against the configured CA
 * certificates; plain LDAP only when an admin allowed it), finds the user's groups (nested included) and maps them
 * to a role. Throttled and audited like local sign-in: every refusal (wrong password, untrusted server, no mapped
 * group, throttled) is counted and audited with a stable code and changes nothing else.
 */
export async function signInWithDirectory(input: { username: string; password: string; clientAddress: string }, now = new Date(), deps: DirectorySignInDeps = {}) {
  const settings = await readSignInSettings();
  const login = parseDirectoryLogin(input.username, settings.ldapDomain);
  if (!settings.ldapEnabled || !login) throw new AppError("ERR_DIRECTORY_SIGN_IN_OFF", "Directory sign-in is not enabled.");
  const name = login.upn.toLowerCase();
  await refuseIfThrottled(ACTION, name, input.clientAddress, now);
  const outbound = await readSettings();
  const steps: DirectoryStep[] = [];
  let account;
  try {
    account = await lookUpDirectoryAccount(settings, login, input.password, {
      policy: addressPolicyFromSettings(outbound),
      ...(deps.resolver ? { resolver: deps.resolver } : {}),
      timeoutMs: outbound.fetchTimeoutMs,
      now,
      steps,
    });
  } catch (error) {
    if (!(error instanceof DirectoryError)) throw error;
    const shown = USER_MESSAGES[error.code] ?? `Directory sign-in failed: ${error.message}`;
    throw await refuseSignIn(ACTION, name, input.clientAddress, error.code, shown, { source: "ldap", step: error.step, reason: error.message }, now);
  }
  const mapped = roleForGroups(roleMappingsOf(settings.roleMappings), "ldap", account.groups);
  if (!mapped) {
    throw await refuseSignIn(ACTION, name, input.clientAddress, "ERR_NO_MAPPED_ROLE", USER_MESSAGES.ERR_NO_MAPPED_ROLE!, { source: "ldap", dn: account.dn, groups: account.groups.slice(0, 50) }, now);
  }
  return openExternalSession(ACTION, { source: "ldap", externalId: account.dn, username: name, role: mapped.role, details: { dn: account.dn, group: mapped.via } }, input.clientAddress, now);
}
