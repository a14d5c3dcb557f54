import { apiRoute, readJson } from "@/lib/api/route-handler";
import { exportCertificate } from "@/lib/server/certificates/export-certificate";

/** POST /api/v1/certificates/:id/export — `{ password, encryption: "aes256" | "tripleDesSha1", includeChain }` → the PFX file. */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const body = (await readJson(request)) as Record<string, unknown>;
  const exported = await exportCertificate(actor, { ...body, certificateId: params.id });
  return new Response(new Uint8Array(exported.pfx), {
    headers: { "content-type": "application/x-pkcs12", "content-disposition": `attachment; filename="${exported.fileName}"`, "cache-control": "no-store" },
  });
});
