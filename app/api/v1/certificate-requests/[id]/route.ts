import { apiRoute } from "@/lib/api/route-handler";
import { exportPendingRequest } from "@/lib/server/certificates/export-certificate";

/** GET /api/v1/certificate-requests/:id — the PKCS#10 as JSON, or the `.req` file with `?format=req`. */
export const GET = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const exported = await exportPendingRequest(actor, params.id);
  if (request.nextUrl.searchParams.get("format") === "req") {
    return new Response(exported.pem, { headers: { "content-type": "application/pkcs10", "content-disposition": `attachment; filename="${exported.fileName}"` } });
  }
  return exported;
});
