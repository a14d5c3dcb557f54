import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { FindingsList } from "@/components/inventory/findings-list";
import { requireActor } from "@/lib/actions/current-actor";
import { listExchangeFindings } from "@/lib/server/inventory/list-exchange-findings";

export const metadata: Metadata = { title: "Connectors & Auth" };

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");

export default async function ExchangePage() {
  const actor = await requireActor();
  const { findings, connectors, authConfig, edgeSubscriptions, cadences } = await listExchangeFindings(actor);
  const certLink = (thumbprint: string) =>
    thumbprint ? (
      <Link className="font-mono text-xs text-blue-800 hover:underline" href={`/certificates/${thumbprint}`}>
        {thumbprint}
      </Link>
    ) : (
      "—"
    );
  return (
    <>
      <PageHeader title="Connectors & Auth" description="What pins a certificate besides its service bindings: connectors' TlsCertificateName, IMAP/POP names, the OAuth certificate and Edge subscriptions — from the last inventory." />
      <section className="mb-3 rounded border border-slate-200 bg-white p-3">
        <h2 className="mb-1 text-sm font-semibold">Findings</h2>
        <FindingsList findings={findings} label="Exchange findings" />
      </section>
      <section className="mb-3 rounded border border-slate-200 bg-white p-3">
        <h2 className="mb-1 text-sm font-semibold">Connectors</h2>
        <table className="table-dense w-full text-sm" aria-label="Connectors">
          <thead>
            <tr>
              <th>Kind</th>
              <th>Identity</th>
              <th>Servers</th>
              <th>TlsCertificateName</th>
              <th>TLS</th>
              <th>Address spaces / smart hosts</th>
            </tr>
          </thead>
          <tbody>
            {connectors.map((c) => (
              <tr key={c.identity}>
                <td>{c.kind}</td>
                <td>
                  {c.name}
                  {c.cloudServicesMailEnabled ? <span className="ml-1 rounded bg-blue-100 px-1 text-xs text-blue-900">hybrid</span> : null}
                  {c.domainSecureEnabled ? <span className="ml-1 rounded bg-slate-100 px-1 text-xs">Domain Security</span> : null}
                </td>
                <td>{c.kind === "Receive" ? c.serverName : c.sourceServers.join(", ")}</td>
                <td className="font-mono text-xs">{c.tlsCertificateName || "—"}</td>
                <td>{c.requireTls ? "required" : "opportunistic"}</td>
                <td className="text-xs">{[...c.addressSpaces, ...c.smartHosts].join(", ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="mb-3 rounded border border-slate-200 bg-white p-3" aria-label="Auth configuration">
        <h2 className="mb-1 text-sm font-semibold">Auth configuration (Get-AuthConfig)</h2>
        {authConfig ? (
          <dl className="grid grid-cols-[14rem_1fr] gap-x-3 text-sm">
            <dt>CurrentCertificateThumbprint</dt>
            <dd>{certLink(authConfig.currentThumbprint)}</dd>
            <dt>NextCertificateThumbprint</dt>
            <dd>{certLink(authConfig.nextThumbprint)}</dd>
            <dt>NextCertificateEffectiveDate</dt>
            <dd>{day(authConfig.nextEffectiveDate)}</dd>
            <dt>PreviousCertificateThumbprint</dt>
            <dd>{certLink(authConfig.previousThumbprint)}</dd>
          </dl>
        ) : (
          <p className="text-sm text-slate-600">Not inventoried yet.</p>
        )}
      </section>
      <section className="mb-3 rounded border border-slate-200 bg-white p-3">
        <h2 className="mb-1 text-sm font-semibold">Edge subscriptions</h2>
        <table className="table-dense w-full text-sm" aria-label="Edge subscriptions">
          <thead>
            <tr>
              <th>Edge server</th>
              <th>Site</th>
              <th>Certificate in the subscription</th>
            </tr>
          </thead>
          <tbody>
            {edgeSubscriptions.map((e) => (
              <tr key={e.name}>
                <td>{e.name}</td>
                <td>{e.site}</td>
                <td>{certLink(e.certificateThumbprint)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="mb-3 rounded border border-slate-200 bg-white p-3">
        <h2 className="mb-1 text-sm font-semibold">Renewal cadence of publicly trusted certificates (CA/B Forum SC-081)</h2>
        <table className="table-dense w-full text-sm" aria-label="Renewal cadence">
          <thead>
            <tr>
              <th>Certificate</th>
              <th>Expires</th>
              <th>Lifetime</th>
              <th>Replacement due</th>
              <th>Replacement lasts at most</th>
              <th>Renewals a year</th>
            </tr>
          </thead>
          <tbody>
            {cadences.map((c) => (
              <tr key={c.thumbprint}>
                <td>
                  {c.subject}
                  <div>{certLink(c.thumbprint)}</div>
                </td>
                <td>{day(c.notAfter)}</td>
                <td>{c.lifetimeDays} days</td>
                <td>{day(c.replacementDue)}</td>
                <td>{c.replacementMaxDays} days</td>
                <td>{c.renewalsPerYear}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
