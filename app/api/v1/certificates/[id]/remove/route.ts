import { apiRoute, readJson } from "@/lib/api/route-handler";
import { removeCertificate } from "@/lib/server/certificates/remove-certificate";

/** POST /api/v1/certificates/:id/remove — Remove-ExchangeCertificate: `{ serverIds, confirm: true }`; refused while bound. */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const body = (await readJson(request)) as Record<string, unknown>;
  return removeCertificate(actor, { ...body, certificateId: params.id });
});
