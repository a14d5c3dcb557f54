import { z } from "zod";

/** The scopes an API token is created with (the names users see); lib/server/auth/actor.ts says what each allows. */
export const TOKEN_SCOPES = ["read", "diagnostics", "mutate", "inventory:write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Longest lifetime of an API token. */
export const MAX_TOKEN_DAYS = 366;

/** Body of `POST /api/v1/tokens` and the form on the API page. */
export const createApiTokenSchema = z
  .object({
    name: z.string().trim().min(1, "Name the token (what uses it).").max(64),
    scopes: z
      .array(z.enum(TOKEN_SCOPES))
      .min(1, "Pick at least one scope.")
      .max(TOKEN_SCOPES.length)
      .refine((s) => new Set(s).size === s.length, "Each scope only once."),
    expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).default(90),
  })
  .strict();
export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;

/** One token as lists show it (never the secret). */
export const apiTokenViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe("The first characters of the token, to recognise it."),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  state: z.enum(["active", "expired", "revoked"]),
});
export type ApiTokenView = z.infer<typeof apiTokenViewSchema>;

/** Answer of `POST /api/v1/tokens`: the token itself, shown this once. */
export const createdApiTokenSchema = apiTokenViewSchema.extend({ token: z.string().describe("The secret: shown once, stored only as its SHA-256.") });
