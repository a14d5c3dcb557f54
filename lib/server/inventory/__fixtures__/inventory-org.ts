// Test fixture for the inventory use-cases: a fresh database with only the two accounts (no demo organization),
// and the hand-written Contoso inventory files completed with real certificates (test/fixtures/inventory).
import { useTestDatabase as prepareTestDatabase } from "@/test/test-database";
import { buildInventoryFixtures } from "@/test/fixtures/inventory/build-inventory";
import { normalizeScript, readGolden, writeGolden } from "@/test/fixtures/inventory/golden";
import type { Actor } from "../../auth/actor";

export async function inventoryOrg(now = new Date()) {
  await prepareTestDatabase();
  const { db } = await import("../../db");
  const { ensureSettings, ensureUsers } = await import("../../bootstrap/ensure-users");
  await ensureSettings();
  await ensureUsers({});
  const user = async (username: string, role: Actor["role"]): Promise<Actor> => ({ userId: (await db.user.findUniqueOrThrow({ where: { username } })).id, username, role });
  const fixtures = await buildInventoryFixtures(now);
  const labels = new Map(Object.entries(fixtures.certs).map(([label, c]) => [c.thumbprint, label]));
  /** Row counts a refused import must leave unchanged. */
  const counts = async () => ({
    servers: await db.server.count(),
    certificates: await db.certificate.count(),
    installations: await db.certificateInstallation.count(),
    bindings: await db.serviceBinding.count(),
    trust: await db.trustStoreEntry.count(),
    snapshots: await db.inventorySnapshot.count(),
    connectors: await db.connector.count(),
    protocols: await db.protocolCertificateName.count(),
    auth: await db.authConfig.count(),
    edges: await db.edgeSubscription.count(),
    defaults: JSON.stringify(await db.server.findMany({ select: { name: true, defaultSmtpCertificateId: true }, orderBy: { name: "asc" } })),
  });
  const normalize = (text: string) => normalizeScript(text, labels);
  /** Compares with the golden file; `UPDATE_GOLDEN=1` rewrites it. */
  const matchesGolden = (name: string, text: string) => {
    if (process.env.UPDATE_GOLDEN === "1") writeGolden(name, text);
    return text === readGolden(name);
  };
  return { db, admin: await user("admin", "admin"), helpdesk: await user("helpdesk", "helpdesk"), fixtures, counts, normalize, matchesGolden };
}
