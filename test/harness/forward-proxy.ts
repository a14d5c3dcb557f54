/**
 * A real HTTP forward proxy (the `proxy` npm package) on 127.0.0.1, logging which hosts it carried,
 * so tests can prove a CDP host outside the bypass list went through it and one inside went direct.
 * Also gives the URL of a "wrong proxy" (a closed port).
 */
import http from "node:http";
import net, { type Socket } from "node:net";
import { createProxy } from "proxy";

/** One request the proxy carried: `GET http://host:port/path` (absolute form) or `CONNECT host:port`. */
export interface CarriedRequest {
  method: string;
  /** `host:port` of the target. */
  target: string;
  url: string;
}

export interface ForwardProxy {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  carried: CarriedRequest[];
  /** True if the proxy carried a request to `host:port` (or any port when only a host is given). */
  carriedHost(hostOrHostPort: string): boolean;
  stop(): Promise<void>;
}

/** Starts a forward proxy. With `credentials`, requests without that Basic Proxy-Authorization get 407. */
export async function startForwardProxy(options: { credentials?: { user: string; pass: string } } = {}): Promise<ForwardProxy> {
  const carried: CarriedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createProxy(http.createServer());
  if (options.credentials) {
    const expected = `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.pass}`).toString("base64")}`;
    server.authenticate = (req) => req.headers["proxy-authorization"] === expected;
  }
  server.prependListener("request", (req: http.IncomingMessage) => {
    const url = req.url ?? "";
    let target = url;
    try {
      const parsed = new URL(url);
      target = `${parsed.hostname}:${parsed.port || "80"}`;
    } catch {
      // origin-form request to the proxy itself; keep as is
    }
    carried.push({ method: req.method ?? "GET", target, url });
  });
  server.prependListener("connect", (req: http.IncomingMessage) => {
    carried.push({ method: "CONNECT", target: req.url ?? "", url: req.url ?? "" });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    carried,
    carriedHost: (h) => carried.some((c) => c.target === h || c.target.replace(/:\d+$/, "") === h),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound then released), for the "wrong proxy" case. */
export async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
