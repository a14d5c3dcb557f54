import { timingSafeEqual } from "node:crypto";
import * as oidc from "openid-client";
import { AppError } from "../errors";
import { loadOidcContext, type OidcContext } from "./oidc-configuration";
import { openOidcTransaction } from "./oidc-transaction";
import { openExternalSession, refuseIfThrottled, refuseSignIn } from "./external-sign-in";
import { roleForGroups, roleMappingsOf } from "./sign-in-settings";

const ACTION = "auth.signIn";
/** Throttle key of OIDC callbacks: the user is not known before the code is exchanged, so the address is counted. */
const THROTTLE_NAME = "(oidc)";

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The role claim's values: a list of strings, or one string (space- or comma-separated lists are split). */
export function claimValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

function firstString(...values: unknown[]): string | null {
  for (const v of values) if (typeof v === "string" && v.trim()) return v.trim();
  return null;
}

/** Exchanges the code (PKCE verifier, state and nonce checked) and reads the identity and the role claim. */
async function exchange(context: OidcContext, callbackUrl: URL, transaction: { state: string; nonce: string; verifier: string }) {
  const tokens = await oidc.authorizationCodeGrant(context.config, callbackUrl, { pkceCodeVerifier: transaction.verifier, expectedState: transaction.state, expectedNonce: transaction.nonce, idTokenExpected: true });
  const claims = tokens.claims();
  if (!claims) throw new AppError("ERR_OIDC_TOKEN_INVALID", "The provider returned no ID token.");
  let source: Record<string, unknown> = claims;
  if (!(context.roleClaim in claims)) source = { ...(await oidc.fetchUserInfo(context.config, tokens.access_token, claims.sub)), ...claims };
  return { claims, values: claimValues(source[context.roleClaim]), username: firstString(source.preferred_username, source.email, source.upn, claims.sub) ?? claims.sub };
}

/**
 * Completes an OIDC sign-in at the callback: the sealed transaction cookie must open and its state match the
 * returned one (ERR_OIDC_STATE_MISMATCH), the response must come from the configured issuer
 * (ERR_OIDC_ISSUER_MISMATCH), the provider must accept the code with the PKCE verifier (ERR_OIDC_CODE_REJECTED: a
 * replayed or forged code), the ID token must verify with the nonce (ERR_OIDC_TOKEN_INVALID), and the role claim must
 * map to a role (ERR_NO_MAPPED_ROLE). Each refusal is counted by the throttle and audited, and changes nothing else.
 */
export async function completeOidcSignIn(input: { callbackUrl: string; transactionCookie: string | undefined; clientAddress: string }, now = new Date()) {
  await refuseIfThrottled(ACTION, THROTTLE_NAME, input.clientAddress, now);
  const refuse = async (code: string, message: string, details: Record<string, unknown> = {}) => refuseSignIn(ACTION, THROTTLE_NAME, input.clientAddress, code, message, { source: "oidc", ...details }, now);
  const callbackUrl = new URL(input.callbackUrl);
  const providerError = callbackUrl.searchParams.get("error");
  if (providerError) throw await refuse("ERR_OIDC_PROVIDER_ERROR", `The provider did not sign you in: ${providerError.slice(0, 100)}.`, { error: providerError.slice(0, 100), description: (callbackUrl.searchParams.get("error_description") ?? "").slice(0, 300) });
  const transaction = openOidcTransaction(input.transactionCookie, now);
  const returnedState = callbackUrl.searchParams.get("state") ?? "";
  if (!transaction || !sameText(returnedState, transaction.state)) {
    throw await refuse("ERR_OIDC_STATE_MISMATCH", "The sign-in response does not belong to a sign-in started here (state mismatch or expired). Start again.", { reason: transaction ? "state differs" : "no valid transaction cookie" });
  }
  const context = await loadOidcContext();
  const issuer = context.config.serverMetadata().issuer;
  const returnedIssuer = callbackUrl.searchParams.get("iss");
  if (returnedIssuer !== null && returnedIssuer !== issuer) {
    throw await refuse("ERR_OIDC_ISSUER_MISMATCH", "The sign-in response comes from another issuer than the configured provider.", { expected: issuer, received: returnedIssuer.slice(0, 300) });
  }
  let identity;
  try {
    identity = await exchange(context, callbackUrl, transaction);
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    if (error instanceof AppError || cause instanceof AppError) {
      const known = error instanceof AppError ? error : (cause as AppError);
      throw await refuse(known.code, known.message);
    }
    const message = (error as Error).message;
    // The token endpoint's error answer: a ResponseBodyError (invalid_grant …) or, its body not kept by the
    // console's fetcher, the bare error Response.
    const oauthError = (error as { error?: unknown }).error;
    const status = cause instanceof Response ? cause.status : (error as { status?: unknown }).status;
    if (typeof oauthError === "string" || (typeof status === "number" && status >= 400)) {
      const reason = typeof oauthError === "string" ? oauthError : `the token endpoint answered HTTP ${String(status)}`;
      throw await refuse("ERR_OIDC_CODE_REJECTED", "The provider refused the sign-in code (already used, expired or not issued to this console). Start again.", { reason });
    }
    if (/iss/i.test(message) && /mismatch|unexpected/i.test(message)) throw await refuse("ERR_OIDC_ISSUER_MISMATCH", "The sign-in response comes from another issuer than the configured provider.", { reason: message.slice(0, 300) });
    throw await refuse("ERR_OIDC_TOKEN_INVALID", "The provider's answer could not be verified.", { reason: message.slice(0, 300) });
  }
  const mapped = roleForGroups(roleMappingsOf(context.roleMappings), "oidc", identity.values);
  if (!mapped) {
    throw await refuse("ERR_NO_MAPPED_ROLE", `Your account has no ${context.roleClaim} value that has a role in this console. Ask an administrator to map it.`, { subject: identity.claims.sub, claim: context.roleClaim, values: identity.values.slice(0, 50) });
  }
  const session = await openExternalSession(
    ACTION,
    { source: "oidc", externalId: `${issuer}|${identity.claims.sub}`, username: identity.username.slice(0, 64), role: mapped.role, details: { issuer, subject: identity.claims.sub, claim: context.roleClaim, value: mapped.via } },
    input.clientAddress,
    now,
  );
  return { ...session, next: transaction.next };
}
