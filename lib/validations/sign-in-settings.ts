import { z } from "zod";

/** Where a group or claim value comes from. */
export const SIGN_IN_SOURCES = ["ldap", "oidc"] as const;
/** Group membership lookups: AD's in-chain rule, the `memberOf` attribute, or a search for groups listing the user. */
export const LDAP_GROUP_MODES = ["adInChain", "memberOf", "groupSearch"] as const;
export const LDAP_TRANSPORTS = ["ldaps", "starttls", "plain"] as const;

/** One group (LDAP: DN or CN; OIDC: claim value) → console role. */
export const roleMappingSchema = z.object({
  source: z.enum(SIGN_IN_SOURCES),
  group: z.string().trim().min(1, "Name the group.").max(500),
  role: z.enum(["admin", "helpdesk"]),
});
export type RoleMapping = z.infer<typeof roleMappingSchema>;
export const roleMappingsSchema = z.array(roleMappingSchema).max(200);

const ldapUrl = z
  .string()
  .trim()
  .max(300)
  .refine((v) => v === "" || /^ldaps?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?\/?$/i.test(v), { message: "Enter the directory as ldaps://dc1.contoso.com:636 or ldap://dc1.contoso.com:389." });
const placeholderTemplate = (names: string[]) =>
  z
    .string()
    .trim()
    .max(500)
    .refine((v) => [...v.matchAll(/\{([a-z]+)\}/g)].every((m) => names.includes(m[1] ?? "")), { message: `Use only the placeholders ${names.map((n) => `{${n}}`).join(", ")}.` });

/** The Settings "Sign-in" form and the PUT body: everything but the OIDC client secret, which is write-only. */
export const signInSettingsSchema = z
  .object({
    ldapEnabled: z.boolean(),
    ldapUrl,
    ldapTransport: z.enum(LDAP_TRANSPORTS),
    allowPlainLdap: z.boolean(),
    ldapTrustPem: z.string().max(200_000),
    ldapDomain: z.string().trim().max(200).regex(/^[a-z0-9.-]*$/i, "Enter the domain as contoso.com."),
    ldapUserDnTemplate: placeholderTemplate(["user"]),
    ldapBaseDn: z.string().trim().max(500),
    ldapUserFilter: placeholderTemplate(["user", "upn", "name"]).refine((v) => v === "" || /^\(.*\)$/.test(v), { message: "An LDAP filter is written in parentheses." }),
    ldapGroupMode: z.enum(LDAP_GROUP_MODES),
    ldapGroupFilter: placeholderTemplate(["dn"]).refine((v) => v === "" || /^\(.*\)$/.test(v), { message: "An LDAP filter is written in parentheses." }),
    oidcEnabled: z.boolean(),
    oidcDisplayName: z.string().trim().min(1).max(60),
    oidcIssuer: z.string().trim().max(500).refine((v) => v === "" || /^https?:\/\/\S+$/i.test(v), { message: "Enter the issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0." }),
    oidcClientId: z.string().trim().max(300),
    /** Empty keeps the stored secret; `clearClientSecret` removes it. */
    oidcClientSecret: z.string().max(1000).optional(),
    clearClientSecret: z.boolean().optional(),
    oidcRoleClaim: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_:./-]+$/, "A claim name such as groups or roles."),
    oidcRedirectUrl: z.string().trim().max(500).refine((v) => v === "" || /^https?:\/\/\S+\/auth\/oidc\/callback$/i.test(v), { message: "The redirect URL is the console's address followed by /auth/oidc/callback." }),
    roleMappings: roleMappingsSchema,
  })
  .superRefine((v, ctx) => {
    if (v.ldapEnabled && (!v.ldapUrl || !v.ldapBaseDn)) ctx.addIssue({ code: "custom", path: ["ldapUrl"], message: "Directory sign-in needs the server URL and the base DN." });
    if (v.ldapEnabled && v.ldapTransport === "plain" && !v.allowPlainLdap) ctx.addIssue({ code: "custom", path: ["ldapTransport"], message: "Plain LDAP sends passwords in clear: tick 'Allow plain LDAP (lab only)' to use it." });
    if (v.ldapTransport === "ldaps" && v.ldapUrl.toLowerCase().startsWith("ldap://")) ctx.addIssue({ code: "custom", path: ["ldapUrl"], message: "LDAPS needs an ldaps:// URL." });
    if (v.ldapTransport !== "ldaps" && v.ldapUrl.toLowerCase().startsWith("ldaps://")) ctx.addIssue({ code: "custom", path: ["ldapUrl"], message: "StartTLS and plain LDAP need an ldap:// URL." });
    if (v.oidcEnabled && (!v.oidcIssuer || !v.oidcClientId || !v.oidcRedirectUrl)) ctx.addIssue({ code: "custom", path: ["oidcIssuer"], message: "OIDC sign-in needs the issuer, the client id and the redirect URL." });
  });
export type SignInSettingsInput = z.infer<typeof signInSettingsSchema>;

/** The "Test connection" body: a directory account to try (not stored). */
export const directoryTestSchema = z.object({
  username: z.string().trim().min(1, "Enter a user name to test with.").max(256),
  password: z.string().min(1, "Enter the password.").max(256),
});
