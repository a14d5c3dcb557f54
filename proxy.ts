import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "@/lib/validations/next-path";
import { serverActionRefusal } from "@/lib/api/server-action-request";
import { toErrorResponse } from "@/lib/server/errors";

/**
 * Refuses cross-site and malformed server action calls in the console's error shape (`{ error: { code, message } }`)
 * rather than Next's HTTP 500 digest, and passes the requested page on to the console layout, so that sign-in
 * returns to it.
 */
export async function proxy(request: NextRequest) {
  const refusal = await serverActionRefusal(request);
  if (refusal) {
    const { status, body } = toErrorResponse(refusal);
    return NextResponse.json(body, { status });
  }
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api/|_next/|lab/|favicon.ico).*)"],
};
