/**
 * Domain names as `New-ExchangeCertificate -DomainName` accepts them: letters, digits, hyphens and
 * dots, optionally starting with `*.` for a wildcard, at most 255 characters, labels of 1–63
 * characters that neither start nor end with a hyphen. Single-label (NetBIOS-style) names such as
 * `EXCH01` are accepted, as Exchange 2010 did.
 * @packageDocumentation
 */
import { PkiError } from "../errors";

/** Longest domain name accepted. */
export const MAX_DOMAIN_NAME_LENGTH = 255;
/** Longest label accepted. */
export const MAX_LABEL_LENGTH = 63;

/** Returns a plain-English description of what is wrong with `name`, or null when it is valid. */
export function findDomainNameProblem(name: string): string | null {
  if (name.length === 0) return "The domain name is empty.";
  if (name.length > MAX_DOMAIN_NAME_LENGTH) return `The domain name is ${name.length} characters long; the maximum is ${MAX_DOMAIN_NAME_LENGTH}.`;
  if (/\s/.test(name)) return `The domain name "${name}" contains a space.`;
  let rest = name;
  if (rest.startsWith("*.")) rest = rest.slice(2);
  if (rest.includes("*")) return `The domain name "${name}" has a wildcard in the wrong place: only a leading "*." is allowed (e.g. *.contoso.com).`;
  if (rest === "") return `The wildcard "${name}" needs a domain after "*.".`;
  if (rest.startsWith(".")) return `The domain name "${name}" starts with a dot.`;
  if (rest.endsWith(".")) return `The domain name "${name}" ends with a dot.`;
  const labels = rest.split(".");
  for (const label of labels) {
    if (label === "") return `The domain name "${name}" has two dots in a row.`;
    if (label.length > MAX_LABEL_LENGTH) return `The label "${label.slice(0, 20)}…" of "${name}" is ${label.length} characters long; the maximum is ${MAX_LABEL_LENGTH}.`;
    const bad = /[^A-Za-z0-9-]/.exec(label);
    if (bad) return `The domain name "${name}" contains the character "${bad[0]}"; only letters, digits, hyphens and dots are allowed.`;
    if (label.startsWith("-") || label.endsWith("-")) return `The label "${label}" of "${name}" starts or ends with a hyphen.`;
  }
  if (name.startsWith("*.") && labels.length < 2) return `The wildcard "${name}" must cover a domain with at least two labels (e.g. *.contoso.com).`;
  return null;
}

/** True when `name` is a valid Exchange certificate domain. */
export function isValidDomainName(name: string): boolean {
  return findDomainNameProblem(name) === null;
}

/** Trims `name` and throws `ERR_DOMAIN_INVALID` with the reason when it is not valid. */
export function validateDomainName(name: string): string {
  const trimmed = name.trim();
  const problem = findDomainNameProblem(trimmed);
  if (problem) throw new PkiError("ERR_DOMAIN_INVALID", problem, { domain: name });
  return trimmed;
}

/** True when `name` is a wildcard (`*.contoso.com`). */
export const isWildcard = (name: string): boolean => name.startsWith("*.");
