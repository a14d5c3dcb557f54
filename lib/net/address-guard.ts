/**
 * SSRF guard. CDP, AIA and OCSP URLs come from untrusted certificates, so before any connection the
 * target host is resolved and every address checked: loopback, link-local (incl. the cloud metadata
 * address 169.254.169.254), private, CGNAT, unspecified, broadcast, multicast and reserved ranges are refused —
 * in any spelling (long-form IPv6, decimal/octal/short IPv4) and also when hidden in IPv6 (IPv4-mapped,
 * IPv4-compatible, NAT64, 6to4, Teredo; see {@link ./ip-address}) — unless the admin allows private ranges or an
 * allow-list names the host, the address or its network (CIDR). Every outbound connection of the console (HTTP,
 * LDAP, the TLS/STARTTLS probe, the SMTP relay of alert delivery, webhooks) calls {@link vetHost} and connects to
 * the vetted address it returns, so the address classified is the address connected to (no second DNS lookup).
 * @packageDocumentation
 */
import { lookup } from "node:dns/promises";
import { addressInCidr, classifyParsed, embeddedIPv4Of, parseAddress, parseCidr, type ParsedAddress } from "./ip-address";

export { classifyAddress, embeddedIPv4 } from "./ip-address";

/** One resolved address. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses (injected in tests; default node:dns lookup). */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

/** Which non-public destinations the admin allows. */
export interface AddressPolicy {
  /** Allow every loopback/private/link-local destination (lab setups, `--allow-private`). */
  allowPrivate?: boolean;
  /** Host names (`*.lab.contoso.com` wildcards), IP addresses or CIDRs (`10.1.0.0/16`) that are allowed. */
  allowList?: readonly string[];
}

/** The result of vetting a host. */
export type VetResult =
  | { ok: true; address: string; family: 4 | 6; addresses: ResolvedAddress[] }
  | { ok: false; errorCode: "ERR_FETCH_BLOCKED_ADDRESS" | "ERR_FETCH_DNS"; error: string };

/** The default resolver: every address of the host, in the order the system gives them. */
export const systemResolver: Resolver = async (host) => {
  const results = await lookup(host, { all: true, verbatim: true });
  return results.map((r) => ({ address: r.address, family: r.family === 6 ? 6 : 4 }));
};

function allowListHit(host: string, address: ParsedAddress, allowList: readonly string[]): string | null {
  const lowerHost = host.toLowerCase();
  const embedded = embeddedIPv4Of(address)?.ipv4;
  for (const entry of allowList) {
    const e = entry.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
    if (!e) continue;
    if (e.includes("/")) {
      const cidr = parseCidr(e);
      if (cidr && addressInCidr(address, cidr)) return entry;
      continue;
    }
    const listed = parseAddress(e);
    if (listed) {
      if (listed.text === address.text || listed.text === embedded) return entry;
      continue;
    }
    const pattern = new RegExp(`^${e.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
    if (pattern.test(lowerHost)) return entry;
  }
  return null;
}

/**
 * Resolves `host` (unless it is an IP address in any spelling, see {@link parseAddress}) and checks every address
 * against the policy. Refuses the host if any of its addresses is refused, so a name cannot smuggle a private
 * address beside a public one. The result's `address` is the canonical text of the vetted address: callers connect
 * to exactly that address (never to the name again), so what was classified is what is connected to. Never throws.
 */
export async function vetHost(host: string, policy: AddressPolicy, resolver: Resolver = systemResolver): Promise<VetResult> {
  const bare = host.trim().replace(/^\[(.*)\]$/, "$1");
  const literal = parseAddress(bare);
  let resolved: ResolvedAddress[];
  if (literal) {
    resolved = [{ address: literal.text, family: literal.family }];
  } else {
    try {
      resolved = await resolver(bare);
    } catch (error) {
      const code = (error as { code?: string }).code ?? "error";
      return { ok: false, errorCode: "ERR_FETCH_DNS", error: `could not resolve host ${bare} (${code})` };
    }
    if (resolved.length === 0) return { ok: false, errorCode: "ERR_FETCH_DNS", error: `host ${bare} has no addresses` };
  }
  const addresses: ResolvedAddress[] = [];
  for (const { address } of resolved) {
    const parsed = parseAddress(address);
    if (!parsed) return { ok: false, errorCode: "ERR_FETCH_BLOCKED_ADDRESS", error: `refused to connect: ${bare} resolves to '${address}', which is not an IP address` };
    addresses.push({ address: parsed.text, family: parsed.family });
    const why = classifyParsed(parsed);
    if (!why || policy.allowPrivate) continue;
    if (policy.allowList && allowListHit(bare, parsed, policy.allowList)) continue;
    const shown = literal ? (literal.text === bare.toLowerCase() ? bare : `${bare} (${parsed.text})`) : `${bare} resolves to ${parsed.text}, which`;
    return {
      ok: false,
      errorCode: "ERR_FETCH_BLOCKED_ADDRESS",
      error: `refused to connect: ${shown} is ${why}; allow it with --allow-private or the allow-list`,
    };
  }
  const first = addresses[0] as ResolvedAddress;
  return { ok: true, address: first.address, family: first.family, addresses };
}
