/**
 * Ports through which the pure PKI library reaches the outside world.
 * Implementations live in `lib/net` (real network) or in tests (files on disk).
 * @packageDocumentation
 */

/** How a URL was (or was not) reached: which proxy served it, or why none did. */
export interface FetchRoute {
  /** `direct`, or the proxy URL used (credentials stripped). */
  via: string;
  /** Why this route was chosen, e.g. `host matches bypass entry *.contoso.com`. */
  reason: string;
}

/** The outcome of one outbound retrieval, successful or not. Never throws for network failures. */
export interface FetchOutcome {
  url: string;
  ok: boolean;
  /** HTTP status when a response was received. */
  httpStatus?: number;
  /** Content-Type of the response, when any. */
  contentType?: string;
  /** Response body when `ok`. */
  body?: Uint8Array;
  /** Stable failure code (`ERR_FETCH_TIMEOUT`, `ERR_FETCH_DNS`, `ERR_FETCH_REFUSED`, `ERR_FETCH_TOO_LARGE`, `ERR_FETCH_BLOCKED_ADDRESS`, `ERR_FETCH_HTTP_STATUS`, `ERR_FETCH_PROXY`, `ERR_FETCH_REDIRECT`, …). */
  errorCode?: string;
  /** Plain-English failure description, suitable for helpdesk display. */
  error?: string;
  route: FetchRoute;
  /** Milliseconds from start to end of the attempt. */
  durationMs: number;
  /** Bytes of body received. */
  bytes: number;
  /** Set when the server answered 304 to a conditional request. */
  notModified?: boolean;
  /** Validators to use on a later conditional request. */
  etag?: string;
  lastModified?: string;
  /** All response headers (lower-case names), when the request set `acceptAnyStatus`. */
  headers?: Record<string, string | string[] | undefined>;
}

/** Options for one retrieval. */
export interface FetchRequest {
  url: string;
  method?: "GET" | "POST" | "HEAD";
  body?: Uint8Array;
  headers?: Record<string, string>;
  /** Per-request timeout in ms. */
  timeoutMs?: number;
  /** Maximum body size in bytes. */
  maxBytes?: number;
  /** Conditional request validators. */
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  /**
   * Every HTTP status is an answer (an API client such as ACME reads its error documents): a non-2xx response is
   * returned with `ok: true`, its status, body and `headers`, instead of `ERR_FETCH_HTTP_STATUS`.
   */
  acceptAnyStatus?: boolean;
}

/**
 * The one fetch-like port used by AIA chasing, CRL and OCSP retrieval.
 * Supports `http:`, `https:` and `ldap:` URLs (LDAP returns the first binary attribute value asked for).
 */
export type PkiFetcher = (request: FetchRequest) => Promise<FetchOutcome>;
