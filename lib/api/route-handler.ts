import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { toErrorResponse, AppError } from "@/lib/server/errors";
import { actorFromToken, SESSION_COOKIE } from "@/lib/server/auth/session";
import type { Actor } from "@/lib/server/auth/actor";
import { auditRefusal } from "@/lib/server/audit-refusal";

/** Context handed to an API handler. */
export interface ApiContext<P> {
  request: NextRequest;
  actor: Actor | null;
  params: P;
}

/** Largest JSON body the API accepts. */
export const MAX_JSON_BYTES = 1024 * 1024;

/**
 * Wraps a route handler for `/api/v1`: resolves the actor from the session cookie or an
 * `Authorization: Bearer <token>` header, runs the handler and converts errors to JSON with stable codes.
 */
export function apiRoute<P = Record<string, string>>(handler: (ctx: ApiContext<P>) => Promise<unknown>) {
  return async (request: NextRequest, context: { params: Promise<P> }) => {
    let actor: Actor | null = null;
    try {
      const bearer = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
      actor = await actorFromToken(bearer ?? request.cookies.get(SESSION_COOKIE)?.value);
      const result = await handler({ request, actor, params: await context.params });
      return result instanceof Response ? result : NextResponse.json(result ?? { ok: true });
    } catch (error) {
      await auditRefusal(error, actor, `api.${request.method.toLowerCase()}`, request.nextUrl.pathname);
      const { status, body } = toErrorResponse(error);
      return NextResponse.json(body, { status });
    }
  };
}

/** Reads a JSON body with a size cap; malformed JSON is `ERR_VALIDATION`. */
export async function readJson(request: NextRequest): Promise<unknown> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_JSON_BYTES) throw new AppError("ERR_INPUT_TOO_LARGE", "The request body is larger than 1 MB.");
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) throw new AppError("ERR_INPUT_TOO_LARGE", "The request body is larger than 1 MB.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("ERR_VALIDATION", "The request body is not valid JSON.");
  }
}
