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
  return (
    <>
      <PageHeader title="Renew Exchange Certificate" description="A new request with the same subject and domains, and a new key." actions={<Link className="btn" href={`/certificates/${id}`}>Cancel</Link>} />
      {can(actor, "mutate") ? (
        <RenewWizard defaults={defaults} servers={servers.map((s) => ({ id: s.id, name: s.name, fqdn: s.fqdn }))} action={renewAction} moveServices={enableServicesAction} />
      ) : (
        <Notice kind="info">The {actor.role} role is read-only: renewing needs an administrator.</Notice>
      )}
    </>
  );
}
