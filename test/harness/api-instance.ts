// A console web instance for the two-instance test and the refresh bench: its own process and its own database connection, serving the
// real /api/v1 route handlers it is asked for over HTTP on a free loopback port (no `next start`: building and
// starting the Next app twice would take minutes). Prints "listening <port>" when ready.
// Run with `node --conditions=react-server --import tsx` (route modules import "server-only").
import http from "node:http";
import { NextRequest } from "next/server";

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Route = { pattern: RegExp; keys: string[]; methods: Record<string, Handler> };

const certificates = await import("../../app/api/v1/certificates/route");
const services = await import("../../app/api/v1/certificates/[id]/services/route");
const health = await import("../../app/api/health/route");
const routes: Route[] = [
  { pattern: /^\/api\/v1\/certificates$/, keys: [], methods: { GET: certificates.GET as unknown as Handler } },
  { pattern: /^\/api\/v1\/certificates\/([^/]+)\/services$/, keys: ["id"], methods: { GET: services.GET as Handler, POST: services.POST as Handler } },
  { pattern: /^\/api\/health$/, keys: [], methods: { GET: health.GET as unknown as Handler } },
];

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
    const route = routes.find((r) => r.pattern.test(url.pathname));
    const handler = route?.methods[req.method ?? "GET"];
    if (!route || !handler) {
      res.writeHead(404).end();
      return;
    }
    const match = route.pattern.exec(url.pathname)!;
    const params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(match[i + 1] as string)]));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    headers.set("x-certconsole-peer", req.socket.remoteAddress ?? "127.0.0.1");
    const body = chunks.length ? Buffer.concat(chunks) : null;
    const response = await handler(new NextRequest(url, { method: req.method, headers, ...(body ? { body } : {}) }), { params: Promise.resolve(params) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    res.writeHead(500, { "content-type": "text/plain" }).end((error as Error).message);
  }
});
server.listen(0, "127.0.0.1", () => console.log(`listening ${(server.address() as { port: number }).port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
