import { NextResponse, type NextRequest } from "next/server";
import { completeOidcSignIn } from "@/lib/server/auth/complete-oidc-sign-in";
import { readSignInSettings } from "@/lib/server/auth/sign-in-settings";
import { OIDC_TRANSACTION_COOKIE, oidcTransactionCookieOptions } from "@/lib/server/auth/oidc-transaction";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/server/auth/session";
import { clientAddressFrom } from "@/lib/server/auth/client-address";
import { toErrorResponse } from "@/lib/server/errors";
import { backToSignIn } from "../back-to-sign-in";

export const dynamic = "force-dynamic";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * GET /auth/oidc/callback — the provider's redirect back. On success the session cookie is set and a small page
 * moves on to the console: the session cookie is SameSite=Strict, so the next request must be a same-site
 * navigation (a redirect answering the provider's cross-site one would arrive without it).
 */
export async function GET(request: NextRequest) {
  // The redirect URI the provider knows is the configured one (the console may sit behind a reverse proxy).
  const configured = (await readSignInSettings()).oidcRedirectUrl || `${request.nextUrl.origin}${request.nextUrl.pathname}`;
  const clearTransaction = (response: NextResponse) => {
    response.cookies.set(OIDC_TRANSACTION_COOKIE, "", { ...oidcTransactionCookieOptions(new Date(0)), maxAge: 0 });
    return response;
  };
  try {
    const session = await completeOidcSignIn({
      callbackUrl: `${configured}${request.nextUrl.search}`,
      transactionCookie: request.cookies.get(OIDC_TRANSACTION_COOKIE)?.value,
      clientAddress: clientAddressFrom(request.headers).slice(0, 64),
    });
    const target = escapeHtml(session.next);
    const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${target}"><title>Signing in…</title></head><body><p>Signed in. <a href="${target}">Continue to the console</a>.</p></body></html>`;
    const response = new NextResponse(page, { status: 200, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
    response.cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(session.expiresAt));
    return clearTransaction(response);
  } catch (error) {
    const { body } = toErrorResponse(error);
    return clearTransaction(backToSignIn(body.error.code));
  }
}
