import type { listAcmeAccounts } from "@/lib/server/acme/list-acme-accounts";
import { AcmeAccountForm } from "./acme-account-form";
import { AcmeCertificates, DeactivateAccountButton, type AcmeCertificateRow } from "./acme-certificates";

type Accounts = Awaited<ReturnType<typeof listAcmeAccounts>>;

/**
 * Settings → Certificate authorities: the ACME accounts (or that none is configured), the certificates issued through
 * them with their renewal setting and pending approvals; for an admin the New ACME account form, Deactivate, Renew now.
 */
export function AcmeAccounts({ accounts: all, certificates, readOnly }: { accounts: Accounts; certificates: AcmeCertificateRow[]; readOnly: boolean }) {
  const accounts = all.filter((a) => !a.deactivatedAt);
  const deactivated = all.filter((a) => a.deactivatedAt);
  return (
    <section aria-labelledby="acme-heading" className="mt-8 max-w-4xl">
      <h2 id="acme-heading" className="mb-2 text-lg font-semibold">
        Certificate authorities (ACME)
      </h2>
      {accounts.length === 0 ? (
        <p data-testid="acme-none" className="text-sm">
          No ACME CA is configured. Certificates are requested from a CA with the New Certificate wizard and completed when the CA answers.
        </p>
      ) : (
        <table className="w-full text-left text-sm" data-testid="acme-accounts">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Directory</th>
              <th scope="col">Contact</th>
              <th scope="col">External Account Binding</th>
              <th scope="col">DNS-01</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id}>
                <td>{a.name}</td>
                <td className="[overflow-wrap:anywhere]">{a.directoryUrl}</td>
                <td>{a.contactEmail}</td>
                <td>{a.eab ? `key id ${a.eabKeyId}` : "none"}</td>
                <td>{a.rfc2136 ? `RFC 2136 via ${a.dnsUpdateServer} (TSIG ${a.tsigKeyName}, ${a.tsigAlgorithm})` : "manual"}</td>
                <td>{readOnly ? "active" : <DeactivateAccountButton accountId={a.id} name={a.name} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deactivated.length ? (
        <details className="mt-2 text-sm" data-testid="acme-deactivated">
          <summary>Deactivated accounts ({deactivated.length})</summary>
          <ul className="list-disc pl-5">
            {deactivated.map((a) => (
              <li key={a.id} className="[overflow-wrap:anywhere]">
                {a.name} — {a.directoryUrl}, deactivated {a.deactivatedAt!.toISOString().slice(0, 10)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {certificates.length ? <AcmeCertificates rows={certificates} readOnly={readOnly} /> : null}
      {readOnly ? null : <AcmeAccountForm />}
    </section>
  );
}
