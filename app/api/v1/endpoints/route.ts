import { apiRoute, readJson } from "@/lib/api/route-handler";
import { addEndpoint } from "@/lib/server/endpoints/add-endpoint";
import { listEndpoints } from "@/lib/server/endpoints/list-endpoints";

/** GET /api/v1/endpoints?serverId= — endpoints per server and service, bound certificates, last probe. */
export const GET = apiRoute(async ({ request, actor }) => {
  const serverId = request.nextUrl.searchParams.get("serverId");
  return { items: await listEndpoints(actor, serverId ? { serverId } : {}) };
});

/** POST /api/v1/endpoints — `{ serverId, service, host, port, starttls }`; admin only; audited. */
export const POST = apiRoute(async ({ request, actor }) => addEndpoint(actor, await readJson(request)));
