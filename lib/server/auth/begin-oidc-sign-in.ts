import * as oidc from "openid-client";
import { safeNextPath } from "@/lib/validations/next-path";
import { db } from "../db";
import { writeAudit } from "../audit";
import { takeRefusalSlot } from "../audit-refusal";
import { AppError } from "../errors";
import { loadOidcContext } from "./oidc-configuration";
import { OIDC_TRANSACTION_TTL_MS, sealOidcTransaction } from "./oidc-transaction";

/** The scopes asked for: the ID token, the user's name and e-mail (the role claim comes in the ID token or from userinfo). */
export const OIDC_SCOPES = "openid profile email";

/**
 * Starts an authorization code flow with PKCE (S256), state and nonce: returns the provider's authorization URL to
 * redirect to and the sealed transaction cookie that carries state, nonce and the code verifier to the callback.
 * A refusal here (OIDC off, provider unreachable, another issuer in its discovery document) is audited, at most once
 * a minute per client address (anyone can press the button).
 */
export async function beginOidcSignIn(input: { next?: unknown; clientAddress: string }, now = new Date()): Promise<{ authorizationUrl: string; transactionCookie: string; expiresAt: Date }> {
  let context;
  try {
    context = await loadOidcContext();
  } catch (error) {
    if (error instanceof AppError && takeRefusalSlot(`oidcStart:${input.clientAddress}`, now.getTime())) {
      await writeAudit(db, { username: "(oidc)", role: "anonymous" }, { action: "auth.signIn", targetType: "user", targetId: "(oidc)", details: { clientAddress: input.clientAddress, source: "oidc", code: error.code, reason: error.message.slice(0, 300) }, outcome: "refused" });
    }
    throw error;
  }
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
