import { apiRoute, UPLOAD_ROUTE } from "@/lib/api/route-handler";
import { readUpload } from "@/lib/api/read-upload";
import { completePendingRequest } from "@/lib/server/certificates/complete-pending-request";
import { requirePermission } from "@/lib/server/auth/actor";

/** POST /api/v1/certificate-requests/:id/complete — upload the CA's answer (CER/CRT/PEM/P7B) as `file`. */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  requirePermission(actor, "mutate");
  const upload = await readUpload(request);
  return completePendingRequest(actor, { requestId: params.id, answer: upload.bytes, fileName: upload.fileName });
}, UPLOAD_ROUTE);
