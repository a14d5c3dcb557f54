import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requireActor } from "@/lib/actions/current-actor";
import { can } from "@/lib/server/auth/actor";
import { listPartnerHosts } from "@/lib/server/partners/list-partner-hosts";
import { PartnersTable, type PartnerView } from "./partners-table";
import { AddPartnerForm } from "./add-partner-form";

export const metadata: Metadata = { title: "Partners" };

export default async function PartnersPage() {
  const actor = await requireActor();
  const rows = await listPartnerHosts(actor);
  const admin = can(actor, "mutate");
  const view: PartnerView[] = rows.map((r) => ({ ...r, lastProbeAt: r.lastProbeAt?.toISOString() ?? null }));
  return (
    <>
      <PageHeader
        title="Partner domains"
        description="The domain-secured list: partners' mail hosts, probed over STARTTLS like openssl s_client -starttls smtp. The report says why TLS fails — expired, untrusted, name mismatch, revocation failure, no STARTTLS — in words you can send to the partner."
      />
      <PartnersTable rows={view} admin={admin} />
      {admin ? (
        <AddPartnerForm />
      ) : (
        <p className="mt-4 text-sm text-slate-600">
          The helpdesk role may probe partners and read the reports; adding and removing partner hosts needs
          an administrator.
        </p>
      )}
    </>
  );
}
