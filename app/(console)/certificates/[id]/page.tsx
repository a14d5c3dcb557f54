import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/components/status-badge";
import { ListView } from "@/components/list-view";
import { requireActor } from "@/lib/actions/current-actor";
import { getCertificate } from "@/lib/server/certificates/get-certificate";
import { isPkiError } from "@/lib/pki/errors";

export const metadata: Metadata = { title: "Certificate" };

type Eku = { oid: string; name: string };

export default async function CertificatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  let cert;
  try {
    cert = await getCertificate(actor, id);
  } catch (error) {
    if (isPkiError(error, "ERR_NOT_FOUND")) notFound();
    throw error;
  }
  const ekus = (cert.ekus as Eku[]) ?? [];
  const domains = (cert.domains as string[]) ?? [];
  const servers = cert.installations.length > 0 ? cert.installations : [];
  return (
    <>
      <PageHeader
        title={cert.friendlyName || cert.subject}
        description={`Thumbprint ${cert.thumbprint}`}
        actions={<Link className="btn" href="/certificates">Back to list</Link>}
      />
      <section className="mb-4 flex items-center gap-3">
        <StatusBadge status={cert.status} reason={cert.statusReason} />
        <span className="text-sm text-slate-700" data-testid="status-reason">{cert.statusReason}</span>
      </section>
      {servers.length === 0 ? (
        <p className="text-sm text-slate-600">This certificate is not installed on any server (it is known from a trust store or a chain).</p>
      ) : null}
      <div className="grid gap-4 xl:grid-cols-2">
        {(servers.length ? servers : [null]).map((inst) => {
          const services = cert.bindings.filter((b) => !inst || b.serverId === inst.serverId).map((b) => b.service);
          return (
            <section key={inst?.id ?? "none"} className="rounded border border-slate-200 bg-white p-3">
              <h2 className="mb-2 text-sm font-semibold">
                {inst ? `Get-ExchangeCertificate -Server ${inst.server.name} -Thumbprint ${cert.thumbprint.slice(0, 8)}… | fl` : "Certificate"}
              </h2>
              <ListView
                label={inst ? `Properties on ${inst.server.name}` : "Properties"}
                rows={[
                  ["CertificateDomains", `{${domains.join(", ")}}`],
                  ["HasPrivateKey", inst ? String(inst.hasPrivateKey) : "False"],
                  ["IsSelfSigned", String(cert.isSelfSigned)],
                  ["Issuer", cert.issuer],
                  ["NotAfter", cert.notAfter.toISOString()],
                  ["NotBefore", cert.notBefore.toISOString()],
                  ["PublicKeySize", String(cert.publicKeySize)],
                  ["SerialNumber", cert.serialNumber],
                  ["Services", services.length ? services.join(", ") : "None"],
                  ["Status", cert.status],
                  ["Subject", cert.subject],
                  ["Thumbprint", cert.thumbprint],
                  ["FriendlyName", cert.friendlyName],
                  ["PrivateKeyExportable", inst ? String(inst.privateKeyExportable) : "False"],
                  ["SignatureAlgorithm", cert.signatureAlgorithm],
                  ["EnhancedKeyUsageList", `{${ekus.map((e) => `${e.name} (${e.oid})`).join(", ")}}`],
                  ["SHA256", cert.sha256],
                ]}
              />
            </section>
          );
        })}
      </div>
      <section className="mt-4 rounded border border-slate-200 bg-white p-3">
        <h2 className="mb-2 text-sm font-semibold">Revocation checks</h2>
        {cert.revocationChecks.length === 0 ? (
          <p className="text-sm text-slate-600">No revocation check has been recorded for this certificate yet.</p>
        ) : (
          <table className="table-dense w-full text-sm">
            <thead>
              <tr>
                <th>When</th>
                <th>Result</th>
                <th>Diagnosis</th>
              </tr>
            </thead>
            <tbody>
              {cert.revocationChecks.map((check) => (
                <tr key={check.id}>
                  <td className="whitespace-nowrap">{check.checkedAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                  <td>
                    <StatusBadge status={check.status} />
                  </td>
                  <td>{check.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {cert.trustStoreEntries.length ? (
        <section className="mt-4 rounded border border-slate-200 bg-white p-3">
          <h2 className="mb-2 text-sm font-semibold">In trust stores</h2>
          <ul className="text-sm">
            {cert.trustStoreEntries.map((t) => (
              <li key={t.id}>
                {t.server.name}: {t.store}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
