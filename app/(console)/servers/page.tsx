import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { InventoryUpload } from "@/components/inventory/inventory-upload";
import { requireActor } from "@/lib/actions/current-actor";
import { can } from "@/lib/server/auth/actor";
import { listServersWithInventory } from "@/lib/server/servers/list-servers";

export const metadata: Metadata = { title: "Servers" };

export default async function ServersPage() {
  const actor = await requireActor();
  const servers = await listServersWithInventory(actor);
  return (
    <>
      <PageHeader title="Servers" description="The organization's Exchange servers. Certificates, service assignments and trust stores are per server." />
      <table className="table-dense w-full rounded border border-slate-200 bg-white text-sm" aria-label="Servers">
        <thead>
          <tr>
            <th>Name</th>
            <th>FQDN</th>
            <th>Role</th>
            <th>Certificates</th>
            <th>Service bindings</th>
            <th>Trust store entries</th>
            <th>Default SMTP certificate</th>
            <th>Last inventory</th>
          </tr>
        </thead>
        <tbody>
          {servers.map((s) => (
            <tr key={s.id}>
              <td className="font-semibold">
                <Link className="text-blue-800 hover:underline" href={`/servers/${encodeURIComponent(s.name)}`}>
                  {s.name}
                </Link>
              </td>
              <td>{s.fqdn}</td>
              <td>
                {s.role}
                {s.exchangeVersion ? <div className="text-xs text-slate-600">{s.exchangeVersion}</div> : null}
              </td>
              <td>
                <Link className="text-blue-800 hover:underline" href={`/certificates?server=${encodeURIComponent(s.name)}`}>
                  {s._count.installations}
                </Link>
              </td>
              <td>{s._count.bindings}</td>
              <td>
                <Link className="text-blue-800 hover:underline" href={`/trust-stores?server=${encodeURIComponent(s.name)}`}>
                  {s._count.trustStoreEntries}
                </Link>
              </td>
              <td className="font-mono text-xs">{s.defaultSmtpCertificate ? `${s.defaultSmtpCertificate.thumbprint} (${s.defaultSmtpCertificate.subject})` : "—"}</td>
              <td className="text-xs" data-testid={`last-inventory-${s.name}`}>
                {s.lastInventory ? (
                  <>
                    <div>
                      collected {s.lastInventory.collectedAt.toISOString().replace("T", " ").slice(0, 16)} UTC, imported by {s.lastInventory.importedBy}
                    </div>
                    <Link className={s.driftCount ? "font-semibold text-amber-800 hover:underline" : "text-green-800 hover:underline"} href={`/servers/${encodeURIComponent(s.name)}`}>
                      {s.driftCount ? `${s.driftCount} difference(s) with the console` : "matches the console"}
                    </Link>
                  </>
                ) : (
                  <span className="text-slate-500">never</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="mt-4 rounded border border-slate-200 bg-white p-3" aria-label="Connect a real organization">
        <h2 className="mb-1 text-sm font-semibold">Connect a real organization</h2>
        <ol className="mb-3 list-decimal pl-5 text-sm">
          <li>
            Download the{" "}
            <a className="text-blue-800 underline" href="/api/v1/inventory/collector" download>
              collector script (Collect-CertConsoleInventory.ps1)
            </a>{" "}
            and run it in the Exchange Management Shell (and on each Edge server in its own shell). It reads certificates, connectors, IMAP/POP names, the Auth configuration, Edge subscriptions and the machine trust stores; private keys never leave the servers.
          </li>
          <li>
            Upload the JSON file it writes here, or let it post to <code>/api/v1/inventory</code> with an API token. The format is published as{" "}
            <a className="text-blue-800 underline" href="/api/v1/inventory/schema.json">
              JSON Schema
            </a>
            .
          </li>
          <li>
            Review each server&apos;s differences, and the{" "}
            <Link className="text-blue-800 hover:underline" href="/exchange">
              connectors, IMAP/POP names, Auth certificate and findings
            </Link>
            .
          </li>
        </ol>
        {can(actor, "mutate") ? <InventoryUpload /> : <p className="text-sm text-slate-600">Importing an inventory needs an administrator.</p>}
      </section>
    </>
  );
}
