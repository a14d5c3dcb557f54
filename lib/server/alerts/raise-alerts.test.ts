import { beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "@/test/test-database";

const DAY = 86_400_000;

beforeAll(async () => {
  await useTestDatabase();
  const { seedDemoOrganization } = await import("../bootstrap/seed-demo-organization");
  const { refreshAllStatuses } = await import("../certificates/refresh-all-statuses");
  await seedDemoOrganization(new Date());
  await refreshAllStatuses(new Date());
});

describe("raiseAlerts", () => {
  test("raises 12018 for the certificate expiring in 10 days and 12016 for the expired one, once each", async () => {
    const { raiseAlerts } = await import("./raise-alerts");
    const first = await raiseAlerts(new Date());
    const soon = first.find((a) => a.kind === "ExpiresSoon");
    expect(soon?.eventId).toBe(12018);
    expect(soon?.message).toMatch(/smtp\.contoso\.com.*\b2[0-9]{2} hours left|hours left/);
    expect(first.find((a) => a.kind === "Expired")?.eventId).toBe(12016);
    expect(await raiseAlerts(new Date())).toEqual([]);
  });

  test("a muted certificate raises nothing, and a later threshold fires again for the others", async () => {
    const { db } = await import("../db");
    const { raiseAlerts } = await import("./raise-alerts");
    const smtp = await db.certificate.findFirstOrThrow({ where: { friendlyName: "Edge SMTP (expiring)" } });
    const later = await raiseAlerts(new Date(Date.now() + 4 * DAY)); // 6 days left: the 7-day threshold
    expect(later.map((a) => a.certificateId)).toContain(smtp.id);
    await db.certificate.update({ where: { id: smtp.id }, data: { alertsMuted: true } });
    expect((await raiseAlerts(new Date(Date.now() + 11 * DAY))).map((a) => a.certificateId)).not.toContain(smtp.id);
  });

  test("alerts that no longer hold resolve themselves: RevocationFailing clears when a check succeeds, kept in the history with the time it cleared", async () => {
    const { db } = await import("../db");
    const { raiseAlerts } = await import("./raise-alerts");
    const { refreshCertificateStatus } = await import("../certificates/refresh-certificate-status");
    const { listAlerts, listResolvedAlerts } = await import("./list-alerts");
    const { createRevocationChecker } = await import("@/lib/pki/revocation/checker");
    const owa = await db.certificate.findFirstOrThrow({ where: { friendlyName: "OWA (CRL only reachable without the proxy)" } });
    const admin = { userId: "test", username: "t", role: "admin" as const };
    // Offline checks: no answer for the CDP, so the check fails (the demo's proxy problem, without a network).
    await refreshCertificateStatus(owa.id, new Date(), createRevocationChecker({ offline: true }));
    expect((await db.certificate.findUniqueOrThrow({ where: { id: owa.id } })).status).toBe("RevocationCheckFailure");
    const raised = await raiseAlerts(new Date());
    const failing = raised.find((a) => a.kind === "RevocationFailing" && a.certificateId === owa.id);
    expect(failing).toBeDefined();
    // The KB 979694 fix: the CRL is now reachable, and says "not revoked" (a checker that answers good).
    const good = { check: async (q: { depth: number }) => ({ depth: q.depth, thumbprint: "", subject: "", status: "good" as const, message: "not revoked", attempts: [] }) };
    await refreshCertificateStatus(owa.id, new Date(), good);
    expect((await db.certificate.findUniqueOrThrow({ where: { id: owa.id } })).status).toBe("Valid");
    expect((await listAlerts(admin)).map((a) => a.id)).not.toContain(failing!.id);
    const history = await listResolvedAlerts(admin);
    expect(history.find((a) => a.id === failing!.id)?.resolvedAt).toBeInstanceOf(Date);
  });
});
