import { apiRoute } from "@/lib/api/route-handler";
import { clearUrlCache } from "@/lib/server/revocation/clear-url-cache";

/** DELETE /api/v1/url-cache — `certutil -urlcache * delete`: forget every cached CRL (admin; audited). */
export const DELETE = apiRoute(async ({ actor }) => clearUrlCache(actor));
