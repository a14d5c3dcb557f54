// Two console instances on one PostgreSQL database (issue 15): two web instances (separate processes, each with its
// own connection pool, serving the real /api/v1 route handlers over loopback HTTP — test/harness/api-instance.ts;
// not `next start`, which would take minutes to build and start twice) and two workers (scripts/worker.ts, as
// `npm run worker`). PostgreSQL only: on SQLite, one file has one writer and this is the embedded single-instance
// setup (test/two-workers.test.ts covers two workers there).
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "./test-database";
import type { crlFleet } from "@/lib/server/certificates/__fixtures__/crl-fleet";

const onPostgresql = Boolean(process.env.CERTCONSOLE_TEST_POSTGRES_URL);
const LEASE_MS = 4000;
const children: ChildProcess[] = [];
let fleet: Awaited<ReturnType<typeof crlFleet>> | undefined;
let slowCrl: http.Server | undefined;

function start(args: string[], ready: RegExp, env: Record<string, string> = {}): Promise<{ child: ChildProcess; match: RegExpExecArray; output: () => string }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, CERTCONSOLE_SKIP_MIGRATE: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = ready.exec(output);
      if (match) resolve({ child, match, output: () => output });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited ${code}: ${output}`)));
  });
}

const worker = () =>
  start(["--import", "tsx", "scripts/worker.ts"], /running jobs on/, {
    CERTCONSOLE_JOB_LEASE_MS: String(LEASE_MS),
    CERTCONSOLE_JOB_INTERVAL_MS: String(60 * 60 * 1000),
    CERTCONSOLE_JOB_POLL_MS: "250",
    CERTCONSOLE_JOB_FIRST_DELAY_MS: "100",
    CERTCONSOLE_LOG_LEVEL: "info",
  });

beforeAll(async () => {
  if (!onPostgresql) return;
  await useTestDatabase();
  const { ensureSettings, ensureUsers } = await import("@/lib/server/bootstrap/ensure-users");
  await ensureSettings();
  await ensureUsers({});
  const { crlFleet } = await import("@/lib/server/certificates/__fixtures__/crl-fleet");
  fleet = await crlFleet(12, 3);
  // The fleet's CRL URLs now answer slowly (3 s, then 503): a status refresh takes a few seconds, long enough to kill
  // the worker running it.
  const port = Number(new URL(fleet.crlServer.url).port);
  await fleet.crlServer.stop();
  slowCrl = http.createServer((_req, res) => void setTimeout(() => res.writeHead(503).end(), 3000));
  await new Promise<void>((r) => slowCrl!.listen(port, "127.0.0.1", () => r()));
}, 120_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  slowCrl?.closeAllConnections();
  await new Promise((r) => (slowCrl ? slowCrl.close(r) : r(undefined)));
  await fleet?.stop().catch(() => undefined);
});

describe.skipIf(!onPostgresql)("two instances on one PostgreSQL database", () => {
  test("killing (SIGKILL) the worker that holds the status refresh hands it to the other within one lease period; the tick runs to completion once", { timeout: 150_000 }, async () => {
    const { db } = await import("@/lib/server/db");
    const [a, b] = await Promise.all([worker(), worker()]);
    // Wait until one of them holds the refresh.
    let lock = await db.jobLock.findUnique({ where: { name: "refresh-statuses" } });
    for (let i = 0; i < 200 && !lock?.holder; i++) {
      await new Promise((r) => setTimeout(r, 50));
      lock = await db.jobLock.findUnique({ where: { name: "refresh-statuses" } });
    }
    expect(lock?.holder).toBeTruthy();
    const holderPid = Number(lock!.holder!.split("-")[0]);
    const [victim, survivor] = a.child.pid === holderPid ? [a, b] : [b, a];
    expect(victim.child.pid).toBe(holderPid);
    victim.child.kill("SIGKILL");
    await new Promise((r) => victim.child.once("exit", r));
    const killedAt = Date.now();

    let takenBy: string | null = null;
    let takenAt = 0;
    for (let i = 0; i < 200 && !takenBy; i++) {
      const row = await db.jobLock.findUnique({ where: { name: "refresh-statuses" } });
      if (row?.holder && row.holder !== lock!.holder) {
        takenBy = row.holder;
        takenAt = Date.now();
      } else await new Promise((r) => setTimeout(r, 100));
    }
    expect(takenBy?.split("-")[0]).toBe(String(survivor.child.pid));
    // Within one lease period of the kill (plus the survivor's 250 ms poll and a little scheduling slack).
    expect(takenAt - killedAt).toBeLessThanOrEqual(LEASE_MS + 1500);

    // The survivor finishes the tick: exactly one job.run summary for it, and the lock is free again.
    let runs = 0;
    for (let i = 0; i < 300 && runs === 0; i++) {
      runs = await db.auditEvent.count({ where: { action: "job.run", targetId: "refresh-statuses" } });
      if (!runs) await new Promise((r) => setTimeout(r, 100));
    }
    expect(runs).toBe(1);
    survivor.child.kill("SIGTERM");
    await new Promise((r) => survivor.child.once("exit", r));
    const after = await db.jobLock.findUniqueOrThrow({ where: { name: "refresh-statuses" } });
    expect(after.holder).toBeNull();
    expect(after.tickDoneAt).not.toBeNull();
  });

  test("20 interleaved SMTP and IIS assignments on one server from both web instances lose nothing: one IIS certificate, one default SMTP certificate", { timeout: 150_000 }, async () => {
    const { db } = await import("@/lib/server/db");
    const { newSelfSignedCertificate } = await import("@/lib/server/certificates/new-self-signed-certificate");
    const { createSession } = await import("@/lib/server/auth/session");
    const adminUser = await db.user.findUniqueOrThrow({ where: { username: "admin" } });
    const admin = { userId: adminUser.id, username: "admin", role: "admin" as const };
    const token = (await createSession(adminUser.id)).token;
    const server = await db.server.findUniqueOrThrow({ where: { name: "EX01" } });
    // The two web instances start while the twenty certificates are made.
    const starting = Promise.all([0, 1].map(() => start(["--conditions=react-server", "--import", "tsx", "test/harness/api-instance.ts"], /listening (\d+)/)));
    starting.catch(() => undefined); // awaited below; a failure before that must not go unhandled
    const certs: { id: string }[] = [];
    for (let i = 0; i < 20; i++) certs.push(await newSelfSignedCertificate(admin, { serverId: server.id, commonName: `two-instances-${i}.contoso.com`, services: [], friendlyName: `two-instances-${i}` }));
    const instances = await starting;
    const ports = instances.map((i) => Number(i.match[1]));
    const assign = (i: number) => {
      const service = i % 2 === 0 ? "SMTP" : "IIS";
      const body = JSON.stringify({ serverIds: [server.id], services: [service], replaceDefaultSmtp: true });
      return fetch(`http://127.0.0.1:${ports[i % 2]}/api/v1/certificates/${certs[i]!.id}/services`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body }).then(async (r) => [r.status, await r.text()] as const);
    };
    const answers = await Promise.all(certs.map((_, i) => assign(i)));
    expect(answers.map(([status, text]) => (status === 200 ? 200 : `${status} ${text}`)), instances.map((i) => i.output()).join("\n").slice(-3000)).toEqual(Array(20).fill(200));

    const bindings = await db.serviceBinding.findMany({ where: { serverId: server.id, certificateId: { in: certs.map((c) => c.id) } } });
    const smtp = certs.filter((_, i) => i % 2 === 0).map((c) => c.id);
    // SMTP is additive: all ten kept. IIS moves the Default Web Site binding: exactly one certificate holds it.
    expect(bindings.filter((b) => b.service === "SMTP").map((b) => b.certificateId).sort()).toEqual([...smtp].sort());
    expect(await db.serviceBinding.count({ where: { serverId: server.id, service: "IIS" } })).toBe(1);
    const defaultSmtp = (await db.server.findUniqueOrThrow({ where: { id: server.id } })).defaultSmtpCertificateId;
    expect(smtp).toContain(defaultSmtp);
    // Every assignment is audited once.
    expect(await db.auditEvent.count({ where: { action: "service.enable", outcome: "success", targetId: { in: certs.map((c) => c.id) } } })).toBe(20);
  });
});
