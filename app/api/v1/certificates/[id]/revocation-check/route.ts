import { apiRoute } from "@/lib/api/route-handler";
import { checkRevocationNow } from "@/lib/server/revocation/check-revocation-now";

/** POST /api/v1/certificates/{id}/revocation-check — re-check chain and revocation now, with the console's proxy settings. */
export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => checkRevocationNow(actor, params.id));
