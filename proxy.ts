import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "@/lib/validations/next-path";
import { serverActionRefusal } from "@/lib/api/server-action-request";

/**
 * Refuses cross-site and malformed server action calls — audited, in the console's error shape
 * (`{ error: { code, message } }`) rather than Next's HTTP 500 digest (see app/api/v1/refusals/server-action) —
 * and passes the requested page on to the console layout, so that sign-in returns to it.
 */
export async function proxy(request: NextRequest) {
  if (await serverActionRefusal(request)) {
    // Answered (and audited) by the refusal route, which derives the refusal again from the same request.
    const target = request.nextUrl.clone();
    target.pathname = "/api/v1/refusals/server-action";
    target.search = `?path=${encodeURIComponent(request.nextUrl.pathname)}`;
    return NextResponse.rewrite(target);
  }
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api/|_next/|lab/|favicon.ico).*)"],
};
