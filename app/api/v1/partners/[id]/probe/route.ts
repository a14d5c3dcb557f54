import { apiRoute } from "@/lib/api/route-handler";
import { probePartnerHostNow } from "@/lib/server/partners/probe-partner-host";

/** POST /api/v1/partners/{id}/probe — probe now (STARTTLS SMTP by default) and return the report. */
export const POST = apiRoute<{ id: string }>(async ({ actor, params }) =>
  probePartnerHostNow(actor, params.id),
);
