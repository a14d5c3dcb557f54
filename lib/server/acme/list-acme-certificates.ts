import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";

/**
 * The certificates issued through ACME, newest first, for Settings → Certificate authorities and `certctl acme`:
 * account, renewal setting (automatic / wait for approval), revocation, what each renews, and — for a renewal whose
 * predecessor still holds services — the services waiting for an admin's approval.
 */
export async function listAcmeCertificates(actor: Actor | null) {
  requirePermission(actor, "read");
  const orders = await db.acmeOrder.findMany({
    where: { status: "Issued", certificateId: { not: null } },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      solver: true,
      autoEnableServices: true,
      revokedAt: true,
      revocationReason: true,
      account: { select: { name: true } },
      certificate: { select: { id: true, thumbprint: true, friendlyName: true, subject: true, notAfter: true, status: true, bindings: { select: { service: true, serverId: true } } } },
      renews: { select: { id: true, thumbprint: true, bindings: { select: { service: true, serverId: true, server: { select: { name: true } } } } } },
    },
  });
  const renewedIds = new Set((await db.acmeOrder.findMany({ where: { status: { in: ["Issued", "AwaitingConfirmation"] }, renewsCertificateId: { not: null } }, select: { renewsCertificateId: true } })).map((o) => o.renewsCertificateId));
  return orders.flatMap(({ certificate, ...o }) =>
    certificate
      ? [
          {
            acmeOrderId: o.id,
            ...(({ bindings: _b, ...c }) => c)(certificate),
            account: o.account.name,
            solver: o.solver,
            mode: o.autoEnableServices ? ("automatic" as const) : ("approval" as const),
            revokedAt: o.revokedAt,
            revocationReason: o.revocationReason,
            renewed: renewedIds.has(certificate.id),
            renews: o.renews ? { id: o.renews.id, thumbprint: o.renews.thumbprint } : null,
            pendingServices: o.renews && !o.revokedAt ? o.renews.bindings.filter((b) => !certificate.bindings.some((n) => n.serverId === b.serverId && n.service === b.service)).map((b) => `${b.service} on ${b.server.name}`) : [],
          },
        ]
      : [],
  );
}
