/**
 * Maps Node network errors to the stable `ERR_FETCH_*` codes of {@link FetchOutcome} and to sentences
 * a helpdesk can read, plus the number formats used in those sentences.
 * @packageDocumentation
 */

/** A mapped network error. `short` is the bare reason ("connection refused"), `message` the full sentence. */
export interface DescribedError {
  errorCode: string;
  short: string;
  message: string;
}

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_OSSL_)/;

/** Describes a Node error raised while talking to `peer` (`host:port`). */
export function describeNetworkError(error: unknown, peer: string): DescribedError {
  const code = (error as { code?: string }).code ?? "";
  const text = (error as Error).message ?? String(error);
  switch (code) {
    case "ECONNREFUSED":
      return { errorCode: "ERR_FETCH_REFUSED", short: "connection refused", message: `connection refused by ${peer}` };
    case "ECONNRESET":
    case "EPIPE":
      return { errorCode: "ERR_FETCH_RESET", short: "connection reset", message: `connection reset by ${peer}` };
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_NONAME":
      return { errorCode: "ERR_FETCH_DNS", short: `host not found (${code})`, message: `could not resolve host ${peer.replace(/:\d+$/, "")} (${code})` };
    case "ETIMEDOUT":
      return { errorCode: "ERR_FETCH_TIMEOUT", short: "connection timed out", message: `connection to ${peer} timed out` };
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return { errorCode: "ERR_FETCH_UNREACHABLE", short: "network unreachable", message: `${peer} is unreachable (${code})` };
  }
  if (TLS_CODES.test(code) || /SSL|TLS|certificate/i.test(text)) {
    return { errorCode: "ERR_FETCH_TLS", short: `TLS failure (${code || text})`, message: `TLS handshake with ${peer} failed: ${text}${code && !text.includes(code) ? ` (${code})` : ""}` };
  }
  if (/socket hang up/i.test(text)) return { errorCode: "ERR_FETCH_RESET", short: "connection closed", message: `connection closed by ${peer} before a complete answer` };
  return { errorCode: "ERR_FETCH_NETWORK", short: text, message: `network error talking to ${peer}: ${text}${code ? ` (${code})` : ""}` };
}

/** "15 s", "0.5 s". */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${s >= 10 || Number.isInteger(s) ? Math.round(s) : s.toFixed(1).replace(/\.0$/, "")} s`;
}

/** "1,234 bytes", "10 MB" style sizes (binary units). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n.toLocaleString("en-US")} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
}
