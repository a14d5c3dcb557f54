import { apiRoute } from "@/lib/api/route-handler";
import { getServerDrift } from "@/lib/server/inventory/get-server-drift";

/** GET /api/v1/servers/{name}/drift — differences between the console and the server's last inventory, with EMS lines. */
export const GET = apiRoute<{ name: string }>(async ({ actor, params }) => getServerDrift(actor, params.name));
