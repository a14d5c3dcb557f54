import { AppError } from "@/lib/server/errors";

/** Methods that change nothing: never subject to the cross-site checks. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Why a browser-style mutation (authenticated by the session cookie, not a bearer token) does not come from the
 * console's own pages, or null when it does. The rule, for CSRF from another site, another port or a sibling host
 * (which SameSite=Strict does not cover):
 * - with an `Origin` header, its host (name and port) must be the request's own `Host` (or the `X-Forwarded-Host`
 *   a reverse proxy set); `Origin: null` (sandboxed frames, data: pages) is refused. The scheme is not compared,
 *   because TLS is usually terminated in front of the console;
 * - without `Origin`, `Sec-Fetch-Site` must be `same-origin` or `none` (typed in, bookmarks);
 * - with neither header the request is not a browser's cross-site request (browsers send one of them on every
 *   cross-site POST, PUT, PATCH and DELETE): scripts and `curl` with a cookie are let through.
 */
export function crossSiteRefusal(headers: Headers): string | null {
  const origin = headers.get("origin");
  if (origin !== null) {
    if (origin === "null") return "The request comes from an opaque origin (Origin: null).";
    let originHost: string;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      return "The request's Origin header is not a valid origin.";
    }
    const own = [headers.get("host"), headers.get("x-forwarded-host")?.split(",")[0]]
      .map((h) => h?.trim().toLowerCase())
      .filter((h): h is string => !!h);
    return own.includes(originHost) ? null : `The request comes from another origin (${origin.slice(0, 100)}).`;
  }
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return `The request comes from another site (Sec-Fetch-Site: ${site.slice(0, 20)}).`;
  return null;
}

/** Throws `ERR_CSRF_ORIGIN` (403) when {@link crossSiteRefusal} finds the request cross-site. */
export function assertSameOrigin(headers: Headers): void {
  const reason = crossSiteRefusal(headers);
  if (reason) throw new AppError("ERR_CSRF_ORIGIN", `${reason} Changes are accepted only from the console's own pages or with an API token.`);
}

/** True when the request carries a body (or says what type its body has). */
function hasBody(headers: Headers): boolean {
  return headers.has("content-type") || headers.has("transfer-encoding") || Number(headers.get("content-length") ?? "0") > 0;
}

/**
 * Throws `ERR_UNSUPPORTED_MEDIA_TYPE` (415) unless a body-carrying request declares one of `accepted` media types
 * (`application/json`, and `multipart/form-data` on upload routes). `text/plain` — what a cross-site form or a
 * no-cors fetch can send without a preflight — is never accepted.
 */
export function assertMediaType(headers: Headers, accepted: readonly string[]): void {
  if (!hasBody(headers)) return;
  const type = (headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!accepted.includes(type)) {
    throw new AppError("ERR_UNSUPPORTED_MEDIA_TYPE", `Send the body as ${accepted.join(" or ")}${type ? `, not ${type.slice(0, 60)}` : ""}.`);
  }
}
