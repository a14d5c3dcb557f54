import { apiRoute } from "@/lib/api/route-handler";
import { AppError } from "@/lib/server/errors";
import { listAuditEvents } from "@/lib/server/audit-log/list-audit-events";
import { auditCsv } from "@/lib/server/audit-log/audit-summary";
import { auditFiltersSchema } from "@/lib/validations/audit-filters";

/** GET /api/v1/audit-events?action=&actor=&outcome=&target=&acknowledged=1&page=&pageSize=[&format=csv] */
export const GET = apiRoute(async ({ request, actor }) => {
  const parsed = auditFiltersSchema.safeParse(Object.fromEntries([...request.nextUrl.searchParams].filter(([, v]) => v !== "")));
  if (!parsed.success) throw new AppError("ERR_VALIDATION", parsed.error.issues[0]?.message ?? "Invalid filter.");
  if (parsed.data.format !== "csv") return listAuditEvents(actor, parsed.data);
  const { items } = await listAuditEvents(actor, parsed.data, { all: true });
  return new Response(auditCsv(items), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="certconsole-audit.csv"' },
  });
});
