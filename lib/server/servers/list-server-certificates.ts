import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";

/** Certificates installed on a server with their RootCAType there, and the CA certificates the console knows. */
export async function listServerCertificates(actor: Actor | null, serverName: string) {
  requirePermission(actor, "read");
  const [installations, cas] = await Promise.all([
    db.certificateInstallation.findMany({
      where: { server: { name: serverName } },
      include: { certificate: { select: { id: true, subject: true, friendlyName: true, thumbprint: true, status: true, bindings: { where: { server: { name: serverName } }, select: { service: true } } } } },
      orderBy: { certificate: { notAfter: "asc" } },
    }),
    db.certificate.findMany({ where: { isCa: true }, select: { id: true, subject: true, thumbprint: true }, orderBy: { subject: "asc" } }),
  ]);
  return { installations, cas };
}
