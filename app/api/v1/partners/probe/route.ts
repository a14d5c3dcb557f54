import { apiRoute } from "@/lib/api/route-handler";
import { probeAllPartnerHosts } from "@/lib/server/partners/probe-all-partner-hosts";

/** POST /api/v1/partners/probe — probe every partner host (a few at a time) and return each outcome. */
export const POST = apiRoute(async ({ actor }) => probeAllPartnerHosts(actor));
