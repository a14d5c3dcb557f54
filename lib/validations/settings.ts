import { z } from "zod";
import { allowListEntryError } from "@/lib/net/ip-address";
import { REVOCATION_POLICIES } from "./domain";

const proxyUrl = z
  .string()
  .trim()
  .max(300)
  .refine((v) => v === "" || /^https?:\/\/[^\s/]+(:\d{1,5})?\/?$/i.test(v) || /^https?:\/\/[^\s@/]+@[^\s/]+(:\d{1,5})?\/?$/i.test(v), {
    message: "Enter the proxy as http://host:port (or leave it empty for direct connections).",
  });

const bypassList = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => v.split(/[;\s]+/).filter(Boolean).every((e) => e === "<local>" || /^[a-z0-9*.\-:[\]]+$/i.test(e)), {
    message: "Bypass entries are host names, IP addresses, wildcards such as *.contoso.com or 10.*, and <local>, separated by ';'.",
  });

/** The SSRF guard's allow-list: host names (`*` wildcards), IP addresses and CIDRs (`10.0.0.0/8`, `fd00::/8`). */
const allowList = z
  .string()
  .trim()
  .max(2000)
  .superRefine((v, ctx) => {
    const errors = v.split(/[;\s]+/).filter(Boolean).map(allowListEntryError).filter((e): e is string => e !== null);
    if (errors.length) ctx.addIssue({ code: "custom", message: `${errors.join("; ")}. Allow-list entries are host names (*.contoso.com), IP addresses or CIDRs (10.0.0.0/8), separated by ';'.` });
  });

const thresholds = z
  .string()
  .trim()
  .regex(/^\d{1,4}(\s*,\s*\d{1,4})*$/, "Enter days as a comma-separated list, e.g. 60,30,14,7.");

/** The Settings form and the PUT /api/v1/settings body. */
export const settingsSchema = z.object({
  revocationPolicy: z.enum(REVOCATION_POLICIES),
  revocationOrder: z.enum(["ocspFirst", "crlFirst"]),
  proxyServer: proxyUrl,
  proxyBypass: bypassList,
  useEnvironmentProxy: z.boolean(),
  urlAllowList: allowList,
  fetchTimeoutMs: z.number().int().min(1000).max(120_000),
  /** An assignment re-checks (revocation included) a status older than this many minutes before deciding. */
  statusFreshnessMinutes: z.number().int().min(1, "At least 1 minute.").max(1440, "At most 1440 minutes (a day).").optional(),
  expiryWarningDays: thresholds,
  /** /lab/pki/ publishes the demo lab CA's CRL and certificate (on in the seeded demo). */
  demoLabEnabled: z.boolean().optional(),
  alertEmailEnabled: z.boolean().optional(),
  smtpRelayHost: z.string().trim().max(253).regex(/^[a-z0-9.\-:[\]]*$/i, "Enter the relay as a host name or IP address.").optional(),
  smtpRelayPort: z.number().int().min(1).max(65535).optional(),
  smtpRelayStartTls: z.boolean().optional(),
  alertFrom: z.union([z.literal(""), z.email("Enter the sender as an e-mail address.")]).optional(),
  alertTo: z
    .string()
    .trim()
    .max(2000)
    .refine((v) => v.split(",").map((a) => a.trim()).filter(Boolean).every((a) => /^[^\s@]+@[^\s@]+$/.test(a)), { message: "Enter recipients as comma-separated e-mail addresses." })
    .optional(),
  webhookUrl: z.union([z.literal(""), z.url({ protocol: /^https?$/, message: "Enter the webhook as an http(s) URL." })]).optional(),
});
export type SettingsInput = z.infer<typeof settingsSchema>;
