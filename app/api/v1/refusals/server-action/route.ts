import { NextResponse, type NextRequest } from "next/server";
import { serverActionRefusal } from "@/lib/api/server-action-request";
import { actorFromToken, SESSION_COOKIE } from "@/lib/server/auth/session";
import { clientAddressFrom } from "@/lib/server/auth/client-address";
import { auditRefusal } from "@/lib/server/audit-refusal";
import { AppError, toErrorResponse } from "@/lib/server/errors";

/**
 * Where `proxy.ts` sends a refused server action call (cross-site or malformed), so that the refusal is audited —
 * rate-limited per client address like every refusal anyone can provoke — and answered in the stable error shape.
 * The refusal is derived again from the request itself: a request that is not refused gets 404, so this address
 * cannot be used to write arbitrary audit rows.
 */
export async function POST(request: NextRequest) {
  const refusal = (await serverActionRefusal(request)) ?? new AppError("ERR_NOT_FOUND", "There is no API endpoint at this address.");
  if (refusal.code !== "ERR_NOT_FOUND") {
    const actor = await actorFromToken(request.cookies.get(SESSION_COOKIE)?.value).catch(() => null);
    const page = (request.nextUrl.searchParams.get("path") ?? "").slice(0, 200);
    await auditRefusal(refusal, actor, "action.post", `page:${page}`, clientAddressFrom(request.headers));
  }
  const { status, body } = toErrorResponse(refusal);
  return NextResponse.json(body, { status });
}
