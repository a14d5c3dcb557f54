// Test fixture for the endpoint and partner use-cases: a fresh database with one server whose trust stores hold
// the probe lab's root (Trusted Root) and issuing CA (Intermediate), the two roles, settings that allow 127.0.0.1
// through the SSRF guard, and a resolver mapping *.lab.test to 127.0.0.1 so certificates are checked for their
// real names while the servers listen on loopback.
import type { Resolver } from "@/lib/net/address-guard";
import { createProbeLab } from "@/test/harness/tls-servers";
import { useTestDatabase as prepareTestDatabase } from "@/test/test-database";
import type { Actor } from "../../auth/actor";

export const labResolver: Resolver = async (host) => {
  if (host.endsWith(".lab.test")) return [{ address: "127.0.0.1", family: 4 }];
  throw Object.assign(new Error(`no such host ${host}`), { code: "ENOTFOUND" });
};

export async function probeOrg() {
  await prepareTestDatabase();
  const { db } = await import("../../db");
  const { ensureSettings, ensureUsers } = await import("../../bootstrap/ensure-users");
  const { storeCertificate } = await import("../../certificates/store-certificate");
  await ensureSettings();
  await ensureUsers({});
  await db.setting.update({
    where: { id: 1 },
    data: { urlAllowList: "127.0.0.1", fetchTimeoutMs: 5000, proxyServer: "", proxyBypass: "" },
  });
  const lab = await createProbeLab();
  const user = async (username: string, role: Actor["role"]): Promise<Actor> => ({
    userId: (await db.user.findUniqueOrThrow({ where: { username } })).id,
    username,
    role,
  });
  const admin = await user("admin", "admin");
  const helpdesk = await user("helpdesk", "helpdesk");
  const server = await db.server.create({ data: { name: "EX01", fqdn: "ex01.lab.test", role: "Mailbox" } });
  await db.$transaction(async (tx) => {
    const root = await storeCertificate(tx, { der: lab.rootDer, friendlyName: "Lab Root" });
    const issuing = await storeCertificate(tx, { der: lab.pki.issuing.der, friendlyName: "Lab Issuing CA" });
    await tx.certificate.update({ where: { id: issuing.id }, data: { isCa: true } });
    await tx.trustStoreEntry.create({
      data: { serverId: server.id, store: "TrustedRoot", certificateId: root.id },
    });
    await tx.trustStoreEntry.create({
      data: { serverId: server.id, store: "Intermediate", certificateId: issuing.id },
    });
  });
  return { db, lab, admin, helpdesk, server };
}
