import { db } from "../db";
import { writeAudit } from "../audit";

const SYSTEM = { username: "system", role: "system" } as const;

/** The demo's endpoints per server and service (names of the Contoso organization; offline they fail to connect, honestly). */
export const DEMO_ENDPOINTS = [
  { server: "EXCAS1", service: "IIS", host: "mail.contoso.com", port: 443, starttls: null },
  { server: "EX01", service: "SMTP", host: "mail.contoso.com", port: 25, starttls: "smtp" },
  { server: "EDGE1", service: "SMTP", host: "smtp.contoso.com", port: 25, starttls: "smtp" },
] as const;

/** The demo's domain-secured partners. */
export const DEMO_PARTNERS = [
  { domain: "fabrikam.com", host: "mx.fabrikam.com", port: 25, starttls: "smtp" },
  { domain: "tailspintoys.com", host: "mail.tailspintoys.com", port: 25, starttls: "smtp" },
] as const;

/**
 * Adds the demo endpoints and partner hosts to the demo organization (after {@link seedDemoOrganization}). Does
 * nothing when any endpoint already exists, when it ran before, or when the demo servers are missing. Returns whether it seeded.
 */
export async function seedEndpoints(): Promise<boolean> {
  if ((await db.endpoint.count()) > 0) return false;
  // Once only: an admin who removed every demo endpoint does not get them back at the next start.
  if ((await db.auditEvent.count({ where: { action: "organization.seedEndpoints" } })) > 0) return false;
  const servers = await db.server.findMany({
    where: { name: { in: DEMO_ENDPOINTS.map((e) => e.server) } },
    select: { id: true, name: true },
  });
  const byName = new Map(servers.map((s) => [s.name, s.id]));
  if (DEMO_ENDPOINTS.some((e) => !byName.has(e.server))) return false;
  await db.$transaction(async (tx) => {
    for (const e of DEMO_ENDPOINTS) {
      await tx.endpoint.create({
        data: {
          serverId: byName.get(e.server)!,
          service: e.service,
          host: e.host,
          port: e.port,
          starttls: e.starttls,
        },
      });
    }
    for (const p of DEMO_PARTNERS) {
      await tx.partnerHost.upsert({
        where: { host_port: { host: p.host, port: p.port } },
        create: { ...p },
        update: {},
      });
    }
    await writeAudit(tx, SYSTEM, {
      action: "organization.seedEndpoints",
      targetType: "organization",
      targetId: "contoso",
      details: {
        endpoints: DEMO_ENDPOINTS.map((e) => `${e.server} ${e.service} ${e.host}:${e.port}`),
        partners: DEMO_PARTNERS.map((p) => `${p.domain} ${p.host}:${p.port}`),
      },
    });
  });
  return true;
}
