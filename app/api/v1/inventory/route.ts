import { apiRoute, UPLOAD_ROUTE } from "@/lib/api/route-handler";
import { readInventoryUpload } from "@/lib/api/read-inventory-upload";
import { importInventory } from "@/lib/server/inventory/import-inventory";
import { requirePermission } from "@/lib/server/auth/actor";

/**
 * POST /api/v1/inventory — imports a collector file (JSON body, as `Collect-CertConsoleInventory.ps1 -ConsoleUrl`
 * posts it with `Authorization: Bearer <token>`, or multipart `file` from the Servers page). A bad file answers
 * 400 `ERR_INVENTORY_INVALID` with `details.fields` (`path`, `message`) and changes nothing.
 */
export const POST = apiRoute(async ({ request, actor }) => {
  requirePermission(actor, "inventoryWrite");
  return importInventory(actor, await readInventoryUpload(request));
}, UPLOAD_ROUTE);
