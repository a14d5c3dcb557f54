import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { loadTrustContext } from "../certificates/trust-context";
import { retrieveChainUrls } from "@/lib/net/url-retrieval";
import { readSettings } from "../settings/get-settings";
import { fetcherFromSettings } from "./revocation-checker";

/**
 * certutil -verify -urlfetch for one certificate, from the console: builds its chain with the first server it is
 * installed on (or every store) and fetches every AIA, CDP and OCSP URL through the console's proxy settings,
 * reporting route, result and time per URL. A diagnostic: helpdesk may run it (audited).
 */
export async function retrieveCertificateUrls(actor: Actor | null, certificateId: string) {
  requirePermission(actor, "diagnostics");
  const cert = await db.certificate.findUnique({ where: { id: certificateId }, include: { installations: { select: { serverId: true }, take: 1 } } });
  if (!cert) throw new AppError("ERR_NOT_FOUND", "No such certificate.");
  const ctx = await loadTrustContext(db, cert.installations[0]?.serverId ?? null);
  const settings = await readSettings();
  const report = await retrieveChainUrls({
    leaf: new Uint8Array(cert.der),
    intermediates: ctx.intermediates,
    trustAnchors: ctx.trustAnchors,
    fetcher: fetcherFromSettings(settings),
  });
  await writeAudit(db, actor, { action: "revocation.urlRetrieval", targetType: "certificate", targetId: cert.thumbprint, details: { urls: report.checks.length, allAnswered: report.allAnswered } });
  return { server: ctx.serverName, proxy: settings.proxyServer || "direct", bypass: settings.proxyBypass, ...report };
}
