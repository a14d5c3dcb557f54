/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) serving CRLs and AIA certificates from a directory,
 * plus misbehaving endpoints for the bad-input cases: hang, reset, 404/500, garbage, wrong content type,
 * redirect loop, redirect to the cloud metadata address, and an endless body. Counts requests and
 * records conditional headers.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import http from "node:http";
import type { Socket } from "node:net";
import path from "node:path";

/** One request as the server saw it. */
export interface LoggedRequest {
  method: string;
  path: string;
  host?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  bodyBytes: number;
}

export interface CrlServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** The directory static files are served from (`/files/<name>` or `/<name>`). */
  dir: string;
  requests: LoggedRequest[];
  /** Number of requests whose path equals `p`. */
  count(p: string): number;
  /** Bytes written so far by the `/endless` endpoint. */
  endlessBytesSent(): number;
  stop(): Promise<void>;
}

const TYPES: Record<string, string> = {
  ".crl": "application/pkix-crl",
  ".cer": "application/pkix-cert",
  ".crt": "application/pkix-cert",
  ".p7c": "application/pkcs7-mime",
};

/** Starts the server; static files are read from `dir` on each request, so files may be added after start. */
export async function startCrlServer(options: { dir: string; host?: string }): Promise<CrlServer> {
  const sockets = new Set<Socket>();
  const requests: LoggedRequest[] = [];
  let endlessSent = 0;

  const server = http.createServer((req, res) => {
    const urlPath = new URL(req.url ?? "/", "http://x").pathname;
    let bodyBytes = 0;
    req.on("data", (chunk: Buffer) => (bodyBytes += chunk.length));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "GET",
        path: urlPath,
        host: req.headers.host,
        ifNoneMatch: req.headers["if-none-match"],
        ifModifiedSince: req.headers["if-modified-since"],
        bodyBytes,
      });
      void handle(urlPath, req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
    });
  });

  async function handle(urlPath: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const status = /^\/status\/(\d{3})$/.exec(urlPath);
    if (status) return void res.writeHead(Number(status[1]), { "content-type": "text/plain" }).end(`status ${status[1]}\n`);
    switch (urlPath) {
      case "/hang":
        return; // never answer
      case "/reset":
        req.socket.resetAndDestroy();
        return;
      case "/garbage":
        return void res.writeHead(200, { "content-type": "application/pkix-crl" }).end(randomBytes(2048));
      case "/wrong-type":
        return void res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Please log in to the captive portal</body></html>");
      case "/loop":
        return void res.writeHead(302, { location: "/loop2" }).end();
      case "/loop2":
        return void res.writeHead(302, { location: "/loop" }).end();
      case "/redirect-metadata":
        return void res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      case "/endless":
        return endless(res);
    }
    const redirect = /^\/redirect\/(.+)$/.exec(urlPath);
    if (redirect) return void res.writeHead(301, { location: `/${redirect[1]}` }).end();
    const name = path.basename(urlPath.replace(/^\/files\//, "/"));
    const file = path.join(options.dir, name);
    let body: Buffer;
    let mtime: Date;
    try {
      body = await readFile(file);
      mtime = (await stat(file)).mtime;
    } catch {
      return void res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    }
    const etag = `"${createHash("sha1").update(body).digest("hex").slice(0, 16)}"`;
    const lastModified = new Date(Math.floor(mtime.getTime() / 1000) * 1000).toUTCString();
    const inm = req.headers["if-none-match"];
    const ims = req.headers["if-modified-since"];
    if ((inm && inm === etag) || (!inm && ims && Date.parse(ims) >= Date.parse(lastModified))) {
      return void res.writeHead(304, { etag, "last-modified": lastModified }).end();
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(name)] ?? "application/octet-stream", "content-length": body.length, etag, "last-modified": lastModified });
    res.end(body);
  }

  function endless(res: http.ServerResponse): void {
    const chunk = Buffer.alloc(64 * 1024, 0x30);
    res.writeHead(200, { "content-type": "application/pkix-crl" });
    const pump = (): void => {
      while (!res.destroyed) {
        endlessSent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
    };
    res.on("close", () => undefined);
    pump();
  }

  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://${host}:${port}`,
    port,
    dir: options.dir,
    requests,
    count: (p) => requests.filter((r) => r.path === p).length,
    endlessBytesSent: () => endlessSent,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
