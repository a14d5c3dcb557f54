import { apiRoute, readJson } from "@/lib/api/route-handler";
import { revokeAcmeCertificate } from "@/lib/server/acme/revoke-acme-certificate";

/** POST /api/v1/acme/certificates/{id}/revoke — `{ reason: unspecified|keyCompromise|affiliationChanged|superseded|cessationOfOperation }`; admin only; audited. */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const body = (await readJson(request)) as Record<string, unknown>;
  return revokeAcmeCertificate(actor, { ...body, certificateId: params.id });
});
