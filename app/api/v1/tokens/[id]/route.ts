import { apiRoute } from "@/lib/api/route-handler";
import { revokeApiToken } from "@/lib/server/api-tokens/revoke-api-token";

/** DELETE /api/v1/tokens/{id} — revokes an API token at once. */
export const DELETE = apiRoute<{ id: string }>(async ({ actor, params }) => revokeApiToken(actor, params.id));
