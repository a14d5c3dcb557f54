/** Where sign-in lands when no page (or an unsafe one) was asked for: the dashboard with the server × service overview. */
export const DEFAULT_LANDING_PAGE = "/dashboard";

/**
 * The page to return to after sign-in: a same-origin relative path (`/audit?outcome=refused`), never another
 * origin (`//evil.example`, `/\evil.example`, `https://…`), never the login page itself; otherwise the dashboard.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || next.length === 0 || next.length > 2048) return DEFAULT_LANDING_PAGE;
  if (!next.startsWith("/") || next.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(next)) return DEFAULT_LANDING_PAGE;
  let url: URL;
  try {
    url = new URL(next, "http://console.invalid");
  } catch {
    return DEFAULT_LANDING_PAGE;
  }
  if (url.origin !== "http://console.invalid" || url.pathname === "/login" || url.pathname.startsWith("/api/")) return DEFAULT_LANDING_PAGE;
  return `${url.pathname}${url.search}`;
}

/** The request header on which `proxy.ts` hands the requested page (path and query) to the console layout. */
export const REQUESTED_PATH_HEADER = "x-certconsole-path";
