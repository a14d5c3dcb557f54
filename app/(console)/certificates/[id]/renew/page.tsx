import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { Notice } from "@/components/notice";
import { RenewWizard } from "@/components/wizards/renew-wizard";
import { requireActor } from "@/lib/actions/current-actor";
import { can } from "@/lib/server/auth/actor";
import { renewalDefaults } from "@/lib/server/certificates/renew-certificate";
import { listServers } from "@/lib/server/servers/list-servers";
import { isPkiError } from "@/lib/pki/errors";
import { enableServicesAction, renewAction } from "../../actions";
import { ImpactView } from "@/components/inventory/impact-view";
import { previewRenewalImpact } from "@/lib/server/inventory/preview-renewal-impact";

export const metadata: Metadata = { title: "Renew certificate" };

export default async function RenewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  let defaults;
  try {
    defaults = await renewalDefaults(actor, id);
  } catch (error) {
    if (isPkiError(error, "ERR_NOT_FOUND")) notFound();
    throw error;
  }
  const servers = await listServers(actor);
  const preview = await previewRenewalImpact(actor, { certificateId: id, operation: "renew" });
  return (
    <>
      <PageHeader title="Renew Exchange Certificate" description="A new request with the same subject and domains, and a new key." actions={<Link className="btn" href={`/certificates/${id}`}>Cancel</Link>} />
      <details className="mb-3 rounded border border-amber-300 bg-amber-50 p-3" aria-label="Before you renew">
        <summary className="cursor-pointer text-sm font-semibold">
          Before you renew: {preview.impact.bindings.length} server(s), {preview.impact.connectors.length} connector(s), {preview.impact.protocols.length} IMAP/POP name(s)
          {preview.impact.authConfig ? ", the Auth configuration" : ""}
          {preview.impact.edgeSubscriptions.length ? `, ${preview.impact.edgeSubscriptions.length} Edge subscription(s)` : ""} reference this certificate
        </summary>
        <div className="mt-2">
          <ImpactView impact={preview.impact} />
          <Link className="mt-2 inline-block text-sm text-blue-800 hover:underline" href={`/certificates/${id}/impact`}>
            Full preview and change script
          </Link>
        </div>
      </details>
      {can(actor, "mutate") ? (
        <RenewWizard defaults={defaults} servers={servers.map((s) => ({ id: s.id, name: s.name, fqdn: s.fqdn }))} action={renewAction} moveServices={enableServicesAction} />
      ) : (
        <Notice kind="info">The {actor.role} role is read-only: renewing needs an administrator.</Notice>
      )}
    </>
  );
}
