import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { requireActor } from "@/lib/actions/current-actor";
import { listServers } from "@/lib/server/servers/list-servers";

export const metadata: Metadata = { title: "Servers" };

export default async function ServersPage() {
  const servers = await listServers(await requireActor());
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
          </tr>
        </thead>
        <tbody>
          {servers.map((s) => (
            <tr key={s.id}>
              <td className="font-semibold">
                <Link className="text-blue-800 hover:underline" href={`/certificates?server=${encodeURIComponent(s.name)}`}>
                  {s.name}
                </Link>
              </td>
              <td>{s.fqdn}</td>
              <td>{s.role}</td>
              <td>{s._count.installations}</td>
              <td>{s._count.bindings}</td>
              <td>
                <Link className="text-blue-800 hover:underline" href={`/trust-stores?server=${encodeURIComponent(s.name)}`}>
                  {s._count.trustStoreEntries}
                </Link>
              </td>
              <td className="font-mono text-xs">{s.defaultSmtpCertificate ? `${s.defaultSmtpCertificate.thumbprint} (${s.defaultSmtpCertificate.subject})` : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
