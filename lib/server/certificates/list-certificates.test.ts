import { beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "@/test/test-database";
import { certificateFiltersSchema } from "@/lib/validations/certificate-filters";

const admin = { userId: "", username: "admin", role: "admin" as const };

beforeAll(async () => {
  await useTestDatabase();
  const { seedDemoOrganization } = await import("../bootstrap/seed-demo-organization");
  await seedDemoOrganization();
});

describe("listCertificates search", () => {
  test("a thumbprint matches with or without colons and spaces", async () => {
    const { db } = await import("../db");
    const { listCertificates } = await import("./list-certificates");
    const mail = await db.certificate.findFirstOrThrow({ where: { friendlyName: "Contoso public mail 2026" } });
    const colons = mail.thumbprint.toLowerCase().match(/../g)!.join(":");
    for (const q of [mail.thumbprint, colons, mail.thumbprint.slice(0, 12).toLowerCase().replace(/(....)/g, "$1 ").trim()]) {
      const r = await listCertificates(admin, certificateFiltersSchema.parse({ q }));
      expect(r.items.map((c) => c.id)).toContain(mail.id);
    }
  });

  test("regression: a word such as 'e2e-import' does not match thumbprints that merely contain 'E2E'", async () => {
    const { db } = await import("../db");
    const { listCertificates } = await import("./list-certificates");
    const all = await db.certificate.findMany({ select: { thumbprint: true } });
    const hexInThumbprint = all.map((c) => c.thumbprint.slice(4, 7)).find((h) => /^[0-9A-F]{3}$/.test(h))!;
    const r = await listCertificates(admin, certificateFiltersSchema.parse({ q: `${hexInThumbprint.toLowerCase()}-import` }));
    expect(r.items).toEqual([]);
  });
});
