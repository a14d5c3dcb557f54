import type { RenewalImpact } from "@/lib/pki/exchange/renewal-impact";

/** Every place that references the old certificate, as lists (the renewal impact preview). */
export function ImpactView({ impact }: { impact: RenewalImpact }) {
  return (
    <div className="flex flex-col gap-3 text-sm" aria-label="Renewal impact">
      {impact.notes.map((n) => (
        <p key={n} className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-amber-900">
          {n}
        </p>
      ))}
      <section>
        <h3 className="font-semibold">Bindings per server</h3>
        <ul className="list-disc pl-5" aria-label="Bindings per server">
          {impact.bindings.map((b) => (
            <li key={b.serverName}>
              {b.serverName}: {b.services.length ? b.services.join(", ") : "no services"}
              {b.isDefaultSmtp ? " (default SMTP certificate)" : ""}
              {b.replacementInstalled ? " — the new certificate is already installed" : " — import needed"}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h3 className="font-semibold">Connectors pinning it (TlsCertificateName)</h3>
        {impact.connectors.length ? (
          <ul className="list-disc pl-5" aria-label="Connectors pinning the certificate">
            {impact.connectors.map((c) => (
              <li key={c.identity}>
                {c.kind} connector {c.identity}
                {c.hybrid ? " (hybrid)" : ""}: {c.stillMatches === true ? (
                  "still matches"
                ) : c.stillMatches === null ? (
                  <strong className="text-amber-800">matches only if the CA signs the renewal with the same issuer</strong>
                ) : (
                  <strong className="text-red-800">will no longer match — mail flow stops until it is set to {c.newTlsCertificateName}</strong>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p>None.</p>
        )}
      </section>
      <section>
        <h3 className="font-semibold">IMAP/POP certificate names</h3>
        {impact.protocols.length ? (
          <ul className="list-disc pl-5" aria-label="IMAP and POP names">
            {impact.protocols.map((p) => (
              <li key={`${p.serverName}-${p.protocol}`}>
                {p.serverName} {p.protocol}: {p.x509CertificateName} — {p.coveredByReplacement ? "covered by the new certificate" : <strong className="text-red-800">not a name of the new certificate</strong>}
              </li>
            ))}
          </ul>
        ) : (
          <p>None.</p>
        )}
      </section>
      <section>
        <h3 className="font-semibold">Auth configuration and Edge subscriptions</h3>
        <p>{impact.authConfig ? `This is the ${impact.authConfig} Auth (OAuth) certificate: Set-AuthConfig must publish the new one.` : "Not the Auth certificate."}</p>
        <p>{impact.edgeSubscriptions.length ? `Embedded in the Edge subscription of ${impact.edgeSubscriptions.map((e) => e.name).join(", ")}: subscribe again.` : "No Edge subscription embeds it."}</p>
      </section>
    </div>
  );
}
