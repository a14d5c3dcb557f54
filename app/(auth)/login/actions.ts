"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { signInWithPassword } from "@/lib/server/auth/sign-in-with-password";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/server/auth/session";
import { signOut } from "@/lib/server/auth/sign-out";
import { toErrorResponse } from "@/lib/server/errors";
import { signInSchema } from "@/lib/validations/sign-in";
import { clientAddress } from "@/lib/actions/current-actor";
import { safeNextPath } from "@/lib/validations/next-path";

export interface SignInState {
  error?: string;
}

/** Signs in from the login form and sets the HTTP-only session cookie. */
export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const totpCode = form.get("totpCode");
  const parsed = signInSchema.safeParse({ username: form.get("username"), password: form.get("password"), ...(totpCode ? { totpCode: String(totpCode).trim() } : {}) });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter your user name and password." };
  try {
    const session = await signInWithPassword({ ...parsed.data, clientAddress: await clientAddress() });
    (await cookies()).set(SESSION_COOKIE, session.token, sessionCookieOptions(session.expiresAt));
  } catch (error) {
    return { error: toErrorResponse(error).body.error.message };
  }
  redirect(safeNextPath(form.get("next")));
}

/** Ends the session. */
export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  await signOut(jar.get(SESSION_COOKIE)?.value, await clientAddress());
  jar.set(SESSION_COOKIE, "", { ...sessionCookieOptions(new Date(0)), maxAge: 0 });
  redirect("/login");
}
