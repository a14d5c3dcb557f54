import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/components/status-badge";
import { ListView } from "@/components/list-view";
import { Tabs } from "@/components/certificate/tabs";
import { CheckNowButton } from "@/components/certificate/check-now-button";
import { RevocationAttempts } from "@/components/certificate/revocation-attempts";
import { WebPkiFindings } from "@/components/certificate/web-pki-findings";
import { StatusExplanation } from "@/components/certificate/status-explanation";
import { explainCertificate, type RecordedRevocationResult } from "@/lib/pki/exchange/explain-certificate";
import { requireActor } from "@/lib/actions/current-actor";
import { can } from "@/lib/server/auth/actor";
import { getCertificateProperties } from "@/lib/server/certificates/get-certificate-properties";
import { isPkiError } from "@/lib/pki/errors";
import { checkRevocationNowAction } from "../actions";

export const metadata: Metadata = { title: "Certificate properties" };

const TABS = ["General", "Details", "Certification Path", "Revocation", "Services"] as const;
const when = (d: Date | string) => new Date(d).toISOString().replace("T", " ").slice(0, 19) + " UTC";

export default async function CertificatePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { id } = await params;
  const requested = (await searchParams).tab;
  const tab = Math.max(0, TABS.findIndex((t) => t.toLowerCase().replace(/ /g, "-") === requested));
  const actor = await requireActor();
  let props;
  try {
    props = await getCertificateProperties(actor, id);
  } catch (error) {
    if (isPkiError(error, "ERR_NOT_FOUND")) notFound();
    throw error;
  }
  const { certificate: cert, description: d, listViews, paths, findings } = props;
  const admin = can(actor, "mutate");
  const installed = cert.installations.length > 0;
  const latest = cert.revocationChecks[0];
  const explanation = explainCertificate({
    status: cert.status,
    statusReason: cert.statusReason,
    notBefore: new Date(d.NotBefore),
    notAfter: new Date(d.NotAfter),
    revocation: Array.isArray(latest?.attempts) ? (latest.attempts as unknown as RecordedRevocationResult[]) : [],
    rootCaTypes: cert.installations.map((i) => ({ server: i.server.name, rootCaType: i.rootCaType })),
    now: new Date(),
  });
  return (
    <>
      <PageHeader
        title={cert.friendlyName || cert.subject}
        description={`Thumbprint ${cert.thumbprint}`}
        actions={
          <>
            {admin && installed ? (
              <>
                <Link className="btn btn-primary" href={`/certificates/${cert.id}/assign`}>Assign Services</Link>
                <Link className="btn" href={`/certificates/${cert.id}/export`}>Export</Link>
                {!cert.isCa ? <Link className="btn" href={`/certificates/${cert.id}/renew`}>Renew</Link> : null}
                {!cert.isCa ? <Link className="btn" href={`/certificates/${cert.id}/impact`}>Impact preview</Link> : null}
                <Link className="btn" href={`/certificates/${cert.id}/remove`}>Remove</Link>
              </>
            ) : null}
            <Link className="btn" href="/certificates">Back to list</Link>
          </>
        }
      />
      <Tabs labels={TABS} initial={tab}>
        {[
          <section key="general" className="space-y-3" aria-label="General">
            <div className="flex items-center gap-3">
              <StatusBadge status={cert.status} reason={cert.statusReason} />
              {cert.statusCheckedAt ? <span className="text-xs text-slate-600">checked {when(cert.statusCheckedAt)}</span> : null}
            </div>
            <StatusExplanation explanation={explanation} />
            <WebPkiFindings findings={findings} />
            <ListView
              label="General"
              rows={[
                ["Issued to", d.Subject],
                ["Issued by", d.Issuer],
                ["Valid from", when(d.NotBefore)],
                ["Valid to", when(d.NotAfter)],
                ["Friendly name", cert.friendlyName || "—"],
                ["Private key", cert.privateKey ? `${cert.privateKey.algorithm}, ${cert.privateKey.exportable ? "exportable" : "not exportable"}` : "none in the console"],
                ["Domains", d.CertificateDomains.join(", ") || "—"],
                ["Installed on", cert.installations.map((i) => i.server.name).join(", ") || "no server"],
              ]}
            />
            <div className="grid gap-4 xl:grid-cols-2">
              {cert.installations.map((inst) => {
                const services = cert.bindings.filter((b) => b.serverId === inst.serverId).map((b) => b.service);
                return (
                  <section key={inst.id} className="rounded border border-slate-200 p-3">
                    <h3 className="mb-2 text-sm font-semibold">On {inst.server.name}</h3>
                    <ListView
                      label={`Properties on ${inst.server.name}`}
                      rows={[
                        ["CertificateDomains", `{${d.CertificateDomains.join(", ")}}`],
                        ["HasPrivateKey", String(inst.hasPrivateKey)],
                        ["PrivateKeyExportable", String(inst.privateKeyExportable)],
                        ["Services", services.length ? services.join(", ") : "None"],
                        ["Status", cert.status],
                        ["Thumbprint", cert.thumbprint],
                      ]}
                    />
                  </section>
                );
              })}
            </div>
          </section>,
          <section key="details" className="space-y-4" aria-label="Details">
            <table className="table-dense w-full text-xs" aria-label="Fields and extensions">
              <thead>
                <tr>
                  <th>Field</th>
                  <th>Value</th>
                </tr>
              </thead>
              <tbody>
                {(
                  [
                    ["Version", `V${d.Version}`],
                    ["Serial number", d.SerialNumber],
                    ["Signature algorithm", `${d.SignatureAlgorithm} (${d.SignatureAlgorithmOid})`],
                    ["Issuer", d.Issuer],
                    ["Valid from", when(d.NotBefore)],
                    ["Valid to", when(d.NotAfter)],
                    ["Subject", d.Subject],
                    ["Public key", `${d.KeyAlgorithm} (${d.PublicKeySize} bits${d.KeyCurve ? `, ${d.KeyCurve}` : ""})`],
                    ["Thumbprint (SHA-1)", d.Thumbprint],
                    ["SHA-256", d.Sha256],
                  ] as const
                ).map(([k, v]) => (
                  <tr key={k}>
                    <td className="whitespace-nowrap">{k}</td>
                    <td className="font-mono break-all">{v}</td>
                  </tr>
                ))}
                {d.Extensions.map((e) => (
                  <tr key={e.oid}>
                    <td className="whitespace-nowrap">
                      {e.name} {e.critical ? <span className="text-red-700">(critical)</span> : null}
                      <div className="text-slate-500">{e.oid}</div>
                    </td>
                    <td className="font-mono break-all whitespace-pre-wrap">{e.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {listViews.map((v) => (
              <div key={v.server ?? "none"}>
                <h3 className="mb-1 text-sm font-semibold">{v.server ? `Get-ExchangeCertificate -Server ${v.server} -Thumbprint ${cert.thumbprint} | fl` : "Get-ExchangeCertificate | fl"}</h3>
                <pre className="overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100" aria-label={`Format-List view${v.server ? ` on ${v.server}` : ""}`}>
                  {v.text}
                </pre>
              </div>
            ))}
          </section>,
          <section key="path" className="space-y-4" aria-label="Certification Path">
            {paths.map((p) => (
              <div key={p.server ?? "org"}>
                <h3 className="mb-1 text-sm font-semibold">
                  {p.server ? `As seen from ${p.server}` : "With every trust store of the organization"}: <StatusBadge status={p.status} />
                  {p.rootCaType ? <span className="ml-2 font-normal text-slate-700">RootCAType: {p.rootCaType}</span> : null}
                </h3>
                <p className="mb-1 text-xs text-slate-700" data-testid="path-reason">
                  {p.reason}
                </p>
                {p.viaCrossCertificate ? (
                  <p className="mb-1 text-xs text-amber-900">This chain reaches the trusted root only through a cross-certificate.</p>
                ) : null}
                <ul role="tree" aria-label={`Certification path${p.server ? ` on ${p.server}` : ""}`} className="text-sm">
                  {p.nodes.map((n, i) => (
                    <li role="treeitem" aria-selected={false} key={n.thumbprint} style={{ paddingLeft: `${i * 1.25}rem` }} className="py-0.5">
                      <span aria-hidden>{i > 0 ? "└ " : ""}</span>
                      {n.id && n.id !== cert.id ? <Link className="underline" href={`/certificates/${n.id}?tab=certification-path`}>{n.subject}</Link> : <span>{n.subject}</span>} <StatusBadge status={n.status} />
                      {n.problems.map((m) => (
                        <div key={m} className="text-xs text-red-800" style={{ paddingLeft: "1rem" }}>
                          {m}
                        </div>
                      ))}
                    </li>
                  ))}
                  {p.nodes.length === 0 ? <li className="text-slate-600">{p.status === "Unknown" ? "The status has not been computed yet." : "No path could be built."}</li> : null}
                </ul>
              </div>
            ))}
          </section>,
          <section key="revocation" aria-label="Revocation">
            <CheckNowButton certificateId={cert.id} action={checkRevocationNowAction} />
            {cert.revocationChecks.length === 0 ? (
              <p className="text-sm text-slate-600">No revocation check has been recorded for this certificate yet.</p>
            ) : (
              <ol className="space-y-3">
                {cert.revocationChecks.map((check) => (
                  <li key={check.id} className="rounded border border-slate-200 p-2">
                    <div className="mb-1 flex items-center gap-2 text-sm">
                      <span className="whitespace-nowrap">{when(check.checkedAt)}</span>
                      {check.server ? <span className="text-slate-600">from {check.server}</span> : null}
                      <StatusBadge status={check.status} />
                      <span className="text-slate-500">{check.durationMs} ms</span>
                    </div>
                    <p className="mb-1 text-sm">{check.summary}</p>
                    <RevocationAttempts attempts={check.attempts} />
                  </li>
                ))}
              </ol>
            )}
          </section>,
          <section key="services" aria-label="Services">
            {cert.installations.length === 0 ? <p className="text-sm text-slate-600">This certificate is not installed on any server (it is known from a trust store or a chain).</p> : null}
            <table className="table-dense w-full text-sm" aria-label="Services per server">
              <thead>
                <tr>
                  <th>Server</th>
                  <th>Services</th>
                  <th>Private key</th>
                  <th>Note</th>
                </tr>
              </thead>
              <tbody>
                {cert.installations.map((inst) => {
                  const bindings = cert.bindings.filter((b) => b.serverId === inst.serverId);
                  const acknowledged = bindings.filter((b) => b.acknowledgedStatus);
                  return (
                    <tr key={inst.id}>
                      <td>{inst.server.name}</td>
                      <td>{bindings.length ? bindings.map((b) => b.service).join(", ") : "None"}</td>
                      <td>
                        {inst.hasPrivateKey ? (inst.privateKeyExportable ? "yes, exportable" : "yes, not exportable") : "no"}
                        {inst.hasPrivateKey && !cert.privateKey ? <div className="text-xs text-slate-600">key on the server only: the console holds no copy</div> : null}
                      </td>
                      <td className="text-xs">
                        {bindings.length && cert.status !== "Valid" ? (
                          <span className="text-amber-800">Already assigned: keeps working, but with status {cert.status} it would not be assignable now.</span>
                        ) : null}
                        {acknowledged.length ? <div className="text-amber-800">Assigned with an acknowledged {acknowledged[0]!.acknowledgedStatus} warning ({acknowledged.map((b) => b.service).join(", ")}).</div> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {cert.trustStoreEntries.length ? (
              <p className="mt-3 text-sm">
                In trust stores: {cert.trustStoreEntries.map((t) => `${t.server.name} ${t.store}`).join("; ")}
              </p>
            ) : null}
          </section>,
        ]}
      </Tabs>
    </>
  );
}
