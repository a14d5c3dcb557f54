import { Resolver } from "node:dns/promises";
import { isIP } from "node:net";
import { vetHost, type AddressPolicy } from "@/lib/net/address-guard";
import { AppError } from "../../errors";

/** `host`, `host:port`, `[v6]:port` → host and port (default 53). */
export function splitHostPort(value: string): { host: string; port: number } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  if (v6) return { host: v6[1] ?? "", port: Number(v6[2] ?? 53) };
  if (isIP(value) === 6) return { host: value, port: 53 };
  const [host = "", port] = value.split(":");
  return { host, port: Number(port ?? 53) };
}

/**
 * Resolves and vets a DNS server through the console's one outbound guard; returns `address:port` to talk to.
 * Refused (loopback, private without allow-list entry) → `ERR_DNS_BLOCKED_ADDRESS`.
 */
export async function vetDnsServer(value: string, policy: AddressPolicy): Promise<{ address: string; port: number; display: string }> {
  const { host, port } = splitHostPort(value);
  if (!host || !Number.isInteger(port) || port < 1 || port > 65535) throw new AppError("ERR_DNS_SERVER", `"${value.slice(0, 100)}" is not a DNS server address (host or host:port).`);
  const vet = await vetHost(host, policy);
  if (!vet.ok) throw new AppError("ERR_DNS_BLOCKED_ADDRESS", `The DNS server ${value} cannot be used: ${vet.error}. Allow it in Settings (URL allow-list) if it is an internal server.`);
  return { address: vet.address, port, display: value };
}

/** A node:dns resolver asking only the given vetted servers, with a short timeout and few tries. */
export function resolverFor(servers: ReadonlyArray<{ address: string; port: number }>): Resolver {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  resolver.setServers(servers.map((s) => (isIP(s.address) === 6 ? `[${s.address}]:${s.port}` : `${s.address}:${s.port}`)));
  return resolver;
}

/** The zone holding `name`: the closest enclosing name with an SOA record, asked of `resolver`. */
export async function findZone(name: string, resolver: Resolver): Promise<string> {
  const labels = name.replace(/\.$/, "").split(".");
  for (let i = 0; i < labels.length - 1; i++) {
    const candidate = labels.slice(i).join(".");
    try {
      await resolver.resolveSoa(candidate);
      return candidate;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== "ENODATA" && code !== "ENOTFOUND") throw new AppError("ERR_DNS_UNREACHABLE", `Looking up the zone of ${name} failed (${code ?? "error"}).`);
    }
  }
  throw new AppError("ERR_DNS_ZONE_NOT_FOUND", `No DNS zone holding ${name} was found.`);
}
