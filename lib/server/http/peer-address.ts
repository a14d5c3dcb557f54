import http from "node:http";
import net from "node:net";

/**
 * Header the console's own HTTP server stamps on every request with the TCP peer's address. Any value a client
 * sends under this name is overwritten, so route handlers and server actions can rely on it (Next.js itself only
 * passes on `X-Forwarded-For`, which it fills from the socket only when the client did not send one).
 */
export const PEER_ADDRESS_HEADER = "x-certconsole-peer";

const INSTALLED = Symbol.for("certconsole.peerAddressHeader");

/** Stamps {@link PEER_ADDRESS_HEADER} on the request of a `request` event. */
export function stampPeerAddress(request: http.IncomingMessage): void {
  request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
}

/**
 * Makes every HTTP(S) server of this process stamp {@link PEER_ADDRESS_HEADER} before its request listeners run
 * (called once from `instrumentation.ts`, which Next.js runs in the server process before it serves). Idempotent.
 */
export function installPeerAddressHeader(): void {
  type Emit = (this: net.Server, event: string | symbol, ...args: unknown[]) => boolean;
  const proto = net.Server.prototype as unknown as { emit: Emit; [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  const emit = proto.emit;
  proto.emit = function (this: net.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request" && args[0] instanceof http.IncomingMessage) stampPeerAddress(args[0]);
    return emit.call(this, event, ...args);
  };
  proto[INSTALLED] = true;
}
