import * as oidc from "openid-client";
import type { PkiFetcher } from "@/lib/pki/ports";
import { classifyAddress } from "@/lib/net/address-guard";
import { AppError } from "../errors";
import { readSettings } from "../settings/get-settings";
import { fetcherFromSettings } from "../revocation/revocation-checker";
import { loadMasterKey } from "../security/master-key";
import { openPrivateKey } from "../security/key-vault";
import { readSignInSettings } from "./sign-in-settings";

/** Bodies from the provider (discovery, JWKS, tokens, userinfo) are small: 1 MB at most. */
const MAX_PROVIDER_BYTES = 1024 * 1024;

/**
 * openid-client's fetch, carried by the console's own outbound fetcher: the SSRF guard and URL allow-list, the
 * console proxy and bypass list, the timeout and a size cap apply to every request to the provider.
 */
export function providerFetch(fetcher: PkiFetcher): oidc.CustomFetch {
  return async (url, options) => {
    const body = options.body instanceof URLSearchParams ? options.body.toString() : typeof options.body === "string" ? options.body : undefined;
    const outcome = await fetcher({
      url,
      method: options.method === "POST" ? "POST" : "GET",
      headers: options.headers,
      maxBytes: MAX_PROVIDER_BYTES,
      ...(body !== undefined ? { body: new TextEncoder().encode(body) } : {}),
    });
    if (!outcome.ok && outcome.errorCode === "ERR_FETCH_HTTP_STATUS" && outcome.httpStatus && outcome.httpStatus >= 400 && outcome.httpStatus <= 599) {
      // The provider answered with an error status: openid-client reports it (invalid_grant and so on).
      return new Response(null, { status: outcome.httpStatus });
    }
    if (!outcome.ok) throw new AppError("ERR_OIDC_UNREACHABLE", `The OpenID Provider could not be reached: ${outcome.error ?? outcome.errorCode}`);
    return new Response(outcome.body ? Buffer.from(outcome.body) : null, { status: outcome.httpStatus ?? 200, headers: { "content-type": outcome.contentType ?? "application/json" } });
  };
}

/** True for an http:// issuer on a loopback address (a lab provider); every other issuer must be https://. */
function loopbackHttp(issuer: URL): boolean {
  const host = issuer.hostname.replace(/^\[(.*)\]$/, "$1");
  return issuer.protocol === "http:" && (host === "localhost" || (classifyAddress(host) ?? "").startsWith("a loopback address"));
}

/** What the OIDC use-cases need: the provider's configuration and the console's settings for it. */
export interface OidcContext {
  config: oidc.Configuration;
  roleClaim: string;
  redirectUrl: string;
  roleMappings: string;
}

/**
 * Discovers the configured provider (`/.well-known/openid-configuration`) through the console's outbound fetcher
 * and returns the client configuration: client_secret_basic with the sealed secret opened, or a public client
 * (PKCE only) when no secret is stored. Throws ERR_OIDC_SIGN_IN_OFF when OIDC sign-in is not enabled,
 * ERR_OIDC_ISSUER_MISMATCH when the provider's document names another issuer, ERR_OIDC_DISCOVERY otherwise.
 */
export async function loadOidcContext(): Promise<OidcContext> {
  const settings = await readSignInSettings();
  if (!settings.oidcEnabled || !settings.oidcIssuer || !settings.oidcClientId) throw new AppError("ERR_OIDC_SIGN_IN_OFF", "OpenID Connect sign-in is not enabled.");
  const issuer = new URL(settings.oidcIssuer);
  const secret = settings.oidcClientSecretSealed ? openPrivateKey(settings.oidcClientSecretSealed, loadMasterKey()).toString("utf8") : null;
  const fetch = providerFetch(fetcherFromSettings(await readSettings()));
  let config: oidc.Configuration;
  try {
    config = await oidc.discovery(issuer, settings.oidcClientId, undefined, secret ? oidc.ClientSecretBasic(secret) : oidc.None(), {
      [oidc.customFetch]: fetch,
      ...(loopbackHttp(issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof AppError) throw cause;
    const message = (error as Error).message;
    if (/issuer/i.test(message) && /mismatch|does not match|unexpected/i.test(message)) {
      throw new AppError("ERR_OIDC_ISSUER_MISMATCH", `The provider at ${issuer.href} names another issuer in its discovery document: ${message}`);
    }
    throw new AppError("ERR_OIDC_DISCOVERY", `The OpenID Provider's configuration could not be read from ${issuer.href}: ${message}`);
  }
  return { config, roleClaim: settings.oidcRoleClaim, redirectUrl: settings.oidcRedirectUrl, roleMappings: settings.roleMappings };
}
