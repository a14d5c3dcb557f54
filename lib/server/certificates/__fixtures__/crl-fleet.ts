// Test and bench fixture: `count` leaves spread over `cas` issuing roots, each root with one CRL served by a real
// loopback HTTP server (test/harness/crl-server.ts) and named in its leaves' CRL distribution point; one server
// (EX01) trusts the roots. Call after useTestDatabase() and ensureSettings().
import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as x509 from "@peculiar/x509";
import { startCrlServer } from "@/test/harness/crl-server";
import { crl, leaf, root } from "@/test/harness/hostile-pki";
import type { IssuedCertificate, RevokedEntry } from "@/lib/pki/csr/issue-certificate";

export async function crlFleet(count: number, cas: number, revokedPerCa = 1) {
  const { db } = await import("../../db");
  const { storeCertificate } = await import("../store-certificate");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "certconsole-fleet-"));
  const crlServer = await startCrlServer({ dir });
  await db.setting.update({ where: { id: 1 }, data: { urlAllowList: "127.0.0.1", proxyServer: "", proxyBypass: "", fetchTimeoutMs: 5000 } });
  const server = await db.server.upsert({ where: { name: "EX01" }, create: { name: "EX01", fqdn: "ex01.contoso.com", role: "Mailbox" }, update: {} });
  const revoked: string[] = [];
  for (let c = 0; c < cas; c++) {
    const ca = await root(`CN=Fleet Root ${c}`);
    const cdp = new x509.CRLDistributionPointsExtension([`${crlServer.url}/fleet-${c}.crl`]);
    const leaves: IssuedCertificate[] = [];
    const share = Math.floor(count / cas) + (c < count % cas ? 1 : 0);
    for (let i = 0; i < share; i++) leaves.push(await leaf(ca, [cdp], { subject: `CN=host${c}-${i}.contoso.com`, serialHex: `${(c + 1).toString(16).padStart(2, "0")}${i.toString(16).padStart(6, "0")}` }));
    const entries: RevokedEntry[] = leaves.slice(0, revokedPerCa).map((l) => ({ serialNumber: l.certificate.serialNumber, revocationDate: new Date("2025-06-01T00:00:00Z") }));
    revoked.push(...leaves.slice(0, revokedPerCa).map((l) => l.certificate.serialNumber.toUpperCase()));
    fs.writeFileSync(path.join(dir, `fleet-${c}.crl`), await crl(ca, entries));
    await db.$transaction(async (tx) => {
      const anchor = await storeCertificate(tx, { der: new Uint8Array(ca.certificate.rawData), friendlyName: `Fleet Root ${c}` });
      await tx.trustStoreEntry.create({ data: { serverId: server.id, store: "TrustedRoot", certificateId: anchor.id } });
    });
    for (let i = 0; i < leaves.length; i += 500) {
      await db.$transaction(
        async (tx) => {
          for (const l of leaves.slice(i, i + 500)) await storeCertificate(tx, { der: new Uint8Array(l.certificate.rawData), serverIds: [server.id] });
        },
        { timeout: 120_000 },
      );
    }
  }
  return {
    db,
    crlServer,
    server,
    revoked,
    async stop() {
      await crlServer.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
