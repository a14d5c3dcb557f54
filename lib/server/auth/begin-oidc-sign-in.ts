import * as oidc from "openid-client";
import { safeNextPath } from "@/lib/validations/next-path";
import { loadOidcContext } from "./oidc-configuration";
import { OIDC_TRANSACTION_TTL_MS, sealOidcTransaction } from "./oidc-transaction";

/** The scopes asked for: the ID token, the user's name and e-mail (the role claim comes in the ID token or from userinfo). */
export const OIDC_SCOPES = "openid profile email";

/**
 * Starts an authorization code flow with PKCE (S256), state and nonce: returns the provider's authorization URL to
 * redirect to and the sealed transaction cookie that carries state, nonce and the code verifier to the callback.
 */
export async function beginOidcSignIn(input: { next?: unknown }, now = new Date()): Promise<{ authorizationUrl: string; transactionCookie: string; expiresAt: Date }> {
  const context = await loadOidcContext();
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(context.config, {
    redirect_uri: context.redirectUrl,
    scope: OIDC_SCOPES,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const expiresAt = new Date(now.getTime() + OIDC_TRANSACTION_TTL_MS);
  const transactionCookie = sealOidcTransaction({ state, nonce, verifier, next: safeNextPath(input.next), exp: expiresAt.getTime() });
  return { authorizationUrl: url.href, transactionCookie, expiresAt };
}
