import { apiRoute } from "@/lib/api/route-handler";
import { confirmAcmeDnsRecords } from "@/lib/server/acme/confirm-acme-dns-records";

/**
 * POST /api/v1/acme/orders/{id}/confirm — "I have created them": the TXT records are pre-checked on the authoritative
 * name servers (`ERR_ACME_DNS_NOT_PROPAGATED`, 409, while one is missing: the CA is not asked), then the CA validates.
 */
export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => confirmAcmeDnsRecords(actor, { acmeOrderId: params.id }));
