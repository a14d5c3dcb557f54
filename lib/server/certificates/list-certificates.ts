import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import type { CertificateFilters } from "@/lib/validations/certificate-filters";

const DAY_MS = 24 * 60 * 60 * 1000;

/** One row of the certificates list. */
export interface CertificateListRow {
  id: string;
  thumbprint: string;
  friendlyName: string;
  subject: string;
  issuer: string;
  domains: string[];
  notAfter: Date;
  daysToExpiry: number;
  status: string;
  statusReason: string;
  isSelfSigned: boolean;
  hasPrivateKey: boolean;
  /** Services per server, e.g. { EX01: ["IIS", "SMTP"] }. */
  services: Record<string, string[]>;
  servers: string[];
  /** RootCAType per server it is installed on. */
  rootCaTypes: Record<string, string>;
}

/** Lists certificates with filters, search, sorting and server-side paging. Leaf and CA certificates alike, unless `ca` is `hide`. */
export async function listCertificates(actor: Actor | null, filters: CertificateFilters, now = new Date()) {
  requirePermission(actor, "read");
  const where: Prisma.CertificateWhereInput = { AND: [] };
  const and = where.AND as Prisma.CertificateWhereInput[];
  if (filters.server) and.push({ installations: { some: { server: { name: filters.server } } } });
  if (filters.status) and.push({ status: filters.status });
  if (filters.ca === "hide") and.push({ isCa: false });
  if (filters.service) and.push({ bindings: { some: { service: filters.service, ...(filters.server ? { server: { name: filters.server } } : {}) } } });
  if (filters.expiringWithinDays !== undefined) {
    and.push({ notAfter: { gte: now, lte: new Date(now.getTime() + filters.expiringWithinDays * DAY_MS) } });
  }
  if (filters.q) {
    const q = filters.q;
    // Thumbprints are matched only when the text looks like one (hex, optionally with spaces or colons, as
    // certutil and the MMC show them): "e2e-import" must not match a thumbprint containing "E2E".
    const hex = /^[0-9a-f:\s]{4,}$/i.test(q) ? q.replace(/[:\s]/g, "").toUpperCase() : null;
    and.push({
      OR: [
        { subject: { contains: q } },
        { friendlyName: { contains: q } },
        { issuer: { contains: q } },
        ...(hex ? [{ thumbprint: { contains: hex } }] : []),
      ],
    });
  }
  const [total, rows] = await Promise.all([
    db.certificate.count({ where }),
    db.certificate.findMany({
      where,
      orderBy: [{ [filters.sort]: filters.dir }, { thumbprint: "asc" }],
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
      select: {
        id: true,
        thumbprint: true,
        friendlyName: true,
        subject: true,
        issuer: true,
        domains: true,
        notAfter: true,
        status: true,
        statusReason: true,
        isSelfSigned: true,
        privateKeyId: true,
        installations: { select: { rootCaType: true, server: { select: { name: true } } } },
        bindings: { select: { service: true, server: { select: { name: true } } } },
      },
    }),
  ]);
  const items: CertificateListRow[] = rows.map((row) => {
    const services: Record<string, string[]> = {};
    for (const b of row.bindings) (services[b.server.name] ??= []).push(b.service);
    return {
      id: row.id,
      thumbprint: row.thumbprint,
      friendlyName: row.friendlyName,
      subject: row.subject,
      issuer: row.issuer,
      domains: (row.domains as string[]) ?? [],
      notAfter: row.notAfter,
      daysToExpiry: Math.floor((row.notAfter.getTime() - now.getTime()) / DAY_MS),
      status: row.status,
      statusReason: row.statusReason,
      isSelfSigned: row.isSelfSigned,
      hasPrivateKey: row.privateKeyId !== null,
      services,
      servers: row.installations.map((i) => i.server.name).sort(),
      rootCaTypes: Object.fromEntries(row.installations.map((i) => [i.server.name, i.rootCaType])),
    };
  });
  return { total, page: filters.page, pageSize: filters.pageSize, items };
}
