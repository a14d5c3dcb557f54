import "server-only";
import type { NextRequest } from "next/server";
import { log, requestIdFrom, REQUEST_ID_HEADER } from "@/lib/server/log";
import { clientAddressFrom } from "@/lib/server/auth/client-address";

/**
 * Gives every API request an id (the caller's sane `X-Request-Id`, else a new UUID), returns it in the response's
 * `X-Request-Id` header, and logs one JSON line per request: id, method, path (no query string), status, duration
 * and client address. Never the body, the headers or the query: they may carry passwords and tokens.
 */
export function withRequestLog<C>(route: (request: NextRequest, context: C) => Promise<Response>) {
  return async (request: NextRequest, context: C): Promise<Response> => {
    const requestId = requestIdFrom(request.headers);
    const started = performance.now();
    let status = 500;
    try {
      const response = await route(request, context);
      status = response.status;
      response.headers.set(REQUEST_ID_HEADER, requestId);
      return response;
    } finally {
      const line = { requestId, method: request.method, path: request.nextUrl.pathname, status, durationMs: Math.round(performance.now() - started), clientAddress: clientAddressFrom(request.headers) };
      if (status >= 500) log.error(line, "api request failed");
      else log.info(line, "api request");
    }
  };
}
