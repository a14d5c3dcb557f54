import { db } from "../db";
import { AppError } from "../errors";
import { requirePermission, type Actor } from "../auth/actor";
import { parseInput } from "../certificates/wizard-input";
import { renewalImpactSchema } from "@/lib/validations/inventory";
import { renewalImpact, type ReplacementCertificate } from "@/lib/pki/exchange/renewal-impact";
import { renderChangeScript } from "@/lib/pki/exchange/change-script";
import { loadOrganization, orgCertificate } from "./load-organization";

/** How far ahead the Auth certificate's new effective date is set (Microsoft asks for at least 48 hours). */
export const AUTH_EFFECTIVE_DELAY_MS = 48 * 60 * 60 * 1000;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

async function replacementOf(data: { certificateId: string; replacementId?: string | undefined; requestId?: string | undefined }, old: { subject: string; domains: unknown }): Promise<ReplacementCertificate> {
  if (data.replacementId) {
    const c = await db.certificate.findUnique({ where: { id: data.replacementId }, include: { privateKey: { select: { exportable: true } } } });
    if (!c) throw new AppError("ERR_NOT_FOUND", `No certificate with id ${data.replacementId}.`);
    return { thumbprint: c.thumbprint, subject: c.subject, issuer: c.issuer, domains: strings(c.domains), friendlyName: c.friendlyName, keyInConsole: Boolean(c.privateKey), exportable: c.privateKey?.exportable ?? false };
  }
  if (data.requestId) {
    const r = await db.certificateRequest.findUnique({ where: { id: data.requestId }, include: { privateKey: { select: { exportable: true } } } });
    if (!r) throw new AppError("ERR_NOT_FOUND", `No certificate request with id ${data.requestId}.`);
    return { thumbprint: null, subject: r.subject, issuer: null, domains: strings(r.domains), friendlyName: r.friendlyName, keyInConsole: true, exportable: r.privateKey.exportable };
  }
  // A renewal not yet requested: same subject and names, a new key made by the console (exportable by default).
  return { thumbprint: null, subject: old.subject, issuer: null, domains: strings(old.domains), keyInConsole: true, exportable: true };
}

/**
 * The renewal impact preview: every place that references the certificate (bindings per server, connectors
 * whose `<I><S>` will no longer match, IMAP/POP names, the Auth configuration, Edge subscriptions) and the
 * ordered change script (.ps1) with its rollback section. Reads only.
 */
export async function previewRenewalImpact(actor: Actor | null, input: unknown, now = new Date()) {
  requirePermission(actor, "read");
  const data = parseInput(renewalImpactSchema, input);
  const old = await db.certificate.findFirst({ where: { OR: [{ id: data.certificateId }, { thumbprint: data.certificateId.toUpperCase() }] } });
  if (!old) throw new AppError("ERR_NOT_FOUND", `No certificate with id ${data.certificateId}.`);
  const replacement = await replacementOf(data, old);
  const org = await loadOrganization(db);
  const impact = renewalImpact(org, orgCertificate(old), replacement, data.requestId || !data.replacementId ? "renew" : data.operation);
  const script = renderChangeScript(impact, { generatedAt: now, authEffectiveDate: new Date(now.getTime() + AUTH_EFFECTIVE_DELAY_MS) });
  return { certificateId: old.id, impact, script, fileName: `certconsole-${impact.operation}-${old.thumbprint.slice(0, 8)}.ps1` };
}

/**
 * What could replace a certificate in the preview: other end-entity certificates, those with the same subject
 * first, and the console's pending requests that renew it.
 */
export async function listReplacementCandidates(actor: Actor | null, certificateId: string) {
  requirePermission(actor, "read");
  const old = await db.certificate.findFirst({ where: { OR: [{ id: certificateId }, { thumbprint: certificateId.toUpperCase() }] }, select: { id: true, subject: true } });
  if (!old) throw new AppError("ERR_NOT_FOUND", `No certificate with id ${certificateId.slice(0, 64)}.`);
  const certificates = await db.certificate.findMany({ where: { isCa: false, id: { not: old.id } }, select: { id: true, subject: true, thumbprint: true, friendlyName: true, notAfter: true }, orderBy: { notAfter: "desc" }, take: 200 });
  const requests = await db.certificateRequest.findMany({ where: { renewsCertificateId: old.id, status: "Pending" }, select: { id: true, subject: true, createdAt: true } });
  return { certificates: [...certificates].sort((a, b) => Number(b.subject === old.subject) - Number(a.subject === old.subject)), requests };
}

/** Certificates that serve something on the servers where `certificateId` is installed: what enabling it may displace. */
export async function listDisplacedCertificates(actor: Actor | null, certificateId: string) {
  requirePermission(actor, "read");
  const installs = await db.certificateInstallation.findMany({ where: { certificateId }, select: { serverId: true } });
  const bindings = await db.serviceBinding.findMany({
    where: { serverId: { in: installs.map((i) => i.serverId) }, certificateId: { not: certificateId } },
    select: { service: true, server: { select: { name: true } }, certificate: { select: { id: true, subject: true, thumbprint: true } } },
  });
  const byCert = new Map<string, { id: string; subject: string; thumbprint: string; uses: string[] }>();
  for (const b of bindings) {
    const entry = byCert.get(b.certificate.id) ?? { ...b.certificate, uses: [] };
    entry.uses.push(`${b.service} on ${b.server.name}`);
    byCert.set(b.certificate.id, entry);
  }
  return [...byCert.values()];
}
