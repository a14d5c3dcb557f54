import { apiRoute } from "@/lib/api/route-handler";
import { AppError } from "@/lib/server/errors";
import { listEndpoints } from "@/lib/server/endpoints/list-endpoints";
import { removeEndpoint } from "@/lib/server/endpoints/remove-endpoint";

/** GET /api/v1/endpoints/{id} — one endpoint with its bound certificates and last report. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  const found = (await listEndpoints(actor)).find((e) => e.id === params.id);
  if (!found) throw new AppError("ERR_NOT_FOUND", "No such endpoint.");
  return found;
});

/** DELETE /api/v1/endpoints/{id} — admin only; audited. */
export const DELETE = apiRoute<{ id: string }>(async ({ actor, params }) => removeEndpoint(actor, params.id));
