import { z } from "zod";
import { KEY_CHOICES } from "./certificate-wizards";

const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .url("Enter the CA's ACME directory URL, e.g. https://acme.example.com/directory.")
  .refine((u) => /^https?:\/\//i.test(u), "The directory URL must start with https:// (or http:// for a lab CA).");
const pem = z
  .string()
  .max(64 * 1024)
  .refine((v) => v.trim() === "" || /-----BEGIN CERTIFICATE-----/.test(v), "Paste the CA certificate in PEM form (-----BEGIN CERTIFICATE-----).");

/** TSIG algorithms of RFC 8945 the RFC 2136 solver signs with. */
export const TSIG_ALGORITHMS = ["hmac-sha256", "hmac-sha384", "hmac-sha512"] as const;

/** Settings → Certificate authorities → New ACME account. */
export const acmeAccountSchema = z
  .object({
    name: z.string().trim().min(1, "Name the account.").max(64),
    directoryUrl: httpUrl,
    contactEmail: z.string().trim().email("Enter a contact email address.").max(254),
    termsAccepted: z.boolean(),
    directoryCaPem: pem.default(""),
    eabKeyId: z.string().trim().max(256).default(""),
    eabHmacKey: z
      .string()
      .trim()
      .max(1024)
      .regex(/^[A-Za-z0-9_=+/-]*$/, "The HMAC key is base64url text, as the CA gave it.")
      .default(""),
    dnsUpdateServer: z
      .string()
      .trim()
      .max(300)
      .regex(/^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$|^$/, "Enter the DNS server as host or host:port.")
      .default(""),
    tsigKeyName: z.string().trim().max(255).default(""),
    tsigAlgorithm: z.enum(TSIG_ALGORITHMS).default("hmac-sha256"),
    tsigSecret: z
      .string()
      .trim()
      .max(1024)
      .regex(/^[A-Za-z0-9+/=]*$/, "The TSIG secret is base64 text, as in the key file.")
      .default(""),
  })
  .refine((v) => (v.eabKeyId === "") === (v.eabHmacKey === ""), { message: "External Account Binding needs both the key id and the HMAC key.", path: ["eabHmacKey"] })
  .refine((v) => v.dnsUpdateServer === "" || (v.tsigKeyName !== "" && v.tsigSecret !== ""), { message: "RFC 2136 updates need the TSIG key name and secret.", path: ["tsigSecret"] });
export type AcmeAccountInput = z.input<typeof acmeAccountSchema>;

/** The ACME path of the New Certificate wizard: identifiers from the domain-scoping pages, servers, solver. */
export const acmeIssueSchema = z.object({
  accountId: z.string().trim().min(1).max(64),
  serverIds: z.array(z.string().trim().min(1).max(64)).min(1, "Choose at least one server.").max(50),
  friendlyName: z.string().trim().min(1, "Give the certificate a friendly name.").max(63, "The friendly name must be fewer than 64 characters."),
  commonName: z.string().trim().min(1).max(255),
  domains: z.array(z.string().trim().min(1).max(255)).min(1, "Add at least one domain.").max(100),
  key: z.enum(KEY_CHOICES).default("RSA-2048"),
  exportable: z.boolean().default(true),
  solver: z.enum(["rfc2136", "manual"]),
  /** Name servers asked for the propagation pre-check (host or host:port); default: the zone's authoritative servers. */
  nameServers: z.array(z.string().trim().min(1).max(300)).max(10).optional(),
  autoEnableServices: z.boolean().default(false),
});
export type AcmeIssueInput = z.input<typeof acmeIssueSchema>;

/** RFC 5280 reason codes ACME revocation accepts (RFC 8555 §7.6). */
export const ACME_REVOCATION_REASONS = { unspecified: 0, keyCompromise: 1, affiliationChanged: 3, superseded: 4, cessationOfOperation: 5 } as const;

export const acmeRevokeSchema = z.object({
  certificateId: z.string().trim().min(1).max(64),
  reason: z.enum(Object.keys(ACME_REVOCATION_REASONS) as [keyof typeof ACME_REVOCATION_REASONS, ...Array<keyof typeof ACME_REVOCATION_REASONS>]),
});

/** Deactivate an ACME account at its CA. */
export const acmeAccountIdSchema = z.object({ accountId: z.string().trim().min(1).max(64) });

/** The manual solver's "I have created them" confirmation. */
export const acmeConfirmSchema = z.object({ acmeOrderId: z.string().trim().min(1).max(64) });

/** How a renewed ACME certificate takes over its predecessor's services. */
export const ACME_RENEWAL_MODES = ["automatic", "approval"] as const;
export const acmeRenewalModeSchema = z.object({
  certificateId: z.string().trim().min(1).max(64),
  /** `automatic`: the renewal job enables the services at once (audited); `approval`: it waits for an admin. */
  mode: z.enum(ACME_RENEWAL_MODES),
});

/** Renew one ACME-issued certificate now (Renew button, `certctl acme renew`). */
export const acmeRenewSchema = z.object({ certificateId: z.string().trim().min(1).max(64) });

/** Approve a pending renewal: move the predecessor's services to the renewed certificate, after the impact preview. */
export const acmeApproveRenewalSchema = z.object({
  /** The renewed certificate. */
  certificateId: z.string().trim().min(1).max(64),
  /** Acknowledges a revocation-check warning under "warn but allow". */
  acknowledged: z.boolean().default(false),
});
