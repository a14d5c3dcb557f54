import { z } from "zod";

/** Filters of the Audit page. */
export const auditFiltersSchema = z.object({
  action: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(100).optional(),
  outcome: z.enum(["success", "refused", "failed"]).optional(),
  target: z.string().trim().max(200).optional(),
  /** Only assignments made under warn-but-allow with an acknowledged warning. */
  acknowledged: z.enum(["1"]).optional(),
  format: z.enum(["json", "csv"]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(10).max(500).default(100),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;
