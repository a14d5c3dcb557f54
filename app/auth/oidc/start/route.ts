import { NextResponse, type NextRequest } from "next/server";
import { beginOidcSignIn } from "@/lib/server/auth/begin-oidc-sign-in";
import { OIDC_TRANSACTION_COOKIE, oidcTransactionCookieOptions } from "@/lib/server/auth/oidc-transaction";
import { toErrorResponse } from "@/lib/server/errors";
import { backToSignIn } from "../back-to-sign-in";
import { clientAddressFrom } from "@/lib/server/auth/client-address";

export const dynamic = "force-dynamic";

/** GET /auth/oidc/start?next=/path — redirects to the OpenID Provider with PKCE, state and nonce in a sealed cookie. */
export async function GET(request: NextRequest) {
  try {
    const started = await beginOidcSignIn({ next: request.nextUrl.searchParams.get("next") ?? undefined, clientAddress: clientAddressFrom(request.headers).slice(0, 64) });
    const response = NextResponse.redirect(started.authorizationUrl, 303);
    response.cookies.set(OIDC_TRANSACTION_COOKIE, started.transactionCookie, oidcTransactionCookieOptions(started.expiresAt));
    return response;
  } catch (error) {
    const { body } = toErrorResponse(error);
    return backToSignIn(body.error.code);
  }
}
