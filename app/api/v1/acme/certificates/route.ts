import { apiRoute } from "@/lib/api/route-handler";
import { listAcmeCertificates } from "@/lib/server/acme/list-acme-certificates";

/** GET /api/v1/acme/certificates — certificates issued through ACME, their renewal setting and pending approvals. */
export const GET = apiRoute(async ({ actor }) => ({ items: await listAcmeCertificates(actor) }));
