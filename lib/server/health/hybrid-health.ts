import "reflect-metadata";
import { pathCertificate } from "@/lib/pki/certificate/certificate";
import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { loadTrustContext } from "../certificates/trust-context";
import { validateCertificate } from "@/lib/pki/path/validate-certificate";
import { smtpHybridHealth, type HybridHealthFinding } from "@/lib/pki/exchange/root-ca-type";

/**
 * The hybrid health check of every server: a certificate bound to SMTP whose RootCAType on that server is not
 * ThirdParty (Office 365 mail may stay Pending — seed article hybrid-pending-rootcatype), with the fix.
 */
export async function hybridHealth(actor: Actor | null, now = new Date()): Promise<HybridHealthFinding[]> {
  requirePermission(actor, "read");
  const servers = await db.server.findMany({ include: { bindings: { include: { certificate: { select: { thumbprint: true, der: true } } } } } });
  const findings: HybridHealthFinding[] = [];
  for (const server of servers) {
    const smtp = server.bindings.filter((b) => b.service === "SMTP");
    if (smtp.length === 0) continue;
    const ctx = await loadTrustContext(db, server.id);
    const certificates = [];
    for (const b of smtp) {
      const leaf = pathCertificate(new Uint8Array(b.certificate.der));
      const result = await validateCertificate({ leaf, intermediates: ctx.intermediates, trustAnchors: ctx.trustAnchors, now, purpose: "any" });
      certificates.push({ thumbprint: b.certificate.thumbprint, services: ["SMTP"], chain: result.trustAnchor ? result.chain : [] });
    }
    findings.push(...smtpHybridHealth({ serverName: server.name, stores: ctx.stores, certificates }));
  }
  return findings;
}
