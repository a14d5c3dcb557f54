// Regression: "Audit gaps" (issue 12, finding 8), through the real route handlers, use-cases and background job
// with a real database. Check now's status change, the background job's status changes and alerts,
// ERR_CERT_DUPLICATE, ERR_KEY_NOT_FOUND and validation failures before the role check left no audit row.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { seedDemoConsole, useTestDatabase } from "./test-database";
import { createLabPki, type LabPki } from "./harness/lab-pki";

let adminToken = "";
let helpdeskToken = "";
let lab: LabPki;

type Handler = (r: NextRequest, c: { params: Promise<never> }) => Promise<Response>;

async function post(handler: Handler, path: string, token: string, body: string | null, params: Record<string, string> = {}) {
  const response = await handler(
    new NextRequest(`http://127.0.0.1:3000${path}`, { method: "POST", headers: { host: "127.0.0.1:3000", "x-certconsole-peer": "127.0.0.1", authorization: `Bearer ${token}`, "content-type": "application/json" }, body }),
    { params: Promise.resolve(params) as Promise<never> },
  );
  return { status: response.status, body: (await response.json()) as { error?: { code: string } } & Record<string, unknown> };
}

beforeAll(async () => {
  await useTestDatabase();
  process.env.CERTCONSOLE_LAB_URL = "http://127.0.0.1:9"; // the lab publication point is not served here: checks fail fast
  const { db, tokenFor } = await seedDemoConsole();
  await db.setting.update({ where: { id: 1 }, data: { proxyServer: "", fetchTimeoutMs: 2000 } });
  adminToken = await tokenFor("admin");
  helpdeskToken = await tokenFor("helpdesk");
  lab = createLabPki();
});

afterAll(() => lab?.cleanup());

describe("audit gaps", () => {
  test("Check now records the status change (from → to) with the status write", async () => {
    const { db } = await import("@/lib/server/db");
    const route = await import("@/app/api/v1/certificates/[id]/revocation-check/route");
    const old = await db.certificate.findFirstOrThrow({ where: { friendlyName: "Old mail certificate 2024" } });
    expect(old.status).toBe("Unknown");
    const answer = await post(route.POST, `/api/v1/certificates/${old.id}/revocation-check`, helpdeskToken, null, { id: old.id });
    expect(answer.status).toBe(200);
    const after = await db.certificate.findUniqueOrThrow({ where: { id: old.id } });
    expect(after.status).toBe("DateInvalid");
    const rows = await db.auditEvent.findMany({ where: { action: "revocation.check", targetId: old.thumbprint } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorName: "helpdesk", outcome: "success", details: { from: "Unknown", to: "DateInvalid", changed: true } });
  });

  test("the background job audits each status change and each alert, and writes one summary row per run", async () => {
    const { db } = await import("@/lib/server/db");
    const { runRefreshStatusesJob } = await import("@/lib/server/jobs/refresh-statuses-job");
    const before = await db.auditEvent.count();
    expect(await runRefreshStatusesJob()).toBe(true);
    const summaries = await db.auditEvent.findMany({ where: { action: "job.run", targetId: "refresh-statuses" } });
    expect(summaries).toHaveLength(1);
    const summary = summaries[0]!.details as { certificates: number; changes: { thumbprint: string; from: string; to: string }[]; alerts: { kind: string }[] };
    expect(summary.certificates).toBe(await db.certificate.count());
    expect(summary.changes.length).toBeGreaterThan(0);
    const changeRows = await db.auditEvent.findMany({ where: { action: "status.change" } });
    expect(changeRows.map((r) => r.targetId).sort()).toEqual(summary.changes.map((c) => c.thumbprint).sort());
    for (const c of summary.changes) {
      const cert = await db.certificate.findUniqueOrThrow({ where: { thumbprint: c.thumbprint } });
      expect(c.to).toBe(cert.status);
    }
    const alerts = await db.alert.count();
    expect(alerts).toBeGreaterThan(0);
    expect(await db.auditEvent.count({ where: { action: "alert.raise" } })).toBe(alerts);
    expect(summary.alerts).toHaveLength(alerts);
    expect(await db.auditEvent.count()).toBe(before + 1 + changeRows.length + alerts);

    // A second run with nothing changed writes only its summary.
    const again = await db.auditEvent.count();
    expect(await runRefreshStatusesJob()).toBe(true);
    const newRows = await db.auditEvent.findMany({ orderBy: { at: "asc" }, skip: again });
    expect(newRows.map((r) => r.action)).toEqual(["job.run"]);
  });

  test("ERR_CERT_DUPLICATE is audited", async () => {
    const { db } = await import("@/lib/server/db");
    const route = await import("@/app/api/v1/certificates/import/route");
    const leaf = lab.issueLeaf("dup", {});
    const pfx = execFileSync("openssl", ["pkcs12", "-export", "-inkey", leaf.keyPath, "-in", leaf.certPath, "-passout", "pass:Dup!pass1"]);
    const ex01 = (await db.server.findUniqueOrThrow({ where: { name: "EX01" } })).id;
    const body = JSON.stringify({ fileBase64: pfx.toString("base64"), fileName: "dup.pfx", password: "Dup!pass1", serverIds: [ex01] });
    expect((await post(route.POST, "/api/v1/certificates/import", adminToken, body)).status).toBe(200);
    const second = await post(route.POST, "/api/v1/certificates/import", adminToken, body);
    expect([second.status, second.body.error?.code]).toEqual([409, "ERR_CERT_DUPLICATE"]);
    const refused = await db.auditEvent.findMany({ where: { action: "certificate.import", outcome: "refused" } });
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ actorName: "admin", details: { code: "ERR_CERT_DUPLICATE", servers: ["EX01"] } });
  });

  test("ERR_KEY_NOT_FOUND is audited", async () => {
    const { db } = await import("@/lib/server/db");
    const route = await import("@/app/api/v1/certificates/[id]/export/route");
    const fabrikam = await db.certificate.findFirstOrThrow({ where: { friendlyName: "Fabrikam Private Root" } });
    const answer = await post(route.POST, `/api/v1/certificates/${fabrikam.id}/export`, adminToken, JSON.stringify({ password: "Exp0rt!pass-12" }), { id: fabrikam.id });
    expect(answer.body.error?.code).toBe("ERR_KEY_NOT_FOUND");
    const rows = await db.auditEvent.findMany({ where: { action: "certificate.export", targetId: fabrikam.id, outcome: "refused" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.details).toMatchObject({ code: "ERR_KEY_NOT_FOUND", thumbprint: fabrikam.thumbprint });
  });

  test("a validation failure before the role check (helpdesk, malformed body) is audited as a refusal", async () => {
    const { db } = await import("@/lib/server/db");
    const route = await import("@/app/api/v1/partners/route");
    const answer = await post(route.POST, "/api/v1/partners", helpdeskToken, "{not json");
    expect(answer.body.error?.code).toBe("ERR_VALIDATION");
    const rows = await db.auditEvent.findMany({ where: { actorName: "helpdesk", outcome: "refused", targetId: "/api/v1/partners" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.details).toMatchObject({ code: "ERR_VALIDATION" });
    expect(await db.partnerHost.count()).toBe(0);
  });
});
