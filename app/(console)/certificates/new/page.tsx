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
import { confirmAcmeAction, issueAcmeAction } from "../acme-actions";
import { listAcmeAccounts } from "@/lib/server/acme/list-acme-accounts";

export const metadata: Metadata = { title: "New Exchange Certificate" };

export default async function NewCertificatePage() {
  const actor = await requireActor();
  const servers = await listServers(actor);
  const acmeAccounts = (await listAcmeAccounts(actor)).filter((a) => !a.deactivatedAt).map((a) => ({ id: a.id, name: a.name, directoryUrl: a.directoryUrl, rfc2136: a.rfc2136, dnsUpdateServer: a.dnsUpdateServer }));
  return (
    <>
      <PageHeader title="New Exchange Certificate" description="Create a certificate request for a certification authority (New-ExchangeCertificate -GenerateRequest), or issue one from an ACME CA." actions={<Link className="btn" href="/certificates">Cancel</Link>} />
      {can(actor, "mutate") ? (
        <NewCertificateWizard servers={servers.map((s) => ({ id: s.id, name: s.name, fqdn: s.fqdn }))} acceptedDomain={acceptedDomainOf(servers.map((s) => s.fqdn))} action={newRequestAction} acmeAccounts={acmeAccounts} acmeActions={{ issue: issueAcmeAction, confirm: confirmAcmeAction }} />
      ) : (
        <Notice kind="info">The {actor.role} role is read-only: certificate requests need an administrator.</Notice>
      )}
    </>
  );
}
