import { apiRoute, readJson } from "@/lib/api/route-handler";
import { acceptServerState } from "@/lib/server/inventory/accept-server-state";

/** POST /api/v1/servers/{name}/drift/accept `{"keys":[…]}` — the console follows the server for those differences (audited). */
export const POST = apiRoute<{ name: string }>(async ({ request, actor, params }) => {
  const body = (await readJson(request)) as Record<string, unknown> | null;
  return acceptServerState(actor, { ...(body && typeof body === "object" ? body : {}), server: params.name });
});
