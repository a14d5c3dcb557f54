import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isPkiError } from "@/lib/pki/errors";
import { PageHeader } from "@/components/page-header";
import { DriftTable } from "@/components/inventory/drift-table";
import { FindingsList } from "@/components/inventory/findings-list";
import { requireActor } from "@/lib/actions/current-actor";
import { can } from "@/lib/server/auth/actor";
import { getServerDrift } from "@/lib/server/inventory/get-server-drift";
import { listExchangeFindings } from "@/lib/server/inventory/list-exchange-findings";

export const metadata: Metadata = { title: "Server" };

export default async function ServerPage({ params }: { params: Promise<{ name: string }> }) {
  const actor = await requireActor();
  const name = decodeURIComponent((await params).name);
  let drift;
  try {
    drift = await getServerDrift(actor, name);
  } catch (error) {
    if (isPkiError(error, "ERR_NOT_FOUND")) notFound();
    throw error;
  }
  const exchange = await listExchangeFindings(actor);
  const server = exchange.servers.find((s) => s.name === drift.server.name);
  const receive = exchange.connectors.filter((c) => c.kind === "Receive" && c.serverName === drift.server.name);
  const findings = exchange.findings.filter((f) => f.serverName === drift.server.name);
  return (
    <>
      <PageHeader title={drift.server.name} description={`${drift.server.role} — ${drift.server.fqdn}`} />
      <section className="mb-3 rounded border border-slate-200 bg-white p-3" aria-label="Drift">
        <h2 className="mb-1 text-sm font-semibold">Console and server</h2>
        {drift.lastInventory ? (
          <p className="mb-2 text-sm">
            Last inventory collected {drift.lastInventory.collectedAt.toISOString().replace("T", " ").slice(0, 16)} UTC ({drift.lastInventory.exchangeVersion}), imported by {drift.lastInventory.importedBy}.{" "}
            {drift.items.length ? `${drift.items.length} difference(s):` : "The console matches the server."}
          </p>
        ) : (
          <p className="text-sm text-slate-600">
            No inventory of this server yet: run the collector and import its file on the <Link className="text-blue-800 hover:underline" href="/servers">Servers</Link> page.
          </p>
        )}
        {drift.items.length ? <DriftTable server={drift.server.name} items={drift.items} canAccept={can(actor, "mutate")} /> : null}
      </section>
      <section className="mb-3 rounded border border-slate-200 bg-white p-3" aria-label="Findings of this server">
        <h2 className="mb-1 text-sm font-semibold">Findings</h2>
        <FindingsList findings={findings} />
      </section>
      <section className="mb-3 rounded border border-slate-200 bg-white p-3">
        <h2 className="mb-1 text-sm font-semibold">Receive connectors and IMAP/POP</h2>
        <table className="table-dense w-full text-sm" aria-label="Receive connectors">
          <thead>
            <tr>
              <th>Identity</th>
              <th>FQDN</th>
              <th>TlsCertificateName</th>
              <th>Domain Security</th>
            </tr>
          </thead>
          <tbody>
            {receive.map((c) => (
              <tr key={c.identity}>
                <td>{c.identity}</td>
                <td>{c.fqdn}</td>
                <td className="font-mono text-xs">{c.tlsCertificateName || "—"}</td>
                <td>{c.domainSecureEnabled ? "yes" : "no"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-2 text-sm">
          IMAP X509CertificateName: <span className="font-mono">{server?.imapCertificateName ?? "—"}</span>; POP X509CertificateName: <span className="font-mono">{server?.popCertificateName ?? "—"}</span>
        </p>
      </section>
    </>
  );
}
