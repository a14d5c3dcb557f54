/**
 * SSRF guard. CDP, AIA and OCSP URLs come from untrusted certificates, so before any connection the
 * target host is resolved and every address checked: loopback, link-local (incl. the cloud metadata
 * address 169.254.169.254), private, CGNAT, unspecified, multicast and reserved ranges are refused —
 * also when hidden in IPv4-mapped or NAT64 IPv6 — unless the admin allows private ranges or an
 * allow-list names the host, the address or its network. The vetted address is what gets connected to.
 * @packageDocumentation
 */
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

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

const RANGES: Array<[string, number, 4 | 6, string]> = [
  ["0.0.0.0", 8, 4, "an unspecified (this-network) address"],
  ["127.0.0.0", 8, 4, "a loopback address"],
  ["10.0.0.0", 8, 4, "a private address"],
  ["172.16.0.0", 12, 4, "a private address"],
  ["192.168.0.0", 16, 4, "a private address"],
  ["169.254.0.0", 16, 4, "a link-local address"],
  ["100.64.0.0", 10, 4, "a carrier-grade NAT (shared) address"],
  ["192.0.0.0", 24, 4, "an IETF protocol-assignment address"],
  ["198.18.0.0", 15, 4, "a benchmarking address"],
  ["224.0.0.0", 4, 4, "a multicast address"],
  ["240.0.0.0", 4, 4, "a reserved address"],
  ["::", 128, 6, "an unspecified address"],
  ["::1", 128, 6, "a loopback address"],
  ["fe80::", 10, 6, "a link-local address"],
  ["fec0::", 10, 6, "a site-local address"],
  ["fc00::", 7, 6, "a private (unique local) address"],
  ["ff00::", 8, 6, "a multicast address"],
];

const lists = RANGES.map(([net, prefix, family, label]) => {
  const list = new BlockList();
  list.addSubnet(net, prefix, family === 4 ? "ipv4" : "ipv6");
  return { list, family, label };
});

/** The IPv4 address embedded in an IPv4-mapped (`::ffff:a.b.c.d`) or NAT64 (`64:ff9b::/96`) IPv6 address, else null. */
export function embeddedIPv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|::ffff:0:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1] ?? null;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = parseInt(hex[1] ?? "0", 16);
    const lo = parseInt(hex[2] ?? "0", 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return null;
}

/** Describes why `address` is not public (e.g. "a link-local address"), or null for a public address. */
export function classifyAddress(address: string): string | null {
  const bare = address.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 0) return "not an IP address";
  if (family === 6) {
    const v4 = embeddedIPv4(bare);
    if (v4) {
      const inner = classifyAddress(v4);
      return inner ? `${inner} (IPv4 ${v4} inside IPv6)` : null;
    }
  }
  for (const { list, family: f, label } of lists) {
    if (f === family && list.check(bare, f === 4 ? "ipv4" : "ipv6")) return label;
  }
  return null;
}

function allowListHit(host: string, address: string, allowList: readonly string[]): string | null {
  const lowerHost = host.toLowerCase();
  const bare = address.replace(/%.*$/, "");
  const family = isIP(bare);
  const candidates = [bare, embeddedIPv4(bare)].filter((a): a is string => !!a);
  for (const entry of allowList) {
    const e = entry.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
    if (!e) continue;
    const cidr = /^(.+)\/(\d+)$/.exec(e);
    if (cidr && isIP(cidr[1] ?? "")) {
      const netFamily = isIP(cidr[1] ?? "") === 4 ? "ipv4" : "ipv6";
      const list = new BlockList();
      list.addSubnet(cidr[1] ?? "", Number(cidr[2]), netFamily);
      if (candidates.some((a) => isIP(a) === (netFamily === "ipv4" ? 4 : 6) && list.check(a, netFamily))) return entry;
      continue;
    }
    if (isIP(e)) {
      if (candidates.includes(e) || (family === 6 && e === bare)) return entry;
      continue;
    }
    const pattern = new RegExp(`^${e.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
    if (pattern.test(lowerHost)) return entry;
  }
  return null;
}

/**
 * Resolves `host` (unless it is an IP literal) and checks every address against the policy.
 * Refuses the host if any of its addresses is refused, so a name cannot smuggle a private address
 * beside a public one. Never throws.
 */
export async function vetHost(host: string, policy: AddressPolicy, resolver: Resolver = systemResolver): Promise<VetResult> {
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  let addresses: ResolvedAddress[];
  if (isIP(bare)) {
    addresses = [{ address: bare, family: isIP(bare) === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await resolver(bare);
    } catch (error) {
      const code = (error as { code?: string }).code ?? "error";
      return { ok: false, errorCode: "ERR_FETCH_DNS", error: `could not resolve host ${bare} (${code})` };
    }
    if (addresses.length === 0) return { ok: false, errorCode: "ERR_FETCH_DNS", error: `host ${bare} has no addresses` };
  }
  for (const { address } of addresses) {
    const why = classifyAddress(address);
    if (!why || policy.allowPrivate) continue;
    if (policy.allowList && allowListHit(bare, address, policy.allowList)) continue;
    const resolved = address === bare ? "" : ` resolves to ${address}, which`;
    return {
      ok: false,
      errorCode: "ERR_FETCH_BLOCKED_ADDRESS",
      error: `refused to connect: ${bare}${resolved} is ${why}; allow it with --allow-private or the allow-list`,
    };
  }
  const first = addresses[0] as ResolvedAddress;
  return { ok: true, address: first.address, family: first.family, addresses };
}
