import { apiRoute } from "@/lib/api/route-handler";
import { probeEndpointNow } from "@/lib/server/endpoints/probe-endpoint";

/** POST /api/v1/endpoints/{id}/probe — probe now; flags (and alerts once) a certificate that is not the bound one. */
export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => probeEndpointNow(actor, params.id));
