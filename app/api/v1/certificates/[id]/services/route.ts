import { apiRoute, readJson } from "@/lib/api/route-handler";
import { enableServices } from "@/lib/server/certificates/enable-services";
import { getAssignmentContext } from "@/lib/server/certificates/assignment-context";

/** GET /api/v1/certificates/:id/services — bindings per server, the revocation policy and the assignment decision. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => getAssignmentContext(actor, params.id));

/** POST /api/v1/certificates/:id/services — Enable-ExchangeCertificate: `{ serverIds, services, acknowledged?, confirmReplaceDefaultSmtp? }`. */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const body = (await readJson(request)) as Record<string, unknown>;
  return enableServices(actor, { ...body, certificateId: params.id });
});
