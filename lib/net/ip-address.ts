/**
 * The one place where IP address text is parsed, normalized and classified (with `ipaddr.js`), for the SSRF
 * guard ({@link ./address-guard}) and the settings validation alike. No I/O, so forms can use it too.
 *
 * - Every spelling of an address is parsed to the same value: long and short IPv6 forms
 *   (`0:0:0:0:0:ffff:7f00:1`, `0000:…:0001`, `::0:ffff:7f00:1`, `::ffff:127.0.0.1`), and the alternative IPv4
 *   forms that `inet_aton` and the WHATWG URL parser accept (decimal `2130706433`, octal `0177.0.0.1`, hex
 *   `0x7f.1`, short `127.1`).
 * - IPv4 addresses hidden in IPv6 are extracted and classified as IPv4: IPv4-mapped `::ffff:0:0/96`, SIIT
 *   `::ffff:0:0:0/96`, IPv4-compatible `::a.b.c.d` (`::/96`), NAT64 `64:ff9b::/96`, 6to4 `2002::/16` (bits 16–47)
 *   and Teredo `2001::/32` (the client address, bit-inverted in the last 32 bits).
 * @packageDocumentation
 */
import ipaddr from "ipaddr.js";

/** A parsed address: the value and its canonical text (dotted quad, or RFC 5952 IPv6 without zone). */
export interface ParsedAddress {
  ip: ipaddr.IPv4 | ipaddr.IPv6;
  family: 4 | 6;
  /** Canonical text, e.g. `127.0.0.1` for `0177.0.0.1`, `::ffff:7f00:1` for `0:0:0:0:0:ffff:7f00:1`. */
  text: string;
}

/** Parses any spelling of an IPv4 or IPv6 address (brackets and an IPv6 zone `%eth0` allowed); null when `text` is no address. */
export function parseAddress(text: string): ParsedAddress | null {
  const bare = dottedSuffixToHex(text.trim().replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, ""));
  if (!bare || !ipaddr.isValid(bare)) return null;
  try {
    const ip = ipaddr.parse(bare);
    return ip.kind() === "ipv4" ? { ip, family: 4, text: ip.toString() } : { ip, family: 6, text: (ip as ipaddr.IPv6).toRFC5952String() };
  } catch {
    return null;
  }
}

/**
 * Rewrites an IPv6 address's dotted IPv4 tail as two hex groups (`::127.0.0.1` → `::7f00:1`): ipaddr.js would read
 * `::a.b.c.d` as the IPv4-mapped `::ffff:a.b.c.d`, while the address (and the WHATWG URL parser) means `::7f00:1`.
 */
function dottedSuffixToHex(text: string): string {
  const match = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) return text;
  const [a, b, c, d] = match.slice(2).map(Number) as [number, number, number, number];
  if ([a, b, c, d].some((o) => o > 255)) return "";
  return `${match[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

/** Parses a CIDR entry such as `10.0.0.0/8` or `fd00::/8`; null when malformed (bad address or prefix length). */
export function parseCidr(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | null {
  const match = /^(.+)\/(\d{1,3})$/.exec(text.trim());
  if (!match) return null;
  const address = parseAddress(match[1] ?? "");
  const bits = Number(match[2]);
  if (!address || bits > (address.family === 4 ? 32 : 128)) return null;
  return [address.ip, bits];
}

const v6 = (cidr: string): [ipaddr.IPv6, number] => ipaddr.IPv6.parseCIDR(cidr);
const v4 = (cidr: string): [ipaddr.IPv4, number] => ipaddr.IPv4.parseCIDR(cidr);

/** IPv6 prefixes that carry an IPv4 address, how to get it out, and the form's name for messages. */
const EMBEDDINGS: Array<{ range: [ipaddr.IPv6, number]; form: string; extract: (parts: number[]) => [number, number] }> = [
  { range: v6("::ffff:0:0/96"), form: "IPv4-mapped", extract: (p) => [p[6]!, p[7]!] },
  { range: v6("::ffff:0:0:0/96"), form: "SIIT (IPv4-translated)", extract: (p) => [p[6]!, p[7]!] },
  { range: v6("64:ff9b::/96"), form: "NAT64", extract: (p) => [p[6]!, p[7]!] },
  { range: v6("2002::/16"), form: "6to4", extract: (p) => [p[1]!, p[2]!] },
  { range: v6("2001::/32"), form: "Teredo", extract: (p) => [p[6]! ^ 0xffff, p[7]! ^ 0xffff] },
  // Last: `::a.b.c.d`; `::` and `::1` are classified as IPv6 themselves (see embeddedIPv4).
  { range: v6("::/96"), form: "IPv4-compatible", extract: (p) => [p[6]!, p[7]!] },
];

/** The IPv4 address embedded in an IPv6 address (mapped, SIIT, IPv4-compatible, NAT64, 6to4, Teredo) and the form, else null. */
export function embeddedIPv4Of(address: ParsedAddress): { ipv4: string; form: string } | null {
  if (address.family !== 6) return null;
  const ip = address.ip as ipaddr.IPv6;
  for (const { range, form, extract } of EMBEDDINGS) {
    if (!ip.match(range)) continue;
    const [hi, lo] = extract(ip.parts);
    if (form === "IPv4-compatible" && hi === 0 && lo <= 1) return null; // `::` and `::1`
    return { ipv4: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, form };
  }
  return null;
}

/** The IPv4 address embedded in an IPv6 address written in any form, else null. */
export function embeddedIPv4(address: string): string | null {
  const parsed = parseAddress(address);
  return parsed ? (embeddedIPv4Of(parsed)?.ipv4 ?? null) : null;
}

/** Non-public ranges, most specific first where they overlap. */
const RANGES: Array<[[ipaddr.IPv4 | ipaddr.IPv6, number], string]> = [
  [v4("0.0.0.0/32"), "the unspecified address"],
  [v4("0.0.0.0/8"), "an unspecified (this-network) address"],
  [v4("127.0.0.0/8"), "a loopback address"],
  [v4("10.0.0.0/8"), "a private address"],
  [v4("172.16.0.0/12"), "a private address"],
  [v4("192.168.0.0/16"), "a private address"],
  [v4("169.254.0.0/16"), "a link-local address"],
  [v4("100.64.0.0/10"), "a carrier-grade NAT (shared) address"],
  [v4("192.0.0.0/24"), "an IETF protocol-assignment address"],
  [v4("198.18.0.0/15"), "a benchmarking address"],
  [v4("224.0.0.0/4"), "a multicast address"],
  [v4("255.255.255.255/32"), "the broadcast address"],
  [v4("240.0.0.0/4"), "a reserved address"],
  [v6("::/128"), "the unspecified address"],
  [v6("::1/128"), "a loopback address"],
  [v6("64:ff9b:1::/48"), "a local-use NAT64 address"],
  [v6("100::/64"), "a discard-only address"],
  [v6("fe80::/10"), "a link-local address"],
  [v6("fec0::/10"), "a site-local address"],
  [v6("fc00::/7"), "a private (unique local) address"],
  [v6("ff00::/8"), "a multicast address"],
];

/**
 * Describes why `address` is not public (e.g. "a link-local address", "a loopback address (IPv4 127.0.0.1 inside
 * IPv4-mapped IPv6)", "not an IP address"), or null for a public address.
 */
export function classifyAddress(address: string): string | null {
  const parsed = parseAddress(address);
  if (!parsed) return "not an IP address";
  return classifyParsed(parsed);
}

/** {@link classifyAddress} for an already parsed address. */
export function classifyParsed(parsed: ParsedAddress): string | null {
  const embedded = embeddedIPv4Of(parsed);
  if (embedded) {
    const inner = classifyAddress(embedded.ipv4);
    return inner ? `${inner} (IPv4 ${embedded.ipv4} inside ${embedded.form} IPv6)` : null;
  }
  for (const [range, label] of RANGES) {
    if (range[0].kind() === parsed.ip.kind() && parsed.ip.match(range)) return label;
  }
  return null;
}

/** Whether `address` falls in `cidr` (either may be IPv4 or IPv6; an embedded IPv4 address counts as IPv4). */
export function addressInCidr(address: ParsedAddress, cidr: [ipaddr.IPv4 | ipaddr.IPv6, number]): boolean {
  const candidates: Array<ipaddr.IPv4 | ipaddr.IPv6> = [address.ip];
  const embedded = embeddedIPv4Of(address);
  if (embedded) candidates.push(ipaddr.IPv4.parse(embedded.ipv4));
  return candidates.some((ip) => ip.kind() === cidr[0].kind() && ip.match(cidr));
}

/**
 * Checks one allow-list entry: a host name (wildcards `*` allowed), an IP address in any spelling, or a CIDR
 * (`10.0.0.0/8`, `fd00::/8`). Returns null when valid, else a sentence saying what is wrong.
 */
export function allowListEntryError(entry: string): string | null {
  const e = entry.trim().replace(/^\[(.*)\]$/, "$1");
  if (/^[0-9a-f:.]+\/\S*$/i.test(e)) return parseCidr(e) ? null : `'${entry}' is not a valid CIDR (address/prefix, e.g. 10.0.0.0/8 or fd00::/8)`;
  if (parseAddress(e)) return null;
  if (/^[a-z0-9*][a-z0-9*.-]*$/i.test(e)) return null;
  return `'${entry}' is not a host name, IP address or CIDR`;
}
