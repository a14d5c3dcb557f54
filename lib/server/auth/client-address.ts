import { BlockList, isIP } from "node:net";
import { PEER_ADDRESS_HEADER } from "../http/peer-address";

/** Removes brackets, a zone and the IPv4-mapped prefix (`::ffff:10.0.0.1` → `10.0.0.1`). */
function normalize(address: string): string {
  const bare = address.trim().replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return (mapped?.[1] ?? bare).toLowerCase();
}

/** The proxies whose `X-Forwarded-For` is believed: `CERTCONSOLE_TRUSTED_PROXIES`, comma-separated IPs or CIDRs. */
export function trustedProxies(env: Record<string, string | undefined> = process.env): BlockList {
  const list = new BlockList();
  for (const raw of (env.CERTCONSOLE_TRUSTED_PROXIES ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [net, prefix] = entry.split("/");
    const address = normalize(net ?? "");
    const family = isIP(address);
    if (family === 0) continue;
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address, type);
    else if (/^\d{1,3}$/.test(prefix)) list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

function isTrusted(address: string, proxies: BlockList): boolean {
  const family = isIP(address);
  return family !== 0 && proxies.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address for throttling and the audit log. It is the TCP peer (stamped by the server, see
 * {@link PEER_ADDRESS_HEADER}); `X-Forwarded-For` counts only when that peer is a trusted proxy, and then the
 * right-most hop that is not itself a trusted proxy is the client. Without a stamped peer (not served by the
 * console's server) the answer is `"unknown"`: a client-supplied header is never believed.
 */
export function clientAddressFrom(headers: Headers, env: Record<string, string | undefined> = process.env): string {
  const peer = normalize(headers.get(PEER_ADDRESS_HEADER) ?? "");
  if (!isIP(peer)) return "unknown";
  const proxies = trustedProxies(env);
  if (!isTrusted(peer, proxies)) return peer;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map(normalize).filter((h) => isIP(h) !== 0);
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    if (!isTrusted(hops[i]!, proxies)) return hops[i]!;
  }
  return hops[0] ?? peer;
}
