/**
 * RFC 5280 §4.2.1.10 name constraints: dNSName, rfc822Name, directoryName, iPAddress and URI forms,
 * permitted and excluded subtrees, accumulated down a path, plus the subject emailAddress rule.
 * @packageDocumentation
 */
import { isNameWithin, type DistinguishedName } from "./canonical-name";
import type { GeneralNameValue, NameConstraintSet } from "../certificate/decode-extension";

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

/**
 * Name constraints accumulated from the CA certificates above the current one. Each CA's permitted subtrees
 * restrict only the name types it mentions; a name must fall in one permitted subtree of every CA that
 * constrains its type (the intersection of RFC 5280 §6.1.4(g)) and in no excluded subtree.
 */
export class NameConstraintState {
  private readonly sets: NameConstraintSet[] = [];

  /** Adds the constraints of a CA certificate (§6.1.4(g)). */
  add(constraints: NameConstraintSet | undefined): void {
    if (constraints) this.sets.push(constraints);
  }

  /** The first violation by `name`, as a plain-English sentence, or null. */
  findViolation(name: GeneralNameValue): string | null {
    for (const set of this.sets) {
      for (const excluded of set.excluded) {
        if (generalNameMatches(name, excluded)) return `${describe(name)} is in an excluded subtree (${describe(excluded)})`;
      }
      const permitted = set.permitted.filter((constraint) => constraint.type === name.type);
      if (permitted.length > 0 && !permitted.some((constraint) => generalNameMatches(name, constraint)))
        return `${describe(name)} is outside the permitted subtrees (${permitted.map(describe).join(", ")})`;
    }
    return null;
  }

  /** The names of a certificate that constraints apply to: subject DN (if not empty), its emailAddress values, and the SANs. */
  static namesOf(subject: DistinguishedName, subjectAltNames: readonly GeneralNameValue[]): GeneralNameValue[] {
    const names: GeneralNameValue[] = [];
    if (subject.rdns.length > 0) names.push({ type: "directoryName", value: subject });
    for (const email of subject.emails) names.push({ type: "rfc822Name", value: email });
    names.push(...subjectAltNames);
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
