import { z } from "zod";
import { SERVICES } from "./domain";
import { visibleText } from "@/lib/pki/name/visible-text";

/** Key choices of the request wizards: RSA 2048 (EMC default), RSA 4096, ECDSA P-256/P-384. */
export const KEY_CHOICES = ["RSA-2048", "RSA-4096", "EC-P256", "EC-P384"] as const;
export type KeyChoice = (typeof KEY_CHOICES)[number];

/** PKCS#12 encryption profiles: modern AES-256, or TripleDES-SHA1 for Windows/Exchange before Server 2019. */
export const PFX_ENCRYPTIONS = ["aes256", "tripleDesSha1"] as const;

const id = z.string().trim().min(1, "Required.").max(64);
// Bidirectional and invisible characters are kept in visible form (`<U+202E>`), so the name displays as typed.
const friendlyNameText = z.string().trim().max(63, "The friendly name must be fewer than 64 characters.");
const friendlyName = friendlyNameText.transform(visibleText);
const domain = z.string().trim().min(1).max(255);
const hosts = z.object({ internal: z.array(domain).max(20).optional(), external: z.array(domain).max(20).optional() }).partial();

/** The New Exchange Certificate wizard's per-service answers (see lib/pki/domain-scoping). */
export const domainScopingSchema = z
  .object({
    rootDomain: z.string().trim().max(255).optional(),
    wildcard: z.boolean().optional(),
    owa: hosts.optional(),
    activeSync: hosts.optional(),
    outlookAnywhere: hosts.optional(),
    exchangeWebServices: hosts.optional(),
    oab: hosts.optional(),
    pop: hosts.optional(),
    imap: hosts.optional(),
    um: hosts.optional(),
    hubTransport: hosts.optional(),
    legacyHost: z.string().trim().max(255).optional(),
    autodiscover: z.object({ longForm: z.boolean().optional(), shortForm: z.boolean().optional(), internal: z.array(domain).max(20).optional() }).optional(),
    acceptedDomains: z.array(domain).max(20).optional(),
  })
  .strict();

/** Organization and location: the subject's O, OU, L, S, C. */
export const organizationSchema = z.object({
  organization: z.string().trim().max(64).default(""),
  organizationalUnit: z.string().trim().max(64).default(""),
  locality: z.string().trim().max(128).default(""),
  state: z.string().trim().max(128).default(""),
  country: z
    .string()
    .trim()
    .regex(/^([A-Za-z]{2})?$/, "Use the two-letter country code, e.g. US.")
    .default(""),
});

/** New-ExchangeCertificate -GenerateRequest, from the wizard or the API. */
export const newCertificateRequestSchema = z.object({
  serverId: id,
  friendlyName: friendlyNameText.min(1, "Give the certificate a friendly name.").transform(visibleText),
  commonName: domain,
  domains: z.array(domain).min(1, "Add at least one domain.").max(100),
  organization: organizationSchema.default({ organization: "", organizationalUnit: "", locality: "", state: "", country: "" }),
  key: z.enum(KEY_CHOICES).default("RSA-2048"),
  exportable: z.boolean().default(true),
  scoping: domainScopingSchema.optional(),
});
export type NewCertificateRequestInput = z.input<typeof newCertificateRequestSchema>;

/** New-ExchangeCertificate (self-signed): services default IMAP, POP, SMTP like the shell. */
export const newSelfSignedSchema = z.object({
  serverId: id,
  friendlyName: friendlyName.default("Microsoft Exchange"),
  commonName: domain,
  domains: z.array(domain).max(100).default([]),
  key: z.enum(KEY_CHOICES).default("RSA-2048"),
  validityYears: z.number().int().min(1).max(5).default(5),
  exportable: z.boolean().default(false),
  /** Defaults to the shell's IMAP, POP, SMTP, kept to what the server's role runs (an Edge server: SMTP). */
  services: z.array(z.enum(SERVICES)).optional(),
  confirmReplaceDefaultSmtp: z.boolean().default(false),
});
export type NewSelfSignedInput = z.input<typeof newSelfSignedSchema>;

/** Renewal: same subject and SANs unless edited; a new key. */
export const renewCertificateSchema = z.object({
  certificateId: id,
  serverId: id,
  friendlyName: friendlyName.optional(),
  commonName: domain.optional(),
  domains: z.array(domain).min(1).max(100).optional(),
  key: z.enum(KEY_CHOICES).optional(),
  exportable: z.boolean().default(true),
});
export type RenewCertificateInput = z.input<typeof renewCertificateSchema>;

/** A trust store choice for a CA certificate found in an imported file. */
export const trustStoreChoiceSchema = z.object({
  thumbprint: z.string().trim().regex(/^[0-9A-Fa-f]{40}$/),
  store: z.enum(["TrustedRoot", "ThirdPartyRoot", "Intermediate"]),
});

/** Import-ExchangeCertificate: options beside the file bytes and password. */
export const importOptionsSchema = z.object({
  serverIds: z.array(id).min(1, "Choose at least one server.").max(50),
  exportable: z.boolean().default(false),
  friendlyName: friendlyName.optional(),
  trustStores: z.array(trustStoreChoiceSchema).max(20).default([]),
});

/** Export-ExchangeCertificate: password (never logged) and encryption profile. */
export const exportCertificateSchema = z.object({
  certificateId: id,
  password: z.string().min(8, "Use a password of at least 8 characters.").max(256),
  encryption: z.enum(PFX_ENCRYPTIONS).default("aes256"),
  includeChain: z.boolean().default(true),
});
export type ExportCertificateInput = z.input<typeof exportCertificateSchema>;

/** Enable-ExchangeCertificate: additive assignment on one or more servers. */
export const enableServicesSchema = z.object({
  certificateId: id,
  serverIds: z.array(id).min(1, "Choose at least one server.").max(50),
  services: z.array(z.enum(SERVICES)).min(1, "Choose at least one service."),
  acknowledged: z.boolean().default(false),
  /** The answer to "Overwrite the existing default SMTP certificate?": true = Yes, false = No (SMTP enabled, old default kept). */
  replaceDefaultSmtp: z.boolean().optional(),
  /** Older spelling of `replaceDefaultSmtp: true`. */
  confirmReplaceDefaultSmtp: z.boolean().optional(),
});
export type EnableServicesInput = z.input<typeof enableServicesSchema>;

/** Remove-ExchangeCertificate, after confirmation. */
export const removeCertificateSchema = z.object({
  certificateId: id,
  serverIds: z.array(id).min(1, "Choose at least one server.").max(50),
  confirm: z.literal(true, { message: "Confirm the removal." }),
});
export type RemoveCertificateInput = z.input<typeof removeCertificateSchema>;

/** Complete Pending Request: the request id beside the answer's bytes. */
export const completeRequestSchema = z.object({ requestId: id });
