import { apiRoute } from "@/lib/api/route-handler";
import { AppError } from "@/lib/server/errors";
import { listCertificates } from "@/lib/server/certificates/list-certificates";
import { parseCertificateFilters } from "@/lib/validations/certificate-filters";

/** GET /api/v1/certificates?server=&status=&service=&expiringWithinDays=&q=&sort=&dir=&page=&pageSize= */
export const GET = apiRoute(async ({ request, actor }) => {
  const parsed = parseCertificateFilters(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) throw new AppError("ERR_VALIDATION", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return listCertificates(actor, parsed.data);
});
