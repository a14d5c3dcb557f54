import { z } from "zod";
import { auditFiltersSchema } from "@/lib/validations/audit-filters";
import { settingsSchema } from "@/lib/validations/settings";
import { signInSchema } from "@/lib/validations/sign-in";
import { apiTokenViewSchema, createApiTokenSchema, createdApiTokenSchema } from "@/lib/validations/api-tokens";
import { objectAnswer, type ApiOperation } from "../operation";

/** Signing in, API tokens, settings, the audit log, jobs and caches. */
export const consoleOperations: ApiOperation[] = [
  {
    method: "POST",
    path: "/api/v1/session",
    summary: "Sign in: a short-lived session bearer token (8 hours), also set as the session cookie.",
    access: "anonymous",
    body: signInSchema,
    response: z.object({ token: z.string(), expiresAt: z.iso.datetime(), user: z.object({ id: z.string(), username: z.string(), role: z.enum(["admin", "helpdesk"]) }) }),
    errors: ["ERR_BAD_CREDENTIALS", "ERR_ACCOUNT_DISABLED", "ERR_TOTP_REQUIRED", "ERR_TOTP_INVALID", "ERR_TOTP_REUSED", "ERR_RATE_LIMITED"],
  },
  { method: "DELETE", path: "/api/v1/session", summary: "Sign out: ends the session of the bearer token or cookie.", access: "session", response: z.object({ ok: z.boolean() }) },
  { method: "GET", path: "/api/v1/tokens", summary: "API tokens: an administrator sees all, anyone else their own. Never the secrets.", access: "session", response: z.object({ items: z.array(apiTokenViewSchema) }) },
  {
    method: "POST",
    path: "/api/v1/tokens",
    summary: "Create an API token; the answer holds the token, shown this once.",
    description: "Scopes never exceed the creator's role: a helpdesk may hold read and diagnostics tokens only.",
    access: "session",
    body: createApiTokenSchema,
    response: createdApiTokenSchema,
    errors: ["ERR_TOKEN_SCOPE_EXCEEDS_ROLE"],
  },
  { method: "DELETE", path: "/api/v1/tokens/{id}", summary: "Revoke an API token at once.", access: "session", response: apiTokenViewSchema },
  { method: "GET", path: "/api/v1/settings", summary: "Console settings: proxy, revocation policy, alerts.", access: "read", response: objectAnswer("The settings.") },
  { method: "PUT", path: "/api/v1/settings", summary: "Change the console settings.", access: "mutate", body: settingsSchema, response: objectAnswer("The settings.") },
  {
    method: "GET",
    path: "/api/v1/audit-events",
    summary: "The audit log, newest first; `format=csv` as a file.",
    access: "read",
    query: auditFiltersSchema,
    response: objectAnswer("`{ items, total, page, pageSize }`, or with format=csv a text/csv file."),
  },
  { method: "GET", path: "/api/v1/jobs/{name}", summary: "A background job's state: running, progress, last run.", access: "read", response: objectAnswer("The job state.") },
  { method: "POST", path: "/api/v1/jobs/{name}", summary: "Start a background job now (refresh-statuses, probe-endpoints).", access: "diagnostics", response: objectAnswer("The job state.") },
  { method: "DELETE", path: "/api/v1/url-cache", summary: "Clear the CRL/AIA URL cache.", access: "mutate", response: objectAnswer("How many entries were cleared.") },
  {
    method: "POST",
    path: "/api/v1/refusals/server-action",
    summary: "Internal: where the console's proxy sends a refused server-action call, to audit it and answer in the error shape.",
    access: "public",
    response: objectAnswer("Never 200: always an error."),
  },
  { method: "GET", path: "/api/v1/openapi.json", summary: "This document.", access: "public", response: objectAnswer("OpenAPI 3.1.") },
];
