import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The HTTP methods a Next.js route file may export. */
export const ROUTE_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** One `app/api/v1/**\/route.ts`: its file, its OpenAPI-style path (`/api/v1/certificates/{id}`) and parameters. */
export interface RouteFile {
  file: string;
  /** Module id to import, e.g. `@/app/api/v1/certificates/[id]/route`. */
  module: string;
  path: string;
  params: string[];
  catchAll: boolean;
}

/** Walks app/api/v1 for every route.ts, so tests see a route the moment it is added. */
export function apiV1RouteFiles(root = fileURLToPath(new URL("..", import.meta.url))): RouteFile[] {
  const base = path.join(root, "app/api/v1");
  const found: RouteFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const segments = path.relative(base, dir).split(path.sep).filter(Boolean);
        const params = segments.filter((s) => s.startsWith("[")).map((s) => s.replace(/^\[(\.\.\.)?|\]$/g, ""));
        found.push({
          file: path.relative(root, full),
          module: `@/${path.relative(root, full).replace(/\.ts$/, "")}`,
          path: `/api/v1${segments.map((s) => `/${s.startsWith("[") ? `{${s.replace(/^\[(\.\.\.)?|\]$/g, "")}}` : s}`).join("")}`,
          params,
          catchAll: segments.some((s) => s.startsWith("[...")),
        });
      }
    }
  };
  walk(base);
  return found.sort((a, b) => a.path.localeCompare(b.path));
}
