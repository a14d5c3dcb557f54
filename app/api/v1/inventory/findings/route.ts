import { apiRoute } from "@/lib/api/route-handler";
import { listExchangeFindings } from "@/lib/server/inventory/list-exchange-findings";

/** GET /api/v1/inventory/findings — connectors, IMAP/POP names, Auth configuration, Edge subscriptions, their findings and SC-081 cadences. */
export const GET = apiRoute(async ({ actor }) => listExchangeFindings(actor));
