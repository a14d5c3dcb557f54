import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/components/status-badge";
import { requireActor } from "@/lib/actions/current-actor";
import { listTrustStoreEntries } from "@/lib/server/servers/list-trust-store-entries";
import { listServers } from "@/lib/server/servers/list-servers";
import { TRUST_STORES } from "@/lib/validations/domain";

export const metadata: Metadata = { title: "Trust stores" };

const STORE_LABELS: Record<string, string> = {
  TrustedRoot: "Trusted Root Certification Authorities",
  ThirdPartyRoot: "Third-Party Root Certification Authorities",
  Intermediate: "Intermediate Certification Authorities",
  Enterprise: "Enterprise Trust",
  GroupPolicy: "Group Policy (GPO-delivered roots)",
};

export default async function TrustStoresPage({ searchParams }: { searchParams: Promise<{ server?: string }> }) {
  const actor = await requireActor();
  const servers = await listServers(actor);
  const { server } = await searchParams;
  const selected = servers.find((s) => s.name === server)?.name ?? servers[0]?.name;
  const entries = selected ? await listTrustStoreEntries(actor, selected) : [];
  return (
    <>
      <PageHeader title="Trust stores" description="Each server's certificate stores decide which roots it trusts and the RootCAType Exchange reports." />
      <div className="mb-3 flex gap-2" role="tablist" aria-label="Server">
        {servers.map((s) => (
          <Link key={s.id} role="tab" aria-selected={s.name === selected} className={`btn ${s.name === selected ? "btn-primary" : ""}`} href={`/trust-stores?server=${encodeURIComponent(s.name)}`}>
            {s.name}
          </Link>
        ))}
      </div>
      {TRUST_STORES.map((store) => {
        const inStore = entries.filter((e) => e.store === store);
        return (
          <section key={store} className="mb-3 rounded border border-slate-200 bg-white p-3">
            <h2 className="text-sm font-semibold">{STORE_LABELS[store]}</h2>
            {inStore.length === 0 ? (
              <p className="text-sm text-slate-500">Empty on {selected}.</p>
            ) : (
              <ul className="mt-1 text-sm">
                {inStore.map((e) => (
                  <li key={e.id} className="flex items-center gap-2">
                    <Link className="text-blue-800 hover:underline" href={`/certificates/${e.certificate.id}`}>
                      {e.certificate.subject}
                    </Link>
                    <StatusBadge status={e.certificate.status} />
                    <span className="font-mono text-xs text-slate-500">{e.certificate.thumbprint}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </>
  );
}
