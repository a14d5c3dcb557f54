import { apiRoute, readJson } from "@/lib/api/route-handler";
import { renewCertificate, renewalDefaults } from "@/lib/server/certificates/renew-certificate";

/** GET /api/v1/certificates/:id/renew — what a renewal would request (subject, SANs, key). */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => renewalDefaults(actor, params.id));

/** POST /api/v1/certificates/:id/renew — `{ serverId, commonName?, domains?, key?, exportable? }` → a pending renewal request. */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const body = (await readJson(request)) as Record<string, unknown>;
  return renewCertificate(actor, { ...body, certificateId: params.id });
});
