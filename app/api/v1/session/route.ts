import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/route-handler";
import { signIn } from "@/lib/server/auth/sign-in";
import { deleteSession, SESSION_COOKIE } from "@/lib/server/auth/session";
import { AppError } from "@/lib/server/errors";
import { signInSchema } from "@/lib/validations/sign-in";

/** POST /api/v1/session — sign in; returns a bearer token and sets the session cookie. */
export const POST = apiRoute(async ({ request }) => {
  const parsed = signInSchema.safeParse(await readJson(request));
  if (!parsed.success) throw new AppError("ERR_VALIDATION", parsed.error.issues[0]?.message ?? "Invalid sign-in body.");
  const address = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "api";
  const session = await signIn({ ...parsed.data, clientAddress: address });
  const response = NextResponse.json({ token: session.token, expiresAt: session.expiresAt, user: session.user });
  response.cookies.set(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: "strict", path: "/", expires: session.expiresAt });
  return response;
});

/** DELETE /api/v1/session — sign out. */
export const DELETE = apiRoute(async ({ request }) => {
  const bearer = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  await deleteSession(bearer ?? request.cookies.get(SESSION_COOKIE)?.value);
  const response = NextResponse.json({ ok: true });
  response.cookies.delete(SESSION_COOKIE);
  return response;
});
