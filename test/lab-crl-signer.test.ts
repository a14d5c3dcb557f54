// Regression: "/lab/pki/<thumbprint>.crl signs fresh CRLs with any stored CA key, unauthenticated" (issue 12,
// finding 3). Through the real route handlers and a real database: an imported CA (PFX, non-exportable key) must
// never have a CRL signed for it; the demo lab's own CA (marked by the seed) is served only while the demo lab is on.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import * as x509 from "@peculiar/x509";
import { seedDemoConsole, useTestDatabase } from "./test-database";
import { createLabPki, type LabPki } from "./harness/lab-pki";

let lab: LabPki;
let token = "";
let importedThumbprint = "";

type LabRoute = { GET: (r: NextRequest, c: { params: Promise<{ file: string }> }) => Promise<Response> };

async function fetchLab(file: string) {
  const route = (await import("@/app/lab/pki/[file]/route")) as LabRoute;
  const response = await route.GET(new NextRequest(`http://127.0.0.1/lab/pki/${file}`), { params: Promise.resolve({ file }) });
  return { status: response.status, type: response.headers.get("content-type") ?? "", body: new Uint8Array(await response.arrayBuffer()) };
}

async function setDemoLab(enabled: boolean) {
  const { db } = await import("@/lib/server/db");
  await db.setting.update({ where: { id: 1 }, data: { demoLabEnabled: enabled } });
}

beforeAll(async () => {
  await useTestDatabase();
  const { db, tokenFor } = await seedDemoConsole();
  token = await tokenFor("admin");

  // An administrator imports a CA's PFX (its key non-exportable), as the review did.
  lab = createLabPki();
  const pfx = execFileSync("openssl", ["pkcs12", "-export", "-inkey", lab.issuing.keyPath, "-in", lab.issuing.certPath, "-passout", "pass:Ca!pass1"]);
  const importRoute = await import("@/app/api/v1/certificates/import/route");
  const response = await importRoute.POST(
    new NextRequest("http://127.0.0.1/api/v1/certificates/import", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ fileBase64: pfx.toString("base64"), fileName: "issuing.pfx", password: "Ca!pass1", exportable: false, serverIds: [(await db.server.findUniqueOrThrow({ where: { name: "EX01" } })).id] }),
    }),
    { params: Promise.resolve({}) },
  );
  expect(response.status, await response.clone().text()).toBe(200);
  const imported = await db.certificate.findFirstOrThrow({ where: { der: new Uint8Array(lab.issuing.der) }, include: { privateKey: true } });
  expect(imported.isCa).toBe(true);
  expect(imported.privateKey?.exportable).toBe(false);
  expect(imported.labCa).toBe(false);
  importedThumbprint = imported.thumbprint;
});

afterAll(() => lab?.cleanup());

describe("/lab/pki signs only for the demo lab's own CA", () => {
  test("an imported CA (non-exportable key) gets no CRL: 404, nothing signed", async () => {
    await setDemoLab(true);
    const crl = await fetchLab(`${importedThumbprint}.crl`);
    expect(crl.status).toBe(404);
    expect(crl.type).not.toContain("pkix-crl");
    expect(() => new x509.X509Crl(crl.body)).toThrow();
    // Lower-case thumbprints reach the same refusal.
    expect((await fetchLab(`${importedThumbprint.toLowerCase()}.crl`)).status).toBe(404);
    // Its certificate is not published as a lab CA either.
    expect((await fetchLab(`${importedThumbprint}.crt`)).status).toBe(404);
  });

  test("the seeded lab CA gets a fresh CRL signed by it while the demo lab is enabled", async () => {
    const { db } = await import("@/lib/server/db");
    await setDemoLab(true);
    const issuing = await db.certificate.findFirstOrThrow({ where: { friendlyName: "Contoso Lab Issuing CA 1" } });
    expect(issuing.labCa).toBe(true);
    const crl = await fetchLab(`${issuing.thumbprint}.crl`);
    expect(crl.status).toBe(200);
    expect(crl.type).toBe("application/pkix-crl");
    const parsed = new x509.X509Crl(crl.body);
    const caCert = new x509.X509Certificate(new Uint8Array(issuing.der));
    expect(await parsed.verify({ publicKey: caCert.publicKey })).toBe(true);
    expect(parsed.entries).toHaveLength(1); // the seeded revoked Webmail 2025
    expect((await fetchLab(`${issuing.thumbprint}.crt`)).status).toBe(200);
  });

  test("the lab CA is refused too when the demo lab setting is off", async () => {
    const { db } = await import("@/lib/server/db");
    await setDemoLab(false);
    const root = await db.certificate.findFirstOrThrow({ where: { friendlyName: "Contoso Lab Root CA" } });
    expect(root.labCa).toBe(true);
    expect((await fetchLab(`${root.thumbprint}.crl`)).status).toBe(404);
    expect((await fetchLab(`${root.thumbprint}.crt`)).status).toBe(404);
    await setDemoLab(true);
  });

  test("a fresh database has the demo lab disabled", async () => {
    const { db } = await import("@/lib/server/db");
    const defaults = await db.setting.create({ data: { id: 2 } });
    expect(defaults.demoLabEnabled).toBe(false);
    await db.setting.delete({ where: { id: 2 } });
  });
});
