import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/route-handler";
import { signInWithPassword } from "@/lib/server/auth/sign-in-with-password";
import { signOut } from "@/lib/server/auth/sign-out";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/server/auth/session";
import { AppError } from "@/lib/server/errors";
import { requireSessionActor } from "@/lib/server/auth/require-session-actor";
import { signInSchema } from "@/lib/validations/sign-in";

/** POST /api/v1/session — sign in; returns a bearer token and sets the session cookie. */
export const POST = apiRoute(
  async ({ request, clientAddress }) => {
    const parsed = signInSchema.safeParse(await readJson(request));
    if (!parsed.success) throw new AppError("ERR_VALIDATION", parsed.error.issues[0]?.message ?? "Invalid sign-in body.");
    const session = await signInWithPassword({ ...parsed.data, clientAddress });
    const response = NextResponse.json({ token: session.token, expiresAt: session.expiresAt, user: session.user });
    response.cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(session.expiresAt));
    return response;
  },
  { anonymous: true },
);

/** DELETE /api/v1/session — sign out. */
export const DELETE = apiRoute(async ({ request, actor, clientAddress }) => {
  // An API token is not a session: it is revoked on the API page, not signed out.
  requireSessionActor(actor);
  const bearer = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  await signOut(bearer ?? request.cookies.get(SESSION_COOKIE)?.value, clientAddress);
  const response = NextResponse.json({ ok: true });
  response.cookies.set(SESSION_COOKIE, "", { ...sessionCookieOptions(new Date(0)), maxAge: 0 });
  return response;
});
