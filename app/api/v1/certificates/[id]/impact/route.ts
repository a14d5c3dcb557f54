import { apiRoute } from "@/lib/api/route-handler";
import { previewRenewalImpact } from "@/lib/server/inventory/preview-renewal-impact";

/**
 * GET /api/v1/certificates/{id}/impact[?replacement={id}|request={id}][&operation=renew|replace|enable][&format=ps1]
 * — the renewal impact preview; with `format=ps1` the change script as a download.
 */
export const GET = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const q = request.nextUrl.searchParams;
  const preview = await previewRenewalImpact(actor, {
    certificateId: params.id,
    ...(q.get("replacement") ? { replacementId: q.get("replacement") } : {}),
    ...(q.get("request") ? { requestId: q.get("request") } : {}),
    ...(q.get("operation") ? { operation: q.get("operation") } : {}),
  });
  if (q.get("format") === "ps1") {
    return new Response(preview.script, { headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `attachment; filename="${preview.fileName}"` } });
  }
  return preview;
});
