import { apiRoute } from "@/lib/api/route-handler";
import { probeAllEndpoints } from "@/lib/server/endpoints/probe-all-endpoints";

/** POST /api/v1/endpoints/probe?serverId= — probe every endpoint (a few at a time) and return each outcome. */
export const POST = apiRoute(async ({ request, actor }) => {
  const serverId = request.nextUrl.searchParams.get("serverId");
  return probeAllEndpoints(actor, serverId ? { serverId } : {});
});
