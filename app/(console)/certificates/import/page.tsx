import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { Notice } from "@/components/notice";
import { ImportWizard } from "@/components/wizards/import-wizard";
import { requireActor } from "@/lib/actions/current-actor";
import { listServers } from "@/lib/server/servers/list-servers";
import { can } from "@/lib/server/auth/actor";

export const metadata: Metadata = { title: "Import Exchange Certificate" };

export default async function ImportPage() {
  const actor = await requireActor();
  const servers = await listServers(actor);
  return (
    <>
      <PageHeader title="Import Exchange Certificate" description="Import-ExchangeCertificate: PFX/P12 with its password, P7B, CER/PEM." actions={<Link className="btn" href="/certificates">Cancel</Link>} />
      {can(actor, "mutate") ? <ImportWizard servers={servers.map((s) => ({ id: s.id, name: s.name, fqdn: s.fqdn }))} /> : <Notice kind="info">The {actor.role} role is read-only: importing needs an administrator.</Notice>}
    </>
  );
}
