import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { certificateFindings } from "./certificate-findings";
import { getCertificate } from "./get-certificate";
import { serverStatusOf } from "./refresh-certificate-status";
import type { ServerStatusDetail } from "./evaluate-certificate-status";
import { describeCertificate } from "@/lib/pki/certificate/description";
import { renderExchangeListView } from "@/lib/pki/exchange/list-view";
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
 * chain per server with each node's status. Statuses are never recomputed here: every view reads the stored result
 * of the last status computation (`statusDetail`, revocation included), so the Certification Path tab cannot say
 * Valid while the General tab says Revoked. Never includes key material.
 */
export async function getCertificateProperties(actor: Actor | null, id: string, now = new Date()) {
  requirePermission(actor, "read");
  const cert = await getCertificate(actor, id);
  const der = new Uint8Array(cert.der);
  const description = describeCertificate(der);
  const details = (cert.statusDetail as ServerStatusDetail[] | null) ?? [];
  const known = await db.certificate.findMany({ where: { thumbprint: { in: details.flatMap((d) => d.nodes.map((n) => n.thumbprint)) } }, select: { id: true, thumbprint: true } });
  const serverNames: (string | null)[] = cert.installations.length ? cert.installations.map((i) => i.server.name) : [null];
  const paths: { server: string | null; status: string; reason: string; nodes: PathNode[]; rootCaType: string | null; viaCrossCertificate: boolean }[] = serverNames.map((server) => {
    const d = details.find((x) => x.server === server);
    const installation = cert.installations.find((i) => i.server.name === server);
    return {
      server,
      // Not computed yet (a certificate stored before its first check): the certificate's own status, no nodes.
      status: d?.status ?? cert.status,
      reason: d?.reason ?? cert.statusReason,
      nodes: (d?.nodes ?? []).map((n) => ({ ...n, id: known.find((k) => k.thumbprint === n.thumbprint)?.id ?? null })),
      rootCaType: installation?.rootCaType ?? null,
      viaCrossCertificate: d?.viaCrossCertificate ?? false,
    };
  });
  const listViews = (cert.installations.length ? cert.installations : [null]).map((inst) => ({
    // Get-ExchangeCertificate run on that server shows that server's status.
    server: inst?.server.name ?? null,
    text: renderExchangeListView(description, {
      FriendlyName: cert.friendlyName,
      HasPrivateKey: inst ? inst.hasPrivateKey : false,
      PrivateKeyExportable: inst ? inst.privateKeyExportable : false,
      ...(inst ? { RootCAType: inst.rootCaType } : {}),
      Services: cert.bindings.filter((b) => !inst || b.serverId === inst.serverId).map((b) => b.service),
      Status: serverStatusOf(cert, inst?.server.name ?? null),
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
    findings: await certificateFindings(cert, now),
  };
}
