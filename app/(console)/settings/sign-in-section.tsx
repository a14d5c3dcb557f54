import { can, type Actor } from "@/lib/server/auth/actor";
import { getSignInSettings } from "@/lib/server/auth/get-sign-in-settings";
import { SignInSettingsForm } from "./sign-in-settings-form";

/** Settings → Sign-in: Active Directory / LDAP and OpenID Connect, and the group → role mapping. */
export async function SignInSection({ actor }: { actor: Actor }) {
  const { hasClientSecret, ...initial } = await getSignInSettings(actor);
  return <SignInSettingsForm initial={{ ...initial, oidcClientSecret: "", clearClientSecret: false }} hasClientSecret={hasClientSecret} readOnly={!can(actor, "mutate")} />;
}
