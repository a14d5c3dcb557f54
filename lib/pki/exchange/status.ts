/**
 * The Exchange certificate status (`Get-ExchangeCertificate` → `Status`), its plain-English descriptions as
 * the Exchange Management Console shows them, and the precedence used when several problems exist at once.
 * @packageDocumentation
 */
import { DATE_PROBLEM_CODES, ValidationProblemCode, type ValidationProblem } from "../path/validation-problem";

/** Every value of Exchange's certificate `Status`. */
export const EXCHANGE_STATUSES = ["Valid", "Revoked", "RevocationCheckFailure", "DateInvalid", "Untrusted", "Invalid", "PendingRequest", "Unknown"] as const;

/** Exchange's certificate status. */
export type ExchangeStatus = (typeof EXCHANGE_STATUSES)[number];

/** What the EMC says about each status. */
export const EXCHANGE_STATUS_DESCRIPTIONS: Readonly<Record<ExchangeStatus, string>> = {
  Valid: "The certificate is valid for Exchange use.",
  Revoked: "The certificate has been revoked by the certification authority that issued it.",
  RevocationCheckFailure: "The certificate status could not be determined because the revocation check failed.",
  DateInvalid: "The certificate has expired or is not yet valid.",
  Untrusted: "The certificate is not trusted because its root certification authority is not in the trusted root store.",
  Invalid: "The certificate is invalid for Exchange Server usage.",
  PendingRequest: "This is a pending certificate request; import the certification authority's response to complete it.",
  Unknown: "The certificate status is unknown.",
};

/**
 * Precedence when several problems exist, most severe first. A certificate that is both revoked and expired is
 * `Revoked`; a broken path (`Invalid`) outranks dates, and dates outrank a missing trust anchor, because an
 * administrator fixes them in that order. `RevocationCheckFailure` is only reported for a path that is otherwise
 * valid: revocation is only asked about a path that validated.
 *
 * Revoked > Invalid > DateInvalid > Untrusted > RevocationCheckFailure > PendingRequest > Unknown > Valid
 */
export const EXCHANGE_STATUS_PRECEDENCE: readonly ExchangeStatus[] = ["Revoked", "Invalid", "DateInvalid", "Untrusted", "RevocationCheckFailure", "PendingRequest", "Unknown", "Valid"];

/** The more severe of two statuses according to {@link EXCHANGE_STATUS_PRECEDENCE}. */
export function worseStatus(a: ExchangeStatus, b: ExchangeStatus): ExchangeStatus {
  return EXCHANGE_STATUS_PRECEDENCE.indexOf(a) <= EXCHANGE_STATUS_PRECEDENCE.indexOf(b) ? a : b;
}

/** The Exchange status one problem stands for. */
export function statusOfProblem(problem: ValidationProblem): ExchangeStatus {
  if (problem.code === ValidationProblemCode.Revoked) return "Revoked";
  if (problem.code === ValidationProblemCode.RevocationUnavailable) return "RevocationCheckFailure";
  if (problem.code === ValidationProblemCode.NoPath) return "Untrusted";
  if (DATE_PROBLEM_CODES.has(problem.code)) return "DateInvalid";
  return "Invalid";
}

/** The Exchange status of a list of problems: `Valid` when empty, otherwise the most severe one. */
export function statusOfProblems(problems: readonly ValidationProblem[]): ExchangeStatus {
  return problems.reduce<ExchangeStatus>((status, problem) => worseStatus(status, statusOfProblem(problem)), "Valid");
}

/** The EMC's description of a status. */
export function describeExchangeStatus(status: ExchangeStatus): string {
  return EXCHANGE_STATUS_DESCRIPTIONS[status];
}
