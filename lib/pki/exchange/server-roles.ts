/**
 * Which Exchange services each server role runs, so a certificate is never bound to a service the server does not
 * have. One rule for every role, used by the Assign Services wizard, the self-signed wizard, the API and the CLI:
 * - Edge Transport runs SMTP only (no IIS, no IMAP/POP, no UM; it is outside the domain);
 * - Client Access (2013 front end) runs IIS, SMTP (Front End Transport), IMAP, POP, the UM call router and federation;
 * - Mailbox runs IIS, SMTP, IMAP, POP, UM and federation (the call router is a Client Access service).
 * @packageDocumentation
 */

/** Services a certificate can be enabled for (Enable-ExchangeCertificate -Services). */
export type ExchangeService = "IIS" | "SMTP" | "IMAP" | "POP" | "UM" | "UMCallRouter" | "Federation";

const ROLE_SERVICES: Record<string, readonly ExchangeService[]> = {
  Edge: ["SMTP"],
  ClientAccess: ["IIS", "SMTP", "IMAP", "POP", "UMCallRouter", "Federation"],
  Mailbox: ["IIS", "SMTP", "IMAP", "POP", "UM", "Federation"],
};

const ROLE_NAMES: Record<string, string> = { Edge: "an Edge Transport server", ClientAccess: "a Client Access server", Mailbox: "a Mailbox server" };

/** The services a server of `role` runs; an unknown role runs none. */
export function servicesOfRole(role: string): readonly ExchangeService[] {
  return ROLE_SERVICES[role] ?? [];
}

/** Why `service` cannot be enabled on `server` of `role`, or null when it can. */
export function serviceUnavailableReason(server: string, role: string, service: string): string | null {
  const runs = servicesOfRole(role);
  if ((runs as readonly string[]).includes(service)) return null;
  const what = ROLE_NAMES[role] ?? `a server with the unknown role "${role}"`;
  return `${server} is ${what}: it runs ${runs.length ? runs.join(", ") : "no Exchange service"} only, so ${service} cannot be enabled there.`;
}

/** The default services of a new self-signed certificate (the shell's IMAP, POP, SMTP), kept to what the role runs. */
export function defaultSelfSignedServices(role: string): ExchangeService[] {
  return (["IMAP", "POP", "SMTP"] as const).filter((s) => (servicesOfRole(role) as readonly string[]).includes(s));
}
