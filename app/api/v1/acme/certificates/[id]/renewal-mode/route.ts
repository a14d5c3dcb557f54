import { apiRoute, readJson } from "@/lib/api/route-handler";
import { setAcmeRenewalMode } from "@/lib/server/acme/set-acme-renewal-mode";

/** PUT /api/v1/acme/certificates/{id}/renewal-mode — `{ mode: "automatic" | "approval" }`; admin only; audited. */
export const PUT = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const body = (await readJson(request)) as Record<string, unknown>;
  return setAcmeRenewalMode(actor, { ...body, certificateId: params.id });
});
