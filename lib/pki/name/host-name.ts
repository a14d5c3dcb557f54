/**
 * Host-name checks of a leaf certificate (RFC 6125 style): a DNS name against the dNSName SANs (wildcard only as
 * the whole left-most label, matching exactly one label), or an IP address against the iPAddress SANs. The
 * subject CN is consulted only when the certificate has no dNSName SAN at all, as Windows does.
 * @packageDocumentation
 */
import type { PathCertificate } from "../certificate/certificate";

/** Parses a textual IPv4/IPv6 address into its 4 or 16 octets; null when it is not an IP address. */
export function parseIpAddress(text: string): Uint8Array | null {
  const isV4 = (t: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(t) && t.split(".").every((part) => Number(part) <= 255);
  if (isV4(text)) return Uint8Array.from(text.split(".").map(Number));
  if (!/^[0-9a-f:.]+$/i.test(text) || !text.includes(":") || text.split("::").length > 2) return null;
  let value = text;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  if (v4?.[1]) {
    const b = v4[1].split(".").map(Number);
    value = value.slice(0, -v4[1].length) + `${(((b[0] ?? 0) << 8) | (b[1] ?? 0)).toString(16)}:${(((b[2] ?? 0) << 8) | (b[3] ?? 0)).toString(16)}`;
  }
  const [head = "", tail] = value.split("::");
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  if (tail === undefined ? left.length !== 8 : left.length + right.length > 7) return null;
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return null;
  const out = new Uint8Array(16);
  groups.forEach((group, index) => {
    const word = parseInt(group, 16);
    out[index * 2] = word >> 8;
    out[index * 2 + 1] = word & 0xff;
  });
  return out;
}

/** Whether the DNS name `host` matches the certificate name `pattern` (which may be a `*.` wildcard). */
export function dnsNameMatchesPattern(host: string, pattern: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  const p = pattern.toLowerCase().replace(/\.$/, "");
  if (!p.startsWith("*.")) return h === p;
  const suffix = p.slice(2);
  if (suffix.split(".").length < 2 || suffix.includes("*")) return false;
  const dot = h.indexOf(".");
  return dot > 0 && h.slice(dot + 1) === suffix;
}

/** Whether the leaf carries `name` (DNS name or IP address). */
export function matchesHostName(cert: PathCertificate, name: string): boolean {
  const ip = parseIpAddress(name);
  if (ip) return cert.subjectAltNames.some((san) => san.type === "iPAddress" && san.value.length === ip.length && san.value.every((b, i) => b === ip[i]));
  const dnsNames = cert.subjectAltNames.flatMap((san) => (san.type === "dNSName" ? [san.value] : []));
  const candidates = dnsNames.length > 0 ? dnsNames : cert.subject.commonNames;
  return candidates.some((pattern) => dnsNameMatchesPattern(name, pattern));
}
