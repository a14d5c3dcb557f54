import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { Notice } from "@/components/notice";
import { SelfSignedForm } from "@/components/wizards/self-signed-form";
import { requireActor } from "@/lib/actions/current-actor";
import { listServers } from "@/lib/server/servers/list-servers";
import { can } from "@/lib/server/auth/actor";
import { newSelfSignedAction } from "../actions";

export const metadata: Metadata = { title: "New self-signed certificate" };

export default async function SelfSignedPage() {
  const actor = await requireActor();
  const servers = await listServers(actor);
  return (
    <>
      <PageHeader title="New self-signed certificate" description="New-ExchangeCertificate without a CA: trusted by its own server only." actions={<Link className="btn" href="/certificates">Cancel</Link>} />
      {can(actor, "mutate") ? (
        <SelfSignedForm servers={servers.map((s) => ({ id: s.id, name: s.name, fqdn: s.fqdn, role: s.role }))} action={newSelfSignedAction} />
      ) : (
        <Notice kind="info">The {actor.role} role is read-only: creating certificates needs an administrator.</Notice>
      )}
    </>
  );
}
