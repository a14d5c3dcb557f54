import { apiRoute, readJson } from "@/lib/api/route-handler";
import { getSettings } from "@/lib/server/settings/get-settings";
import { updateSettings } from "@/lib/server/settings/update-settings";

/** GET /api/v1/settings */
export const GET = apiRoute(async ({ actor }) => getSettings(actor));

/** PUT /api/v1/settings — admin only; audited. */
export const PUT = apiRoute(async ({ request, actor }) => updateSettings(actor, await readJson(request)));
