import { parseArgs } from "node:util";

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

/**
 * Parses a verb's options (plus `--help`) with node's parseArgs; a parse error is a {@link UsageError} carrying
 * the usage text. Returns null after printing the usage for `--help`.
 */
export function parseVerbArgs<const O extends Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }>>(args: string[], options: O, usage: string, io: CliIo) {
  return parseVerbArgsWithPositionals(args, options, usage, io, 0)?.values ?? null;
}

/**
 * {@link parseVerbArgs} for a verb that takes exactly `count` positional arguments (`certctl backup <file>`): a
 * different number is a {@link UsageError}. Returns null after printing the usage for `--help`.
 */
export function parseVerbArgsWithPositionals<const O extends Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }>>(args: string[], options: O, usage: string, io: CliIo, count: number) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...options, help: { type: "boolean" } } as O & { help: { type: "boolean" } }, allowPositionals: count > 0 });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
  const { values, positionals } = parsed;
  if ((values as Record<string, unknown>).help) {
    io.out(usage);
    return null;
  }
  if (positionals.length !== count) throw new UsageError(`expected ${count} argument(s), got ${positionals.length}\n${usage}`);
  return { values, positionals };
}
