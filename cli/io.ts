/** Exit codes shared by every certctl verb. */
export const EXIT_OK = 0;
/** A negative result: the certificate is not Valid, the probe found a problem, … */
export const EXIT_NEGATIVE = 1;
/** Bad usage or unreadable input. */
export const EXIT_USAGE = 2;

/** Output channels handed to a verb, so tests can capture them. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** A certctl verb: parses its own arguments and returns an exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** Raised by a verb for bad usage; the dispatcher prints the message and exits 2. */
export class UsageError extends Error {
  readonly code = "ERR_USAGE";
}
