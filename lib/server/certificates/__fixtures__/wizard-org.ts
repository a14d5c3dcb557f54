// Test fixture for the wizard use-cases: a fresh database with the demo organization, the two roles, and an
// openssl certification authority in a temp directory to answer requests (real CSRs, real signatures).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { useTestDatabase as prepareTestDatabase } from "@/test/test-database";
import type { Actor } from "../../auth/actor";

export async function wizardOrg() {
  const dir = await prepareTestDatabase();
  const { db } = await import("../../db");
  const { ensureSettings, ensureUsers } = await import("../../bootstrap/ensure-users");
  const { seedDemoOrganization } = await import("../../bootstrap/seed-demo-organization");
  const { refreshAllStatuses } = await import("../refresh-all-statuses");
  await ensureSettings();
  await ensureUsers({});
  await seedDemoOrganization();
  await refreshAllStatuses();
  const user = async (username: string, role: Actor["role"]): Promise<Actor> => ({ userId: (await db.user.findUniqueOrThrow({ where: { username } })).id, username, role });
  const admin = await user("admin", "admin");
  const helpdesk = await user("helpdesk", "helpdesk");
  const server = async (name: string) => db.server.findUniqueOrThrow({ where: { name } });
  const certificate = async (friendlyName: string) => db.certificate.findFirstOrThrow({ where: { friendlyName } });
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=Wizard Test CA/O=Contoso", "-days", "3650", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
  let serial = 0;
  /** Signs a PEM CSR with the test CA; returns the issued certificate as PEM bytes (plus the CA when `withChain`). */
  const sign = (csrPem: string, withChain = false) => {
    serial += 1;
    const csr = path.join(dir, `r${serial}.csr`);
    fs.writeFileSync(csr, csrPem);
    openssl("x509", "-req", "-in", csr, "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", String(1000 + serial), "-days", "365", "-copy_extensions", "copy", "-out", `r${serial}.pem`);
    const leaf = fs.readFileSync(path.join(dir, `r${serial}.pem`));
    return withChain ? Buffer.concat([leaf, fs.readFileSync(path.join(dir, "ca.pem"))]) : leaf;
  };
  /** A certificate and key for another key pair than any request's (a "wrong" CA answer or a PFX to import). */
  const pfx = (name: string, password: string, extra: string[] = []) => {
    serial += 1;
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/CN=${name}.contoso.com`, "-addext", `subjectAltName=DNS:${name}.contoso.com`);
    openssl("x509", "-req", "-in", `${name}.csr`, "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", String(1000 + serial), "-days", "365", "-copy_extensions", "copy", "-out", `${name}.pem`);
    openssl("pkcs12", "-export", "-inkey", `${name}.key`, "-in", `${name}.pem`, "-certfile", "ca.pem", "-passout", `pass:${password}`, "-out", `${name}.pfx`, ...extra);
    return { pfx: new Uint8Array(fs.readFileSync(path.join(dir, `${name}.pfx`))), pem: new Uint8Array(fs.readFileSync(path.join(dir, `${name}.pem`))) };
  };
  /** Row counts that a refused wizard must leave unchanged. */
  const counts = async () => ({
    certificates: await db.certificate.count(),
    keys: await db.privateKey.count(),
    requests: await db.certificateRequest.count(),
    pending: await db.certificateRequest.count({ where: { status: "Pending" } }),
    installations: await db.certificateInstallation.count(),
    bindings: await db.serviceBinding.count(),
    trust: await db.trustStoreEntry.count(),
    defaults: JSON.stringify(await db.server.findMany({ select: { name: true, defaultSmtpCertificateId: true }, orderBy: { name: "asc" } })),
  });
  return { dir, db, admin, helpdesk, server, certificate, openssl, sign, pfx, counts };
}
