import { beforeAll, expect, test } from "vitest";
import { useTestDatabase } from "@/test/test-database";

const helpdesk = { userId: "", username: "helpdesk", role: "helpdesk" as const };

beforeAll(async () => {
  await useTestDatabase();
  const { seedDemoOrganization } = await import("../bootstrap/seed-demo-organization");
  await seedDemoOrganization();
});

test("the server × service overview of the demo organization: certificates per cell, default SMTP marked, role rules", async () => {
  const { getServiceOverview, OVERVIEW_SERVICES } = await import("./get-service-overview");
  const now = new Date();
  const overview = await getServiceOverview(helpdesk, now);
  expect(overview.map((s) => s.name)).toEqual(["EDGE1", "EX01", "EXCAS1"]);
  for (const server of overview) expect(server.cells.map((c) => c.service)).toEqual([...OVERVIEW_SERVICES]);
  const cell = (server: string, service: string) => overview.find((s) => s.name === server)!.cells.find((c) => c.service === service)!;

  expect(cell("EXCAS1", "IIS").certificates.map((c) => c.name)).toEqual(["Contoso public mail 2026"]);
  expect(cell("EXCAS1", "IIS").certificates[0]!.daysLeft).toBeGreaterThan(300);
  // EX01 SMTP: the self-signed default first and marked, the mail certificate beside it.
  expect(cell("EX01", "SMTP").certificates.map((c) => [c.name, c.isDefaultSmtp])).toEqual([["Microsoft Exchange", true], ["Contoso public mail 2026", false]]);
  expect(cell("EDGE1", "SMTP").certificates[0]).toMatchObject({ name: "Edge SMTP (expiring)", isDefaultSmtp: true });
  expect(cell("EDGE1", "SMTP").certificates[0]!.daysLeft).toBeLessThan(11);
  // Role rules: an Edge server runs SMTP only; UM is not a Client Access service.
  expect(cell("EDGE1", "IIS").notOnRole).toMatch(/EDGE1 is an Edge Transport server/);
  expect(cell("EXCAS1", "UM").notOnRole).toMatch(/UM cannot be enabled there/);
  expect(cell("EX01", "UM").notOnRole).toBeNull();
  expect(cell("EX01", "UM").certificates).toEqual([]);
  // No endpoint has been probed yet.
  expect(overview.flatMap((s) => s.cells).every((c) => c.probe === null)).toBe(true);
});

test("anyone signed in may read it; nobody else", async () => {
  const { getServiceOverview } = await import("./get-service-overview");
  await expect(getServiceOverview(null)).rejects.toMatchObject({ code: "ERR_UNAUTHENTICATED" });
});
