// Regression (issue 12, finding 1) through the console's use-cases with a real database: a certificate whose CRL
// distribution point is `ldap://[0:0:0:0:0:ffff:7f00:1]:<port>/…` (127.0.0.1 in long-form IPv4-mapped IPv6) is
// imported (its status is checked at once), then URL retrieval and Check now run on it. A real server listens on
// 127.0.0.1 at that port: before the fix all three connected to it; now the guard refuses and it sees nothing.
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "./test-database";
import { createLabPki, type LabPki } from "./harness/lab-pki";
import { thumbprint } from "@/lib/pki/certificate/thumbprint";

let lab: LabPki;
let canary: net.Server;
let connections = 0;
let port = 0;

beforeAll(async () => {
  await useTestDatabase();
  canary = net.createServer((socket) => {
    connections++;
    socket.on("error", () => undefined);
    setTimeout(() => socket.destroy(), 200);
  });
  await new Promise<void>((resolve) => canary.listen(0, "127.0.0.1", () => resolve()));
  port = (canary.address() as AddressInfo).port;
  lab = createLabPki();
  const { ensureSettings, ensureUsers } = await import("@/lib/server/bootstrap/ensure-users");
  const { db } = await import("@/lib/server/db");
  await ensureSettings();
  await ensureUsers({});
  // The default policy: nothing private allowed, direct connections.
  await db.setting.update({ where: { id: 1 }, data: { urlAllowList: "", proxyServer: "", proxyBypass: "", fetchTimeoutMs: 2000 } });
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => canary?.close(() => resolve()));
  lab?.cleanup();
});

describe("a CDP ldap://[0:0:0:0:0:ffff:7f00:1]:port/ through import, URL retrieval and Check now", () => {
  test("each is refused by the SSRF guard and the server on 127.0.0.1 sees no connection", async () => {
    const { db } = await import("@/lib/server/db");
    const { importCertificate } = await import("@/lib/server/certificates/import-certificate");
    const { retrieveCertificateUrls } = await import("@/lib/server/revocation/retrieve-certificate-urls");
    const { checkRevocationNow } = await import("@/lib/server/revocation/check-revocation-now");
    const admin = { userId: (await db.user.findUniqueOrThrow({ where: { username: "admin" } })).id, username: "admin", role: "admin" as const };
    const server = await db.server.create({ data: { name: "EXSSRF1", fqdn: "exssrf1.contoso.local", role: "Mailbox" } });

    const cdp = `ldap://[0:0:0:0:0:ffff:7f00:1]:${port}/cn=Issuing CA?certificateRevocationList;binary`;
    const leaf = lab.issueLeaf("ssrf-usecase", { cdp: [cdp] });
    // The file carries its chain; the root goes into the server's Trusted Root store, so revocation is what decides.
    const bundle = new TextEncoder().encode(`${leaf.pem}${lab.issuing.pem}${lab.root.pem}`);
    const trustStores = [
      { thumbprint: thumbprint(lab.root.der), store: "TrustedRoot" },
      { thumbprint: thumbprint(lab.issuing.der), store: "Intermediate" },
    ];
    const imported = await importCertificate(admin, { bytes: bundle, fileName: "ssrf.p7b" }, { serverIds: [server.id], trustStores });
    expect(imported.status).toBe("RevocationCheckFailure");

    const report = await retrieveCertificateUrls(admin, imported.id);
    expect(report.checks.find((c) => c.url === cdp)).toMatchObject({ kind: "CDP", ok: false, errorCode: "ERR_FETCH_BLOCKED_ADDRESS" });
    expect(report.checks.find((c) => c.url === cdp)?.result).toMatch(/loopback address \(IPv4 127\.0\.0\.1 inside IPv4-mapped IPv6\)/);

    const checked = await checkRevocationNow(admin, imported.id);
    expect(checked.status).toBe("RevocationCheckFailure");
    expect(connections).toBe(0);
  });
});

