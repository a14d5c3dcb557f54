// Regression: "The strict policy can be bypassed right after import" (issue 11, defect 1). Through the real
// /api/v1 route handlers: import a PFX whose certificate the CA's CRL lists as revoked (served by a real HTTP CRL
// server on loopback), then assign a service at once under `strict`. Before the fix the import stored "Valid;
// revocation has not been checked yet" and the assignment succeeded.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { seedDemoConsole, useTestDatabase } from "./test-database";
import { startCrlServer, type CrlServer } from "./harness/crl-server";
import { createLabPki, type LabCert, type LabPki } from "./harness/lab-pki";

let crl: CrlServer;
let crlDir = "";
let lab: LabPki;
let token = "";
let servers: { EX01: string; EXCAS1: string };

beforeAll(async () => {
  await useTestDatabase();
  crlDir = mkdtempSync(path.join(tmpdir(), "certconsole-crl-"));
  crl = await startCrlServer({ dir: crlDir });
  lab = createLabPki({ issuingUrls: { cdp: [`${crl.url}/root.crl`] } });
  writeFileSync(path.join(crlDir, "root.crl"), lab.rootCrl());
  writeFileSync(path.join(crlDir, "issuing.crl"), lab.issuingCrl());
  const { db, tokenFor } = await seedDemoConsole();
  // Strict, direct connections, the loopback CRL server allowed through the SSRF guard.
  await db.setting.update({ where: { id: 1 }, data: { revocationPolicy: "strict", proxyServer: "", proxyBypass: "", urlAllowList: "127.0.0.1", fetchTimeoutMs: 5000 } });
  token = await tokenFor("admin");
  const byName = async (name: string) => (await db.server.findUniqueOrThrow({ where: { name } })).id;
  servers = { EX01: await byName("EX01"), EXCAS1: await byName("EXCAS1") };
});

afterAll(async () => {
  await crl?.stop();
  lab?.cleanup();
});

type Route<P> = { POST: (r: NextRequest, c: { params: Promise<P> }) => Promise<Response> };

async function call<P>(route: Route<P>, url: string, body: unknown, params: P) {
  const response = await route.POST(
    new NextRequest(`http://127.0.0.1${url}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) }),
    { params: Promise.resolve(params) },
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

/**
 * Issues a lab leaf with `cdp`, optionally revokes it and publishes the issuing CA's CRL, imports it as a PFX on
 * EXCAS1 (its CA certificates into the trust stores), then at once assigns IIS.
 */
async function importThenAssign(name: string, cdp: string, options: { revokeFirst?: boolean; beforeAssign?: (id: string) => Promise<void> } = {}) {
  const importRoute = await import("@/app/api/v1/certificates/import/route");
  const servicesRoute = await import("@/app/api/v1/certificates/[id]/services/route");
  const leaf: LabCert = lab.issueLeaf(name, { cdp: [cdp] });
  if (options.revokeFirst) {
    lab.revoke(leaf, "keyCompromise");
    writeFileSync(path.join(crlDir, "issuing.crl"), lab.issuingCrl());
  }
  const chain = path.join(lab.dir, `${name}-chain.pem`);
  writeFileSync(chain, `${lab.issuing.pem}\n${lab.root.pem}`);
  const pfx = execFileSync("openssl", ["pkcs12", "-export", "-inkey", leaf.keyPath, "-in", leaf.certPath, "-certfile", chain, "-passout", "pass:Imp0rt!pass"]);
  const preview = await call(importRoute, "/api/v1/certificates/import?preview=1", { fileBase64: pfx.toString("base64"), password: "Imp0rt!pass" }, {});
  const offered = preview.body.chain as { thumbprint: string; isSelfSigned: boolean }[];
  const imported = await call(importRoute, "/api/v1/certificates/import", {
    fileBase64: pfx.toString("base64"),
    fileName: `${name}.pfx`,
    password: "Imp0rt!pass",
    serverIds: [servers.EXCAS1],
    trustStores: offered.map((c) => ({ thumbprint: c.thumbprint, store: c.isSelfSigned ? "TrustedRoot" : "Intermediate" })),
  }, {});
  expect(imported.status).toBe(200);
  const id = imported.body.id as string;
  await options.beforeAssign?.(id);
  const assigned = await call(servicesRoute, `/api/v1/certificates/${id}/services`, { serverIds: [servers.EXCAS1], services: ["IIS"], acknowledged: true }, { id });
  return { id, imported, assigned };
}

/**
 * Holds certificate `id`'s row in a second connection to the test database, as a concurrent status writer would,
 * and commits "Revoked" (with the status version bumped, as every status write does) when asked.
 */
async function holdCertificateRow(id: string) {
  const reason = "Revoked by the concurrent writer of the race test.";
  if (process.env.DATABASE_URL) {
    const pg = (await import("pg")).default;
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query("BEGIN");
    await client.query(`SELECT id FROM "Certificate" WHERE id = $1 FOR UPDATE`, [id]);
    let finish: () => void = () => undefined;
    const done = new Promise<void>((r) => (finish = r));
    return {
      done,
      async commitRevoked() {
        await client.query(`UPDATE "Certificate" SET status = 'Revoked', "statusReason" = $2, "statusVersion" = "statusVersion" + 1 WHERE id = $1`, [id, reason]);
        await client.query("COMMIT");
        await client.end();
        finish();
      },
    };
  }
  // SQLite: better-sqlite3 waits for a lock synchronously, blocking this process's event loop, so the writer is a
  // separate process that commits on its own timer (as the worker process would).
  const writer = spawn(process.execPath, ["-e", `
    const db = new (require("better-sqlite3"))(process.argv[1]);
    db.exec("BEGIN IMMEDIATE");
    console.log("held");
    setTimeout(() => {
      db.prepare('UPDATE "Certificate" SET status = \\'Revoked\\', statusReason = ?, statusVersion = statusVersion + 1 WHERE id = ?').run(process.argv[2], process.argv[3]);
      db.exec("COMMIT");
      db.close();
    }, Number(process.argv[4]));
  `, process.env.CERTCONSOLE_DB!, reason, id, "750"], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    writer.stdout!.once("data", () => resolve());
    writer.once("exit", (code) => reject(new Error(`the concurrent writer exited ${code}`)));
  });
  const done = new Promise<void>((resolve) => writer.once("exit", () => resolve()));
  return { done, commitRevoked: async () => undefined };
}

describe("strict policy bypass right after import (API)", () => {
  test("a certificate the CA's CRL lists as revoked: import reports Revoked, the assignment is refused, audited, and nothing is bound", async () => {
    const { db } = await import("@/lib/server/db");
    const fetchesBefore = crl.count("/issuing.crl");
    const { id, imported, assigned } = await importThenAssign("revoked-at-import", `${crl.url}/issuing.crl`, { revokeFirst: true });
    expect(imported.body.status).toBe("Revoked");
    expect(crl.count("/issuing.crl")).toBeGreaterThan(fetchesBefore);
    expect(assigned.status).toBe(422);
    expect(assigned.body.error?.code).toBe("ERR_CERT_REVOKED");
    expect(await db.serviceBinding.count({ where: { certificateId: id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "service.enable", targetId: id, outcome: "refused" } })).toBe(1);
    // Certification Path tab says Valid for a revoked certificate (defect 6): every view reads the same computed result.
    const { getCertificateProperties } = await import("@/lib/server/certificates/get-certificate-properties");
    const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" } });
    const props = await getCertificateProperties({ userId: admin.id, username: admin.username, role: "admin" }, id);
    expect(props.certificate.status).toBe("Revoked");
    expect(props.paths.map((p) => p.status)).toEqual(["Revoked"]);
    expect(props.paths[0]!.nodes.at(-1)).toMatchObject({ status: "Revoked", problems: [expect.stringMatching(/revoked/i)] });
    expect(props.paths[0]!.nodes.slice(0, -1).map((n) => n.status)).toEqual(["Valid", "Valid"]);
    expect(props.listViews[0]!.text).toMatch(/^Status\s+: Revoked$/m);
  });

  test("a certificate whose CRL cannot be fetched: import reports RevocationCheckFailure and strict refuses the assignment", async () => {
    const { db } = await import("@/lib/server/db");
    const { id, imported, assigned } = await importThenAssign("crl-offline", `${crl.url}/status/503`);
    expect(imported.body.status).toBe("RevocationCheckFailure");
    expect(assigned.body.error?.code).toBe("ERR_REVOCATION_CHECK_FAILED");
    expect(await db.serviceBinding.count({ where: { certificateId: id } })).toBe(0);
  });

  test("a status stored without a revocation check (as the import stored it before the fix) is re-checked inside the assignment, before the decision", async () => {
    const { db } = await import("@/lib/server/db");
    let checksBefore = 0;
    let versionBefore = 0;
    const { id, assigned } = await importThenAssign("never-checked", `${crl.url}/status/503`, {
      beforeAssign: async (certificateId) => {
        const row = await db.certificate.update({ where: { id: certificateId }, data: { status: "Valid", statusReason: "The chain is valid; revocation has not been checked yet.", revocationCheckedAt: null } });
        versionBefore = row.statusVersion;
        checksBefore = await db.revocationCheck.count({ where: { certificateId } });
      },
    });
    expect(assigned.body.error?.code).toBe("ERR_REVOCATION_CHECK_FAILED");
    expect(await db.revocationCheck.count({ where: { certificateId: id } })).toBe(checksBefore + 1);
    expect((await db.certificate.findUniqueOrThrow({ where: { id } })).statusVersion).toBeGreaterThan(versionBefore);
    expect(await db.serviceBinding.count({ where: { certificateId: id } })).toBe(0);
  });

  test("import → assign race under strict: a revocation committed while the assignment is being made is never bound to", async () => {
    const { db } = await import("@/lib/server/db");
    // Import a good certificate (its CRL does not list it), then hold its row in a second, real database connection
    // (a write transaction on SQLite, a row lock on PostgreSQL), as a concurrent "Check now" writing its result would.
    // The assignment starts, reads Valid and decides "allow"; while it waits for the row, the concurrent writer
    // commits Revoked with a new status version. The binding must not be written against the stale decision: the
    // assignment retries against the new status and strict refuses it.
    let holder: Awaited<ReturnType<typeof holdCertificateRow>> | null = null;
    const { id, imported, assigned } = await importThenAssign("race", `${crl.url}/issuing.crl`, {
      beforeAssign: async (certificateId) => {
        holder = await holdCertificateRow(certificateId);
        setTimeout(() => void holder!.commitRevoked(), 750); // PostgreSQL; the SQLite writer commits by itself
      },
    });
    await holder!.done;
    expect(imported.body.status).toBe("Valid");
    expect(assigned.body.error).toMatchObject({ code: "ERR_CERT_REVOKED" });
    expect(assigned.status).toBe(422);
    expect(await db.serviceBinding.count({ where: { certificateId: id } })).toBe(0);
    const row = await db.certificate.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("Revoked");
    expect(await db.auditEvent.count({ where: { action: "service.enable", targetId: id, outcome: "success" } })).toBe(0);
  });

  test("a Valid certificate with a fetchable CRL that does not list it is assigned (the check is not a blanket refusal)", async () => {
    const { db } = await import("@/lib/server/db");
    const { id, imported, assigned } = await importThenAssign("good", `${crl.url}/issuing.crl`);
    expect(imported.body.status).toBe("Valid");
    expect(assigned.status).toBe(200);
    expect(assigned.body.ems).toEqual([`Enable-ExchangeCertificate -Server EXCAS1 -Thumbprint ${imported.body.thumbprint as string} -Services IIS`]);
    expect(await db.serviceBinding.count({ where: { certificateId: id, service: "IIS" } })).toBe(1);
  });
});
