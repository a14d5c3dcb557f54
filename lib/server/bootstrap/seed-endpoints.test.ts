import { beforeAll, expect, test } from "vitest";
import { useTestDatabase as prepareTestDatabase } from "@/test/test-database";

beforeAll(async () => {
  await prepareTestDatabase();
});

test("the demo endpoints and partners are seeded once, after the demo organization, and not again after removal", async () => {
  const { db } = await import("../db");
  const { seedEndpoints } = await import("./seed-endpoints");
  const { seedDemoOrganization } = await import("./seed-demo-organization");
  expect(await seedEndpoints()).toBe(false); // no servers yet
  await seedDemoOrganization();
  expect(await seedEndpoints()).toBe(true);
  const endpoints = await db.endpoint.findMany({
    include: { server: { select: { name: true } } },
    orderBy: { port: "asc" },
  });
  expect(
    endpoints.map((e) => `${e.server.name} ${e.service} ${e.host}:${e.port} ${e.starttls ?? "tls"}`).sort(),
  ).toEqual([
    "EDGE1 SMTP smtp.contoso.com:25 smtp",
    "EX01 SMTP mail.contoso.com:25 smtp",
    "EXCAS1 IIS mail.contoso.com:443 tls",
  ]);
  expect((await db.partnerHost.findMany()).map((p) => p.host).sort()).toEqual([
    "mail.tailspintoys.com",
    "mx.fabrikam.com",
  ]);
  expect(await seedEndpoints()).toBe(false);
  await db.endpoint.deleteMany();
  expect(await seedEndpoints()).toBe(false);
  expect(await db.endpoint.count()).toBe(0);
});
