import { apiRoute, readJson } from "@/lib/api/route-handler";
import { addPartnerHost } from "@/lib/server/partners/add-partner-host";
import { listPartnerHosts } from "@/lib/server/partners/list-partner-hosts";

/** GET /api/v1/partners — the domain-secured partner hosts with their last probe report. */
export const GET = apiRoute(async ({ actor }) => ({ items: await listPartnerHosts(actor) }));

/** POST /api/v1/partners — `{ domain, host, port = 25, starttls = "smtp" }`; admin only; audited. */
export const POST = apiRoute(async ({ request, actor }) => addPartnerHost(actor, await readJson(request)));
