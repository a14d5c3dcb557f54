import { z } from "zod";
import { SERVICES } from "./domain";

/** STARTTLS protocols a probe can speak (null/"" = direct TLS). Mirrors lib/net/starttls.ts. */
export const PROBE_STARTTLS = ["smtp", "imap", "pop3", "ldap"] as const;
export type ProbeStartTls = (typeof PROBE_STARTTLS)[number];

/** Host names (DNS, with optional wildcard-free labels) or IP literals; no scheme, no path, no port. */
const host = z
  .string()
  .trim()
  .min(1, "Enter the host name or IP address.")
  .max(253)
  .refine(
    (v) =>
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(v) ||
      /^\[?[0-9a-f:.]+\]?$/i.test(v),
    {
      message: "Enter a host name such as mail.contoso.com or an IP address (no https://, no port).",
    },
  )
  .transform((v) =>
    v
      .replace(/\.$/, "")
      .replace(/^\[(.*)\]$/, "$1")
      .toLowerCase(),
  );

const port = z.coerce
  .number()
  .int("The port is a whole number.")
  .min(1, "Ports are 1–65535.")
  .max(65535, "Ports are 1–65535.");

const starttls = z
  .union([z.enum(PROBE_STARTTLS), z.literal(""), z.null()])
  .optional()
  .transform((v) => (v ? v : null));

/** Add an endpoint: which server and service, where it listens, and whether it starts with STARTTLS. */
export const endpointInputSchema = z.object({
  serverId: z.string().trim().min(1, "Choose a server."),
  service: z.enum(SERVICES),
  host,
  port,
  starttls,
});
export type EndpointInput = z.infer<typeof endpointInputSchema>;

/** Add a partner host of the domain-secured list. */
export const partnerHostInputSchema = z.object({
  domain: host.refine((v) => v.includes(".") && !/^[0-9.:]+$/.test(v), {
    message: "Enter the partner's mail domain, e.g. fabrikam.com.",
  }),
  host,
  port: port.default(25),
  starttls: z
    .union([z.enum(PROBE_STARTTLS), z.literal(""), z.null()])
    .optional()
    .transform((v) => (v === undefined ? "smtp" : v ? v : null)),
});
export type PartnerHostInput = z.infer<typeof partnerHostInputSchema>;

/** An id in a path or a form. */
export const idInputSchema = z.object({ id: z.string().trim().min(1).max(64) });
