import { z } from "zod";
import { SERVICES, STATUSES } from "./domain";

/** Query of the certificates list: filters, search, sorting and server-side paging. */
export const certificateFiltersSchema = z.object({
  server: z.string().max(64).optional(),
  status: z.enum(STATUSES).optional(),
  service: z.enum(SERVICES).optional(),
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  q: z.string().trim().max(200).optional(),
  /** CA certificates (roots and intermediates known from trust stores and chains): shown, or hidden (the list's default). */
  ca: z.enum(["hide", "show"]).optional(),
  sort: z.enum(["notAfter", "subject", "status", "friendlyName"]).default("notAfter"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(5).max(200).default(50),
});
export type CertificateFilters = z.infer<typeof certificateFiltersSchema>;

/** Parses URL search params leniently: empty strings count as absent. */
export function parseCertificateFilters(params: Record<string, string | string[] | undefined>) {
  const flat = Object.fromEntries(
    Object.entries(params)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v !== undefined && v !== ""),
  );
  return certificateFiltersSchema.safeParse(flat);
}
