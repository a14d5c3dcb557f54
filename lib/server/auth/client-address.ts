import type { IPv6 } from "ipaddr.js";
import { addressInCidr, parseAddress, parseCidr, type ParsedAddress } from "@/lib/net/ip-address";
import { PEER_ADDRESS_HEADER } from "../http/peer-address";

type Cidr = NonNullable<ReturnType<typeof parseCidr>>;

/** The proxies whose `X-Forwarded-For` is believed: `CERTCONSOLE_TRUSTED_PROXIES`, comma-separated IPs or CIDRs. */
export function trustedProxies(env: Record<string, string | undefined> = process.env): Cidr[] {
  const list: Cidr[] = [];
  for (const raw of (env.CERTCONSOLE_TRUSTED_PROXIES ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const single = parseAddress(entry);
    const cidr = single ? parseCidr(`${single.text}/${single.family === 4 ? 32 : 128}`) : parseCidr(entry);
    if (cidr) list.push(cidr);
  }
  return list;
}

function isTrusted(address: ParsedAddress, proxies: readonly Cidr[]): boolean {
  return proxies.some((cidr) => addressInCidr(address, cidr));
}

/** The text recorded for an address: an IPv4-mapped IPv6 address as its dotted quad. */
function display(address: ParsedAddress): string {
  const ip = address.ip;
  return ip.kind() === "ipv6" && (ip as IPv6).isIPv4MappedAddress() ? (ip as IPv6).toIPv4Address().toString() : address.text;
}

/**
 * The client's address for throttling and the audit log. It is the TCP peer (stamped by the server, see
 * {@link PEER_ADDRESS_HEADER}); `X-Forwarded-For` counts only when that peer is a trusted proxy, and then the
 * right-most hop that is not itself a trusted proxy is the client. Without a stamped peer (not served by the
 * console's server) the answer is `"unknown"`: a client-supplied header is never believed.
 */
export function clientAddressFrom(headers: Headers, env: Record<string, string | undefined> = process.env): string {
  const peer = parseAddress(headers.get(PEER_ADDRESS_HEADER) ?? "");
  if (!peer) return "unknown";
  const proxies = trustedProxies(env);
  if (!isTrusted(peer, proxies)) return display(peer);
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map(parseAddress).filter((h): h is ParsedAddress => h !== null);
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    if (!isTrusted(hops[i]!, proxies)) return display(hops[i]!);
  }
  return display(hops[0] ?? peer);
}
