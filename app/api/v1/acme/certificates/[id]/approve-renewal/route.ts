import { apiRoute, readJson } from "@/lib/api/route-handler";
import { approveAcmeRenewal } from "@/lib/server/acme/approve-acme-renewal";

/** POST /api/v1/acme/certificates/{id}/approve-renewal — `{ acknowledged? }`: move the predecessor's services to this renewal; admin only; audited. */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const body = (await readJson(request)) as Record<string, unknown>;
  return approveAcmeRenewal(actor, { ...body, certificateId: params.id });
});
