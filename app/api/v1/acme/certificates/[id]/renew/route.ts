import { apiRoute } from "@/lib/api/route-handler";
import { renewAcmeCertificate } from "@/lib/server/acme/renew-acme-certificate";

/** POST /api/v1/acme/certificates/{id|thumbprint}/renew — renew through ACME now; admin only; audited. */
export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => renewAcmeCertificate(actor, { certificateId: params.id }));
