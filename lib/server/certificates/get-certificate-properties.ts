import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { getCertificate } from "./get-certificate";
import { loadTrustContext } from "./trust-context";
import { describeCertificate } from "@/lib/pki/certificate/description";
import { renderExchangeListView } from "@/lib/pki/exchange/list-view";
import { validateCertificate } from "@/lib/pki/path/validate-certificate";
import { statusOfProblems } from "@/lib/pki/exchange/status";
import { formatGeneralName } from "@/lib/pki/name/general-name";

/** One node of the Certification Path tab, root first like the Windows dialog. */
export interface PathNode {
  thumbprint: string;
  subject: string;
  /** Known to the console (links to its properties). */
  id: string | null;
  status: string;
  problems: string[];
}

/**
 * Everything the Properties dialog shows: the certificate with its installations, bindings and checks (from
 * getCertificate), every field and extension decoded, the `Get-ExchangeCertificate | fl` view per server, and the
 * built chain per server with each node's status. Never includes key material.
 */
export async function getCertificateProperties(actor: Actor | null, id: string, now = new Date()) {
  requirePermission(actor, "read");
  const cert = await getCertificate(actor, id);
  const der = new Uint8Array(cert.der);
  const description = describeCertificate(der);
  const serverIds: (string | null)[] = cert.installations.length ? cert.installations.map((i) => i.serverId) : [null];
  const paths: { server: string | null; status: string; nodes: PathNode[]; rootCaType: string | null; viaCrossCertificate: boolean }[] = [];
  for (const serverId of serverIds) {
    const ctx = await loadTrustContext(db, serverId);
    const result = await validateCertificate({ leaf: der, intermediates: ctx.intermediates, trustAnchors: ctx.trustAnchors, now, purpose: cert.isCa ? "any" : "server" });
    const known = await db.certificate.findMany({ where: { thumbprint: { in: result.chainThumbprints } }, select: { id: true, thumbprint: true } });
    const nodes = result.path.map((p, depth) => {
      const problems = result.problems.filter((x) => x.depth === depth);
      return { thumbprint: p.thumbprint, subject: p.subjectText, id: known.find((k) => k.thumbprint === p.thumbprint)?.id ?? null, status: problems.length ? statusOfProblems(problems) : "Valid", problems: problems.map((x) => x.message) };
    });
    const installation = cert.installations.find((i) => i.serverId === serverId);
    paths.push({ server: ctx.serverName, status: result.status, nodes: nodes.reverse(), rootCaType: installation?.rootCaType ?? null, viaCrossCertificate: result.viaCrossCertificate });
  }
  const listViews = (cert.installations.length ? cert.installations : [null]).map((inst) => ({
    server: inst?.server.name ?? null,
    text: renderExchangeListView(description, {
      FriendlyName: cert.friendlyName,
      HasPrivateKey: inst ? inst.hasPrivateKey : false,
      PrivateKeyExportable: inst ? inst.privateKeyExportable : false,
      ...(inst ? { RootCAType: inst.rootCaType } : {}),
      Services: cert.bindings.filter((b) => !inst || b.serverId === inst.serverId).map((b) => b.service),
      Status: cert.status,
    }),
  }));
  const { der: _der, ...rest } = cert;
  void _der;
  return {
    certificate: rest,
    description: {
      ...description,
      NotBefore: description.NotBefore.toISOString(),
      NotAfter: description.NotAfter.toISOString(),
      SubjectAlternativeNames: description.SubjectAlternativeNames.map(formatGeneralName),
    },
    listViews,
    paths,
  };
}
