import type { NextRequest } from "next/server";
import { AppError } from "@/lib/server/errors";
import { crossSiteRefusal } from "./same-origin";

/** The header Next.js puts on a server action call made by the page's JavaScript. */
export const NEXT_ACTION_HEADER = "next-action";

/**
 * Checks a POST to a page (a server action, called by the page's script or by a plain form) before Next.js sees
 * it, so refusals come back in the console's error shape instead of Next's HTTP 500 digest:
 * - from another origin (the rule of {@link crossSiteRefusal}) → `ERR_CSRF_ORIGIN` (403);
 * - a scripted call whose body is not what React sends (JSON text, or a readable multipart form) → `ERR_VALIDATION` (400).
 * Returns null when the request may go on.
 */
export async function serverActionRefusal(request: NextRequest): Promise<AppError | null> {
  if (request.method !== "POST") return null;
  const crossSite = crossSiteRefusal(request.headers);
  if (crossSite) return new AppError("ERR_CSRF_ORIGIN", `${crossSite} Changes are accepted only from the console's own pages.`);
  if (!request.headers.has(NEXT_ACTION_HEADER)) return null;
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const malformed = new AppError("ERR_VALIDATION", "The server action request is malformed: reload the page and try again.");
  try {
    if (type.startsWith("multipart/form-data")) {
      await request.clone().formData();
      return null;
    }
    JSON.parse(await request.clone().text());
    return null;
  } catch {
    return malformed;
  }
}
