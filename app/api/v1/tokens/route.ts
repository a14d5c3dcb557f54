import { apiRoute, readJson } from "@/lib/api/route-handler";
import { createApiToken } from "@/lib/server/api-tokens/create-api-token";
import { listApiTokens } from "@/lib/server/api-tokens/list-api-tokens";

/** GET /api/v1/tokens — API tokens (an administrator sees all, anyone else their own); never the secrets. */
export const GET = apiRoute(async ({ actor }) => ({ items: await listApiTokens(actor) }));

/** POST /api/v1/tokens — creates an API token `{ name, scopes, expiresInDays }`; the answer holds the token, shown once. */
export const POST = apiRoute(async ({ request, actor }) => createApiToken(actor, await readJson(request)));
