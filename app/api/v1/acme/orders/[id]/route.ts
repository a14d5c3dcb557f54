import { apiRoute } from "@/lib/api/route-handler";
import { getAcmeOrder } from "@/lib/server/acme/get-acme-order";

/** GET /api/v1/acme/orders/{id} — status, the manual solver's TXT records, the CA's problem in words, the certificate. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => getAcmeOrder(actor, params.id));
