import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { toErrorResponse, AppError } from "@/lib/server/errors";
import { actorFromToken, SESSION_COOKIE } from "@/lib/server/auth/session";
import { requireWritableToken, type Actor } from "@/lib/server/auth/actor";
import { auditRefusal } from "@/lib/server/audit-refusal";
import { clientAddressFrom } from "@/lib/server/auth/client-address";
import { assertMediaType, assertSameOrigin, SAFE_METHODS } from "./same-origin";
import { withRequestLog } from "./request-log";

export { MAX_JSON_BYTES, readJson } from "./read-body";

/** Context handed to an API handler. */
export interface ApiContext<P> {
  request: NextRequest;
  actor: Actor | null;
  params: P;
  /** The client's address (the TCP peer, or the forwarded client behind a trusted proxy). */
  clientAddress: string;
}

/** What a route allows beyond the defaults. */
export interface ApiRouteOptions {
  /** Callers without a session may use the route's mutations (only `POST /api/v1/session`, the sign-in). */
  anonymous?: boolean;
  /** Body types accepted from cookie-authenticated callers; `application/json` by default (uploads add `multipart/form-data`). */
  accept?: readonly string[];
}

/** Options of the upload routes: the wizards post `multipart/form-data` (with upload progress) as well as JSON. */
export const UPLOAD_ROUTE: ApiRouteOptions = { accept: ["application/json", "multipart/form-data"] };

/**
 * Wraps a route handler for `/api/v1`: resolves the actor from an `Authorization: Bearer <token>` header or the
 * session cookie, then, before the handler reads a byte of the body:
 * - a mutation without a valid session or token is `ERR_UNAUTHENTICATED` (401) unless the route is `anonymous`;
 * - a mutation with an API token that has only the `read` scope is `ERR_FORBIDDEN` (403), whatever the route;
 * - a mutation not authenticated by a bearer token (the browser's cookie) must come from the console's own origin
 *   (`ERR_CSRF_ORIGIN`, 403) and declare an accepted body type (`ERR_UNSUPPORTED_MEDIA_TYPE`, 415).
 * Then it runs the handler and converts errors to JSON with stable codes; refusals are audited. Each request gets an
 * `X-Request-Id` and one log line (see withRequestLog).
 */
export function apiRoute<P = Record<string, string>>(handler: (ctx: ApiContext<P>) => Promise<unknown>, options: ApiRouteOptions = {}) {
  return withRequestLog(async (request: NextRequest, context: { params: Promise<P> }) => {
    let actor: Actor | null = null;
    const clientAddress = clientAddressFrom(request.headers);
    try {
      const bearer = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
      actor = await actorFromToken(bearer ?? request.cookies.get(SESSION_COOKIE)?.value);
      if (!SAFE_METHODS.has(request.method)) {
        if (!actor && !options.anonymous) throw new AppError("ERR_UNAUTHENTICATED", "Sign in, or send an API token, to continue.");
        requireWritableToken(actor);
        if (!bearer) {
          assertSameOrigin(request.headers);
          assertMediaType(request.headers, options.accept ?? ["application/json"]);
        }
      }
      const result = await handler({ request, actor, params: await context.params, clientAddress });
      return result instanceof Response ? result : NextResponse.json(result ?? { ok: true });
    } catch (error) {
      await auditRefusal(error, actor, `api.${request.method.toLowerCase()}`, request.nextUrl.pathname, clientAddress);
      // A refused mutation leaves the rest of its body unread here; Node's server discards it without buffering.
      const { status, body } = toErrorResponse(error);
      return NextResponse.json(body, { status });
    }
  });
}
