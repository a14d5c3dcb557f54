// Test fixture for the inventory use-cases: a fresh database with only the two accounts (no demo organization),
// and the hand-written Contoso inventory files completed with real certificates (test/fixtures/inventory).
import fs from "node:fs";
import path from "node:path";
import { useTestDatabase as prepareTestDatabase } from "@/test/test-database";
import { buildInventoryFixtures } from "@/test/fixtures/inventory/build-inventory";
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
  /** Replaces thumbprints by their fixture labels and ISO timestamps by <date>, so a script compares with a golden file. */
  const normalize = (text: string) =>
    text.replace(/\b[0-9A-F]{40}\b/g, (t) => `{${labels.get(t) ?? "unknown"}}`).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<date>");
  const golden = (name: string) => path.join(process.cwd(), "test/fixtures/inventory/golden", name);
  /** Compares with the golden file; `UPDATE_GOLDEN=1` rewrites it. */
  const matchesGolden = (name: string, text: string) => {
    if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(golden(name), text);
    return text === fs.readFileSync(golden(name), "utf8");
  };
  return { db, admin: await user("admin", "admin"), helpdesk: await user("helpdesk", "helpdesk"), fixtures, counts, normalize, matchesGolden, golden };
}
