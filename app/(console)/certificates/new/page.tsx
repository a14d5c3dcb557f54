import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { Notice } from "@/components/notice";
import { NewCertificateWizard } from "@/components/wizards/new-certificate-wizard";
import { requireActor } from "@/lib/actions/current-actor";
import { listServers } from "@/lib/server/servers/list-servers";
import { can } from "@/lib/server/auth/actor";
import { acceptedDomainOf } from "@/lib/validations/accepted-domain";
import { newRequestAction } from "../actions";

export const metadata: Metadata = { title: "New Exchange Certificate" };

export default async function NewCertificatePage() {
  const actor = await requireActor();
  const servers = await listServers(actor);
  return (
    <>
      <PageHeader title="New Exchange Certificate" description="Create a certificate request for a certification authority (New-ExchangeCertificate -GenerateRequest)." actions={<Link className="btn" href="/certificates">Cancel</Link>} />
      {can(actor, "mutate") ? (
        <NewCertificateWizard servers={servers.map((s) => ({ id: s.id, name: s.name, fqdn: s.fqdn }))} acceptedDomain={acceptedDomainOf(servers.map((s) => s.fqdn))} action={newRequestAction} />
      ) : (
        <Notice kind="info">The {actor.role} role is read-only: certificate requests need an administrator.</Notice>
      )}
    </>
  );
}
