/**
 * RFC 5280 §4.2.1.10 name constraints: dNSName, rfc822Name, directoryName, iPAddress and URI forms,
 * permitted and excluded subtrees, accumulated down a path, plus the subject emailAddress rule and the
 * end-entity CN rule; malformed constraints and names are findings of their own, and work is bounded.
 * @packageDocumentation
 */
import { findDomainNameProblem } from "./domain-name";
import { isNameWithin, type DistinguishedName } from "./canonical-name";
import type { NameConstraintSet } from "../certificate/decode-extension";
import type { GeneralNameValue } from "./general-name";

const lower = (value: string): string => value.toLowerCase();

/** dNSName: "example.com" covers itself and every sub-domain; ".example.com" only sub-domains. */
export function dnsNameMatches(name: string, constraint: string): boolean {
  const host = lower(name).replace(/\.$/, "");
  const base = lower(constraint).replace(/\.$/, "");
  if (base === "") return true;
  if (base.startsWith(".")) return host.endsWith(base);
  return host === base || host.endsWith(`.${base}`);
}

/** rfc822Name: a full mailbox matches exactly; "host" matches mailboxes at that host; ".domain" any host beneath it. */
export function rfc822NameMatches(mailbox: string, constraint: string): boolean {
  const at = mailbox.lastIndexOf("@");
  if (at < 0) return false;
  const host = lower(mailbox.slice(at + 1));
  if (constraint.includes("@")) {
    const cAt = constraint.lastIndexOf("@");
    return mailbox.slice(0, at) === constraint.slice(0, cAt) && host === lower(constraint.slice(cAt + 1));
  }
  const base = lower(constraint);
  if (base.startsWith(".")) return host.endsWith(base);
  return host === base;
}

/** URI: the constraint is a host ("host" exact, ".domain" any host beneath it), compared with the URI's host. */
export function uriMatches(uri: string, constraint: string): boolean {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(uri);
  const host = match?.[1] ? lower(match[1]) : null;
  if (!host) return false;
  const base = lower(constraint);
  if (base.startsWith(".")) return host.endsWith(base);
  return host === base;
}

/** iPAddress: the constraint is address + mask (8 or 32 octets); the name matches when it lies in that range. */
export function ipAddressMatches(address: Uint8Array, constraint: Uint8Array): boolean {
  if (constraint.length !== address.length * 2) return false;
  for (let i = 0; i < address.length; i += 1) {
    const mask = constraint[address.length + i] ?? 0;
    if (((address[i] ?? 0) & mask) !== ((constraint[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** Whether `name` falls under `constraint` (which must be of the same type). */
export function generalNameMatches(name: GeneralNameValue, constraint: GeneralNameValue): boolean {
  if (name.type !== constraint.type) return false;
  switch (name.type) {
    case "dNSName":
      return dnsNameMatches(name.value, constraint.value as string);
    case "rfc822Name":
      return rfc822NameMatches(name.value, constraint.value as string);
    case "uri":
      return uriMatches(name.value, constraint.value as string);
    case "directoryName":
      return isNameWithin(name.value, constraint.value as DistinguishedName);
    case "iPAddress":
      return ipAddressMatches(name.value, constraint.value as Uint8Array);
    default:
      return false;
  }
}

/** At most this many name × constraint comparisons per path (Go's crypto/x509 uses the same bound). */
export const MAX_NAME_CONSTRAINT_COMPARISONS = 250_000;

/** A name-constraint finding: a violation, a malformed constraint or name, or an exhausted comparison budget. */
export interface NameConstraintFinding {
  kind: "violation" | "malformed" | "budget";
  message: string;
}

const GENERAL_NAME_FORMS: Readonly<Record<number, string>> = { 0: "otherName", 3: "x400Address", 5: "ediPartyName", 8: "registeredID" };

function hostProblem(host: string): string | null {
  if (host.startsWith("*")) return "a wildcard is not a host name";
  return findDomainNameProblem(host);
}

/** What is wrong with `constraint` as a GeneralSubtree base (RFC 5280 §4.2.1.10), or null. */
export function constraintSyntaxProblem(constraint: GeneralNameValue): string | null {
  switch (constraint.type) {
    case "dNSName":
      return constraint.value === "" ? null : hostProblem(constraint.value);
    case "uri":
      return hostProblem(constraint.value.startsWith(".") ? constraint.value.slice(1) : constraint.value);
    case "rfc822Name": {
      const parts = constraint.value.split("@");
      if (parts.length > 2 || (parts.length === 2 && parts[0] === "")) return "it is neither a mailbox, a host nor a domain";
      const host = parts[parts.length - 1]!;
      return hostProblem(parts.length === 1 && host.startsWith(".") ? host.slice(1) : host);
    }
    case "iPAddress": {
      const v = constraint.value;
      if (v.length !== 8 && v.length !== 32) return `an address range must be 8 or 32 octets, not ${v.length}`;
      let zero = false;
      for (const byte of v.subarray(v.length / 2)) {
        for (let bit = 7; bit >= 0; bit -= 1) {
          const one = (byte >> bit) & 1;
          if (one && zero) return "the mask is not contiguous";
          if (!one) zero = true;
        }
      }
      return null;
    }
    default:
      return null;
  }
}

/** What is wrong with `name` as a subject or subjectAltName value checked against constraints, or null. */
export function nameSyntaxProblem(name: GeneralNameValue): string | null {
  switch (name.type) {
    case "dNSName":
      return findDomainNameProblem(name.value);
    case "rfc822Name": {
      const parts = name.value.split("@");
      if (parts.length !== 2 || parts[0] === "") return "it is not a mailbox (local-part@host)";
      return findDomainNameProblem(parts[1]!);
    }
    case "iPAddress":
      return name.value.length === 4 || name.value.length === 16 ? null : `an address must be 4 or 16 octets, not ${name.value.length}`;
    default:
      return null;
  }
}

const sameForm = (a: GeneralNameValue, b: GeneralNameValue): boolean => a.type === b.type && (a.type !== "other" || a.value === b.value);

/**
 * Name constraints accumulated from the CA certificates above the current one (the trust anchor included). Each
 * CA's permitted subtrees restrict only the name forms it mentions; a name must fall in one permitted subtree of
 * every CA that constrains its form (the intersection of RFC 5280 §6.1.4(g)) and in no excluded subtree, which
 * wins over any permitted one. Constraints are checked for syntax when added, names when checked; forms this
 * code cannot compare (otherName, x400Address, ediPartyName, registeredID) reject a name of the same form.
 * Comparisons are counted against {@link MAX_NAME_CONSTRAINT_COMPARISONS}.
 */
export class NameConstraintState {
  private readonly sets: NameConstraintSet[] = [];
  private comparisons = 0;

  /** Adds the constraints of a CA certificate (§6.1.4(g)); returns why they are malformed, or null. */
  add(constraints: NameConstraintSet | undefined): string | null {
    if (!constraints) return null;
    this.sets.push(constraints);
    for (const constraint of [...constraints.permitted, ...constraints.excluded]) {
      const problem = constraintSyntaxProblem(constraint);
      if (problem) return `the constraint ${describe(constraint)} is malformed: ${problem}`;
    }
    return null;
  }

  /** The first finding about `name`, or null when it satisfies every constraint. */
  findViolation(name: GeneralNameValue): NameConstraintFinding | null {
    for (const set of this.sets) {
      const excluded = set.excluded.filter((constraint) => sameForm(name, constraint));
      const permitted = set.permitted.filter((constraint) => sameForm(name, constraint));
      if (excluded.length + permitted.length === 0) continue;
      if (name.type === "other") return { kind: "malformed", message: `a ${GENERAL_NAME_FORMS[name.value] ?? `type ${name.value}`} name is constrained but cannot be checked` };
      const problem = nameSyntaxProblem(name);
      if (problem) return { kind: "malformed", message: `${describe(name)} is malformed: ${problem}` };
      this.comparisons += excluded.length + permitted.length;
      if (this.comparisons > MAX_NAME_CONSTRAINT_COMPARISONS) return { kind: "budget", message: `more than ${MAX_NAME_CONSTRAINT_COMPARISONS} name constraint comparisons` };
      const hit = excluded.find((constraint) => generalNameMatches(name, constraint));
      if (hit) return { kind: "violation", message: `${describe(name)} is in an excluded subtree (${describe(hit)})` };
      if (permitted.length > 0 && !permitted.some((constraint) => generalNameMatches(name, constraint)))
        return { kind: "violation", message: `${describe(name)} is outside the permitted subtrees (${permitted.map(describe).join(", ")})` };
    }
    return null;
  }

  /**
   * The names of a certificate that constraints apply to: the subject DN (if not empty), its emailAddress values,
   * the SANs, and, for the end-entity certificate without a subjectAltName extension, each subject CN that is a
   * host name with at least two labels (as OpenSSL does).
   */
  static namesOf(subject: DistinguishedName, subjectAltNames: readonly GeneralNameValue[], commonNamesAsHosts = false): GeneralNameValue[] {
    const names: GeneralNameValue[] = [];
    if (subject.rdns.length > 0) names.push({ type: "directoryName", value: subject });
    for (const email of subject.emails) names.push({ type: "rfc822Name", value: email });
    names.push(...subjectAltNames);
    if (commonNamesAsHosts)
      for (const cn of subject.commonNames) if (cn.includes(".") && findDomainNameProblem(cn) === null && !cn.startsWith("*")) names.push({ type: "dNSName", value: cn });
    return names;
  }
}

/** A short human description of a general name. */
export function describe(name: GeneralNameValue): string {
  switch (name.type) {
    case "directoryName":
      return `directory name ${name.value.key}`;
    case "iPAddress":
      return `IP address ${formatIp(name.value)}`;
    case "other":
      return `general name of type ${name.value}`;
    default:
      return `${name.type} ${name.value}`;
  }
}

/** Formats 4/16-octet addresses (and 8/32-octet address+mask constraints). */
export function formatIp(bytes: Uint8Array): string {
  const part = (view: Uint8Array): string =>
    view.length === 4 ? [...view].join(".") : Array.from({ length: view.length / 2 }, (_, i) => (((view[2 * i] ?? 0) << 8) | (view[2 * i + 1] ?? 0)).toString(16)).join(":");
  if (bytes.length === 8 || bytes.length === 32) return `${part(bytes.subarray(0, bytes.length / 2))}/${part(bytes.subarray(bytes.length / 2))}`;
  return part(bytes);
}
