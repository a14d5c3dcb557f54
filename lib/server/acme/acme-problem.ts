import { AppError } from "../errors";
import { isPkiError } from "@/lib/pki/errors";
import type { AcmeProblem } from "./acme-http";

const PREFIX = "urn:ietf:params:acme:error:";

/** Stable codes for the ACME problem types (RFC 8555 §6.7) the console tells apart. */
const CODES: Record<string, { code: string; words: string }> = {
  externalAccountRequired: { code: "ERR_ACME_EAB_REQUIRED", words: "This CA requires External Account Binding: enter the key id and HMAC key the CA gave you for this account." },
  unauthorized: { code: "ERR_ACME_VALIDATION", words: "The CA could not validate control of the domain." },
  incorrectResponse: { code: "ERR_ACME_VALIDATION", words: "The CA found a wrong answer to its challenge." },
  dns: { code: "ERR_ACME_VALIDATION", words: "The CA could not look up the challenge record in DNS." },
  connection: { code: "ERR_ACME_VALIDATION", words: "The CA could not connect to validate the challenge." },
  caa: { code: "ERR_ACME_VALIDATION", words: "A CAA record forbids this CA from issuing for the domain." },
  rejectedIdentifier: { code: "ERR_ACME_REJECTED_IDENTIFIER", words: "The CA will not issue for one of the names." },
  unsupportedIdentifier: { code: "ERR_ACME_REJECTED_IDENTIFIER", words: "The CA does not support one of the names." },
  rateLimited: { code: "ERR_ACME_RATE_LIMITED", words: "The CA's rate limit was reached; try again later." },
  badCSR: { code: "ERR_ACME_BAD_CSR", words: "The CA refused the certificate request." },
  accountDoesNotExist: { code: "ERR_ACME_ACCOUNT", words: "The CA does not know this account." },
  unauthorizedAccount: { code: "ERR_ACME_ACCOUNT", words: "The account is not allowed to do this." },
  alreadyRevoked: { code: "ERR_ACME_ALREADY_REVOKED", words: "The certificate is already revoked." },
  badRevocationReason: { code: "ERR_ACME_BAD_REVOCATION_REASON", words: "The CA does not accept this revocation reason." },
  userActionRequired: { code: "ERR_ACME_USER_ACTION", words: "The CA needs you to act on its website first (e.g. accept new terms)." },
};

/** The short type name of a problem (`urn:ietf:params:acme:error:unauthorized` → `unauthorized`). */
export function problemTypeName(type: string | undefined): string {
  return (type ?? "").startsWith(PREFIX) ? (type ?? "").slice(PREFIX.length) : (type ?? "");
}

/** The CA's problem document in plain words, with its stable code. */
export function describeProblem(problem: AcmeProblem): { code: string; message: string } {
  const name = problemTypeName(problem.type);
  const known = CODES[name];
  const sub = (problem.subproblems ?? []).map((s) => `${s.identifier?.value ? `${s.identifier.value}: ` : ""}${s.detail ?? problemTypeName(s.type)}`);
  const detail = [problem.detail, ...sub].filter(Boolean).join("; ");
  const words = known?.words ?? "The ACME CA refused the request.";
  return { code: known?.code ?? "ERR_ACME_PROBLEM", message: `${words} The CA said: "${detail || name}" (${name || "no problem type"}).` };
}

/**
 * Turns whatever an ACME step threw into an `AppError` with a stable `ERR_ACME_…` code: the newest problem document
 * the CA sent when there is one, the guard's refusal as it is, else the network failure in plain words.
 */
export function acmeError(error: unknown, problems: readonly AcmeProblem[], doing: string): AppError {
  if (isPkiError(error) && error.code.startsWith("ERR_ACME_")) return error as AppError;
  const last = problems[problems.length - 1];
  if (last) {
    const { code, message } = describeProblem(last);
    return new AppError(code, `${doing} failed. ${message}`, { problemType: last.type, problemDetail: last.detail });
  }
  const e = error as { code?: string; message?: string };
  const network = e.code && /^E[A-Z]+/.test(e.code) ? ` (${e.code})` : "";
  return new AppError("ERR_ACME_UNREACHABLE", `${doing} failed: ${e.message ?? String(error)}${network}.`);
}
