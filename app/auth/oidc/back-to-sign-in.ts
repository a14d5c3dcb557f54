import { NextResponse } from "next/server";

/** Back to the sign-in page with the stable code; a relative Location keeps the browser on the host it used. */
export const backToSignIn = (code: string) => new NextResponse(null, { status: 303, headers: { location: `/login?error=${encodeURIComponent(code)}` } });
