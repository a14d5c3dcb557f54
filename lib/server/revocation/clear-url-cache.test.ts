import { beforeAll, expect, test } from "vitest";
import { wizardOrg } from "../certificates/__fixtures__/wizard-org";

let org: Awaited<ReturnType<typeof wizardOrg>>;
beforeAll(async () => {
  org = await wizardOrg();
});

test("clearing the URL cache: helpdesk is refused and nothing is forgotten; the admin's clear empties the stored and in-memory cache, audited", async () => {
  const { crlCache } = await import("./database-crl-cache");
  const { clearUrlCache } = await import("./clear-url-cache");
  const entry = { der: new Uint8Array([0x30, 0x00]), thisUpdate: new Date("2026-12-01T00:00:00Z"), nextUpdate: new Date("2026-12-08T00:00:00Z"), fetchedAt: new Date("2026-12-01T00:00:00Z") };
  const before = await org.db.crlCacheEntry.count();
  await crlCache.put("http://crl.contoso.test/a.crl", entry);
  await crlCache.put("http://crl.contoso.test/b.crl", entry);

  await expect(clearUrlCache(org.helpdesk)).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
  expect(await org.db.crlCacheEntry.count()).toBe(before + 2);
  expect(await crlCache.get("http://crl.contoso.test/a.crl")).not.toBeNull();

  expect(await clearUrlCache(org.admin)).toEqual({ removed: before + 2 });
  expect(await org.db.crlCacheEntry.count()).toBe(0);
  expect(await crlCache.get("http://crl.contoso.test/a.crl")).toBeNull();
  const audit = await org.db.auditEvent.findFirstOrThrow({ where: { action: "revocation.urlCache.clear" } });
  expect(audit).toMatchObject({ actorName: "admin", outcome: "success", targetId: "CRL" });
  expect((audit.details as { urls: string[] }).urls).toEqual(expect.arrayContaining(["http://crl.contoso.test/a.crl", "http://crl.contoso.test/b.crl"]));
});

test("a clear made by another process (the web server, while the worker holds a copy in memory) is seen at the worker's next check", async () => {
  const { crlCache } = await import("./database-crl-cache");
  const entry = { der: new Uint8Array([0x30, 0x00]), thisUpdate: new Date("2026-12-01T00:00:00Z"), nextUpdate: new Date("2026-12-08T00:00:00Z"), fetchedAt: new Date("2026-12-01T00:00:00Z") };
  await crlCache.put("http://crl.contoso.test/c.crl", entry);
  expect(await crlCache.get("http://crl.contoso.test/c.crl")).not.toBeNull();
  // The other process's clear: its own transaction deletes the stored rows; this process's memory is untouched.
  await org.db.crlCacheEntry.deleteMany({});
  expect(await crlCache.get("http://crl.contoso.test/c.crl")).toBeNull();
});
