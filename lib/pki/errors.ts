/**
 * Domain errors with stable string codes, in the manner of panva/jose's `util/errors.ts`.
 * The code is the contract: UI, API and CLI map codes to messages and HTTP statuses in one place.
 * @packageDocumentation
 */

/** Base class of every error thrown on purpose by certconsole code. */
export class PkiError extends Error {
  /** Stable, machine-readable code such as `ERR_PFX_BAD_PASSWORD`. */
  readonly code: string;
  /** Optional structured details safe to show to a user (never key material). */
  readonly details?: Record<string, unknown>;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "PkiError";
    this.code = code;
    if (details) this.details = details;
  }
}

/** True when `error` is a {@link PkiError}, optionally with the given code. */
export function isPkiError(error: unknown, code?: string): error is PkiError {
  return error instanceof PkiError && (code === undefined || error.code === code);
}
