import { apiRoute } from "@/lib/api/route-handler";
import { AppError } from "@/lib/server/errors";
import { listAuditEvents } from "@/lib/server/audit-log/list-audit-events";
import { auditFiltersSchema } from "@/lib/validations/audit-filters";

/** GET /api/v1/audit-events?action=&actor=&outcome=&target=&page=&pageSize= */
export const GET = apiRoute(async ({ request, actor }) => {
  const parsed = auditFiltersSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) throw new AppError("ERR_VALIDATION", parsed.error.issues[0]?.message ?? "Invalid filter.");
  return listAuditEvents(actor, parsed.data);
});
