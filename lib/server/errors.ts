import { PkiError } from "@/lib/pki/errors";
import { log } from "./log";

/**
 * An error the application raises on purpose. Its `code` is stable; HTTP statuses and user-facing
 * messages are derived from it in one place ({@link toErrorResponse}).
 */
export class AppError extends PkiError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.name = "AppError";
  }
}

const HTTP_STATUS: Record<string, number> = {
  ERR_UNAUTHENTICATED: 401,
  ERR_FORBIDDEN: 403,
  ERR_CSRF_ORIGIN: 403,
  ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  ERR_NOT_FOUND: 404,
  ERR_VALIDATION: 400,
  ERR_CONFLICT: 409,
  ERR_RATE_LIMITED: 429,
  ERR_INPUT_TOO_LARGE: 413,
  ERR_DATABASE_UNAVAILABLE: 503,
  // Accounts, second factor and API tokens.
  ERR_ACCOUNT_DISABLED: 403,
  ERR_TOTP_REQUIRED: 401,
  ERR_TOTP_INVALID: 401,
  ERR_TOTP_REUSED: 401,
  ERR_TOTP_NOT_ENROLLED: 409,
  ERR_LAST_ADMIN: 409,
  ERR_USERNAME_TAKEN: 409,
  ERR_TOKEN_SCOPE_EXCEEDS_ROLE: 403,
  // Certificate wizards: the request is understood but conflicts with the current state.
  ERR_CERT_DUPLICATE: 409,
  ERR_CERT_IN_USE: 409,
  ERR_CONFIRMATION_REQUIRED: 409,
  ERR_ACKNOWLEDGEMENT_REQUIRED: 409,
  ERR_REQUEST_NOT_PENDING: 409,
  ERR_KEY_NOT_EXPORTABLE: 403,
  ERR_KEY_ON_SERVER_ONLY: 409,
  ERR_INVENTORY_INVALID: 400,
  // ACME: the CA or the DNS refused, or could not be reached (the CA's problem is in the message).
  ERR_ACME_NOT_CONFIGURED: 404,
  ERR_ACME_TERMS_NOT_ACCEPTED: 400,
  ERR_ACME_EAB_REQUIRED: 400,
  ERR_ACME_VALIDATION: 422,
  ERR_ACME_DNS_NOT_PROPAGATED: 409,
  ERR_ACME_NO_DNS_UPDATE: 409,
  ERR_ACME_ALREADY_REVOKED: 409,
  ERR_ACME_NOT_ISSUED_HERE: 409,
  ERR_ACME_ACCOUNT_DEACTIVATED: 409,
  ERR_ACME_ALREADY_RENEWED: 409,
  ERR_ACME_NOTHING_TO_APPROVE: 409,
  ERR_ACME_UNREACHABLE: 502,
  ERR_ACME_PROBLEM: 502,
  ERR_DNS_UPDATE_REFUSED: 502,
  ERR_DNS_UNREACHABLE: 502,
};

/** The HTTP status an error code is answered with (the same mapping {@link toErrorResponse} uses). */
export function httpStatusOf(code: string): number {
  return HTTP_STATUS[code] ?? (code.startsWith("ERR_") ? 422 : 400);
}

/** The body every API error returns. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/**
 * Converts anything thrown into a safe response: our own errors keep code and message, anything else
 * becomes `ERR_INTERNAL` with a generic message (the stack is logged server-side, never shown).
 */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof PkiError) {
    const status = httpStatusOf(error.code);
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details) body.error.details = error.details;
    return { status, body };
  }
  const dbUnavailable = isDatabaseUnavailable(error);
  if (!dbUnavailable) log.error({ err: error }, "unexpected error");
  return dbUnavailable
    ? {
        status: 503,
        body: {
          error: {
            code: "ERR_DATABASE_UNAVAILABLE",
            message: "The certconsole database cannot be opened. Check the data/ directory or restore the file.",
          },
        },
      }
    : { status: 500, body: { error: { code: "ERR_INTERNAL", message: "Something went wrong on the server. The error was logged." } } };
}

/** True for errors that mean the SQLite file is missing, unreadable or not a database. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""}`;
  return /SQLITE_(NOTADB|CORRUPT|CANTOPEN|IOERR|READONLY_DBMOVED)|file is not a database|unable to open database|no such table/i.test(text);
}
