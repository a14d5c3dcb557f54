import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "@/test/test-database";
import type { crlFleet } from "./__fixtures__/crl-fleet";

// Runs on SQLite (npm run test:unit) and on PostgreSQL (npm run test:postgresql).
let fleet: Awaited<ReturnType<typeof crlFleet>>;
const AT = new Date("2026-06-01T00:00:00Z");
const hours = (n: number) => new Date(AT.getTime() + n * 3_600_000);

beforeAll(async () => {
  await useTestDatabase();
  const { ensureSettings } = await import("../bootstrap/ensure-users");
  await ensureSettings();
  const { crlFleet } = await import("./__fixtures__/crl-fleet");
  fleet = await crlFleet(30, 3);
});
afterAll(async () => fleet?.stop());

async function checker() {
  const { revocationCheckerFromSettings } = await import("../revocation/revocation-checker");
  return revocationCheckerFromSettings();
}

describe("refreshStatusesBatched", () => {
  test("every certificate is refreshed; each distinct CRL is fetched once per run; a RevocationCheck row per certificate the first time", async () => {
    const { refreshStatusesBatched } = await import("./refresh-statuses-batched");
    const { checker: revocation, fetcher } = await checker();
    const summary = await refreshStatusesBatched({ now: AT, revocation, fetcher, batchSize: 7 });
    const leaves = await fleet.db.certificate.count({ where: { isCa: false, isSelfSigned: false } });
    expect(summary.refreshed).toBe(await fleet.db.certificate.count());
    expect(summary.byStatus.Revoked).toBe(3);
    expect(summary.byStatus.Valid).toBe(leaves - 3 + 3); // the three roots are Valid too
    for (let c = 0; c < 3; c++) expect(fleet.crlServer.count(`/fleet-${c}.crl`)).toBe(1);
    expect(summary.checksWritten).toBe(summary.refreshed);
    const revoked = await fleet.db.certificate.findMany({ where: { status: "Revoked" }, select: { serialNumber: true } });
    expect(revoked.map((r) => r.serialNumber).sort()).toEqual([...fleet.revoked].sort());
  });

  test("an unchanged outcome writes no RevocationCheck row until the rewrite interval; the status version still moves", async () => {
    const { refreshStatusesBatched } = await import("./refresh-statuses-batched");
    const { checker: revocation, fetcher } = await checker();
    const before = await fleet.db.certificate.findFirstOrThrow({ where: { status: "Revoked" }, select: { id: true, statusVersion: true } });
    const rows = await fleet.db.revocationCheck.count();
    const again = await refreshStatusesBatched({ now: hours(1), revocation, fetcher });
    expect(again.checksWritten).toBe(0);
    expect(again.changed).toBe(0);
    expect(await fleet.db.revocationCheck.count()).toBe(rows);
    expect((await fleet.db.certificate.findUniqueOrThrow({ where: { id: before.id } })).statusVersion).toBe(before.statusVersion + 1);
    const due = await refreshStatusesBatched({ now: hours(25), revocation, fetcher }); // default interval: 24 h
    expect(due.checksWritten).toBe(due.refreshed);
  });

  test("regression: on PostgreSQL an unchanged refresh rewrote every certificate row (jsonb gives the detail's keys back in its own order)", async () => {
    const { refreshStatusesBatched } = await import("./refresh-statuses-batched");
    const { checker: revocation, fetcher } = await checker();
    const again = await refreshStatusesBatched({ now: hours(2), revocation, fetcher });
    expect(again.changed).toBe(0);
    expect(again.statusRowsWritten).toBe(0);
  });

  // Regression: on SQLite with cached CRLs a run never returned to the event loop (the driver is synchronous under its
  // promises), so a worker could not handle SIGTERM or renew its job lease until the whole run was over.
  test("regression: a run yields to the event loop between batches (timers and signals are handled during it)", async () => {
    const { refreshStatusesBatched } = await import("./refresh-statuses-batched");
    const { checker: revocation, fetcher } = await checker();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    let batches = 0;
    let ticksAtThirdBatch = -1;
    try {
      await refreshStatusesBatched({ now: hours(3), revocation, fetcher, batchSize: 5, onProgress: () => ++batches === 3 && (ticksAtThirdBatch = ticks) });
    } finally {
      clearInterval(timer);
    }
    expect(batches).toBeGreaterThan(3);
    expect(ticksAtThirdBatch).toBeGreaterThan(0);
  });

  test("a changed outcome is written at once", async () => {
    const { refreshStatusesBatched } = await import("./refresh-statuses-batched");
    const { checker: revocation, fetcher } = await checker();
    // The root leaves EX01's trust store: its 10 leaves and the root itself become Untrusted (a changed outcome).
    const root0 = await fleet.db.certificate.findFirstOrThrow({ where: { friendlyName: "Fleet Root 0" } });
    await fleet.db.trustStoreEntry.deleteMany({ where: { certificateId: root0.id } });
    const summary = await refreshStatusesBatched({ now: hours(26), revocation, fetcher });
    expect(summary.changed).toBe(11);
    expect(summary.checksWritten).toBe(11);
    expect(summary.statusRowsWritten).toBe(11);
    expect(summary.byStatus.Untrusted).toBe(11);
  });

  // Regression: the background job moved to the batched refresh, which wrote no `status.change` row: a certificate
  // that became Revoked or Untrusted left no audit trail. Each change is audited in its batch's transaction.
  test("with audit, each status change gets one audit row (from → to) and an unchanged certificate none", async () => {
    const { refreshStatusesBatched } = await import("./refresh-statuses-batched");
    const { checker: revocation, fetcher } = await checker();
    const root1 = await fleet.db.certificate.findFirstOrThrow({ where: { friendlyName: "Fleet Root 1" } });
    await fleet.db.trustStoreEntry.deleteMany({ where: { certificateId: root1.id } });
    const before = await fleet.db.auditEvent.count();
    const audit = { actor: { username: "system", role: "system" }, action: "status.change", onlyOnChange: true };
    const summary = await refreshStatusesBatched({ now: hours(27), revocation, fetcher, batchSize: 4, audit });
    expect(summary.changed).toBe(11);
    const rows = await fleet.db.auditEvent.findMany({ where: { action: "status.change" } });
    expect(rows).toHaveLength(11);
    expect(await fleet.db.auditEvent.count()).toBe(before + 11);
    const changed = await fleet.db.certificate.findMany({ where: { thumbprint: { in: rows.map((r) => r.targetId) } }, select: { status: true } });
    expect(changed.map((c) => c.status)).toEqual(Array(11).fill("Untrusted"));
    expect(rows.map((r) => r.targetId).sort()).toEqual(summary.changes.map((c) => c.thumbprint).sort());
    for (const r of rows) expect(r).toMatchObject({ actorName: "system", targetType: "certificate", outcome: "success", details: { to: "Untrusted", changed: true } });
    expect(rows.map((r) => (r.details as { from: string }).from).sort()).toEqual(summary.changes.map((c) => c.from).sort());
    expect(summary.changes.every((c) => c.from === "Valid" || c.from === "Revoked")).toBe(true);
    // Nothing changes on the next run: no audit row.
    const again = await refreshStatusesBatched({ now: hours(28), revocation, fetcher, audit });
    expect(again.changed).toBe(0);
    expect(await fleet.db.auditEvent.count()).toBe(before + 11);
  });
});

describe("pruneRevocationChecks", () => {
  test("rows past the retention are deleted, except each certificate's last result", async () => {
    const { pruneRevocationChecks } = await import("../revocation/prune-revocation-checks");
    const certs = await fleet.db.certificate.findMany({ take: 2, orderBy: { thumbprint: "asc" }, select: { id: true } });
    const [a, b] = certs.map((c) => c.id) as [string, string];
    await fleet.db.revocationCheck.deleteMany({ where: { certificateId: { in: [a, b] } } });
    const row = (certificateId: string, daysAgo: number) => ({ certificateId, checkedAt: new Date(AT.getTime() - daysAgo * 86_400_000), status: "Valid", summary: `${daysAgo}`, attempts: [], durationMs: 1 });
    // a: rows 200, 100 and 1 day old → the two past 90 days go. b: only rows past 90 days → its newest stays.
    await fleet.db.revocationCheck.createMany({ data: [row(a, 200), row(a, 100), row(a, 1), row(b, 300), row(b, 120)] });
    const deleted = await pruneRevocationChecks(AT);
    expect(deleted).toBeGreaterThanOrEqual(3);
    expect((await fleet.db.revocationCheck.findMany({ where: { certificateId: a } })).map((r) => r.summary)).toEqual(["1"]);
    expect((await fleet.db.revocationCheck.findMany({ where: { certificateId: b } })).map((r) => r.summary)).toEqual(["120"]);
    expect(await pruneRevocationChecks(AT)).toBe(0);
  });
});

