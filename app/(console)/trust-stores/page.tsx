import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/components/status-badge";
import { AddEntryForm } from "./add-entry-form";
import { EntryActions } from "./entry-actions";
import { HybridFindings } from "./hybrid-findings";
import { STORE_LABELS } from "@/components/trust-stores/store-labels";
import { requireActor } from "@/lib/actions/current-actor";
import { can } from "@/lib/server/auth/actor";
import { listTrustStoreEntries } from "@/lib/server/servers/list-trust-store-entries";
import { listServers } from "@/lib/server/servers/list-servers";
import { listServerCertificates } from "@/lib/server/servers/list-server-certificates";
import { hybridHealth } from "@/lib/server/health/hybrid-health";
import { TRUST_STORES } from "@/lib/validations/domain";

export const metadata: Metadata = { title: "Trust stores" };

export default async function TrustStoresPage({ searchParams }: { searchParams: Promise<{ server?: string }> }) {
  const actor = await requireActor();
  const admin = can(actor, "mutate");
  const servers = await listServers(actor);
  const { server } = await searchParams;
  const selected = servers.find((s) => s.name === server)?.name ?? servers[0]?.name;
  if (!selected) return <PageHeader title="Trust stores" description="No servers yet." />;
  const [entries, onServer, findings] = await Promise.all([listTrustStoreEntries(actor, selected), listServerCertificates(actor, selected), hybridHealth(actor)]);
  const others = servers.map((s) => s.name).filter((n) => n !== selected);
  return (
    <>
      <PageHeader title="Trust stores" description="Each server's certificate stores decide which roots it trusts and the RootCAType Exchange reports." />
      <HybridFindings findings={findings.filter((f) => f.serverName === selected)} canFix={admin} />
      <div className="mb-3 flex gap-2" role="tablist" aria-label="Server">
        {servers.map((s) => (
          <Link key={s.id} role="tab" aria-selected={s.name === selected} className={`btn ${s.name === selected ? "btn-primary" : ""}`} href={`/trust-stores?server=${encodeURIComponent(s.name)}`}>
            {s.name}
          </Link>
        ))}
      </div>
      <section className="mb-3 rounded border border-slate-200 bg-white p-3">
        <h2 className="mb-1 text-sm font-semibold">RootCAType of the certificates installed on {selected}</h2>
        <table className="table-dense w-full text-sm" aria-label={`RootCAType on ${selected}`}>
          <thead>
            <tr>
              <th>Certificate</th>
              <th>Services</th>
              <th>Status</th>
              <th>RootCAType</th>
            </tr>
          </thead>
          <tbody>
            {onServer.installations.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link className="text-blue-800 hover:underline" href={`/certificates/${i.certificate.id}`}>
                    {i.certificate.friendlyName || i.certificate.subject}
                  </Link>
                </td>
                <td>{i.certificate.bindings.map((b) => b.service).join(", ") || "None"}</td>
                <td>
                  <StatusBadge status={i.certificate.status} />
                </td>
                <td data-testid={`rootcatype-${i.certificate.thumbprint}`}>
                  {i.rootCaType}
                  {i.viaCrossCertificate ? " (via a cross-certificate)" : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {admin ? (
        <div className="mb-3">
          <AddEntryForm server={selected} candidates={onServer.cas.map((c) => ({ id: c.id, label: c.subject }))} />
        </div>
      ) : null}
      {TRUST_STORES.map((store) => {
        const inStore = entries.filter((e) => e.store === store);
        return (
          <section key={store} aria-label={STORE_LABELS[store]} className="mb-3 rounded border border-slate-200 bg-white p-3">
            <h2 className="text-sm font-semibold">{STORE_LABELS[store]}</h2>
            {inStore.length === 0 ? (
              <p className="text-sm text-slate-500">Empty on {selected}.</p>
            ) : (
              <ul className="mt-1 space-y-1 text-sm">
                {inStore.map((e) => (
                  <li key={e.id} className="flex items-center gap-2">
                    <Link className="text-blue-800 hover:underline" href={`/certificates/${e.certificate.id}`}>
                      {e.certificate.subject}
                    </Link>
                    <StatusBadge status={e.certificate.status} />
                    <span className="font-mono text-xs text-slate-500">{e.certificate.thumbprint}</span>
                    {admin ? <EntryActions entryId={e.id} label={e.certificate.subject} otherServers={others} /> : null}
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
