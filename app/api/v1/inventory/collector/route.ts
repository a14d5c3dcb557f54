import { apiRoute } from "@/lib/api/route-handler";
import { readCollectorScript } from "@/lib/server/inventory/read-collector-script";

/** GET /api/v1/inventory/collector — the collector script (Collect-CertConsoleInventory.ps1) as a download. */
export const GET = apiRoute(async ({ actor }) => {
  const { fileName, text } = await readCollectorScript(actor);
  return new Response(text, { headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"` } });
});
