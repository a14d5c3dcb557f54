"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { CopyButton } from "@/components/copy-button";
import { Notice } from "@/components/notice";
import type { WizardServer } from "./new-certificate-wizard";

/** An ACME account the wizard can issue from. */
export interface WizardAcmeAccount {
  id: string;
  name: string;
  directoryUrl: string;
  rfc2136: boolean;
  dnsUpdateServer: string;
}

/** The ACME path's own choices: account, DNS-01 solver, servers, renewal setting. */
export interface AcmeChoices {
  accountId: string;
  solver: "rfc2136" | "manual";
  nameServers: string;
  serverIds: string[];
  autoEnableServices: boolean;
}

/** The certificate an order produced, or the TXT records to publish. */
export type AcmeOutcome =
  | { status: "Issued"; certificate: { id: string; thumbprint: string; subject: string; notAfter: string; status: string; servers: string[] } }
  | { status: "AwaitingConfirmation"; acmeOrderId: string; records: Array<{ domain: string; name: string; value: string }> };

/** Step "ACME CA and servers" of the New Certificate wizard's ACME path. */
export function AcmeOptionsStep({ accounts, servers, value, onChange }: { accounts: WizardAcmeAccount[]; servers: WizardServer[]; value: AcmeChoices; onChange: (v: AcmeChoices) => void }) {
  const account = accounts.find((a) => a.id === value.accountId);
  return (
    <div className="space-y-3 text-sm">
      <label className="block">
        ACME account
        <select className="field mt-1 w-96" value={value.accountId} onChange={(e) => onChange({ ...value, accountId: e.target.value, solver: accounts.find((a) => a.id === e.target.value)?.rfc2136 ? value.solver : "manual" })}>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.directoryUrl})
            </option>
          ))}
        </select>
      </label>
      <fieldset className="rounded border border-slate-200 p-2">
        <legend className="px-1 text-xs font-semibold">DNS-01 challenge</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="acme-solver" checked={value.solver === "rfc2136"} disabled={!account?.rfc2136} onChange={() => onChange({ ...value, solver: "rfc2136" })} />
          RFC 2136 dynamic update{account?.rfc2136 ? ` via ${account.dnsUpdateServer} (TSIG)` : " (this account has no DNS server and TSIG key)"}
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="acme-solver" checked={value.solver === "manual"} onChange={() => onChange({ ...value, solver: "manual" })} />
          Manual: show me the TXT records to create
        </label>
        {value.solver === "manual" ? (
          <label className="mt-2 block">
            Name servers to check before the CA validates (optional; default: the zone&apos;s authoritative servers)
            <input className="field mt-1 w-96" value={value.nameServers} onChange={(e) => onChange({ ...value, nameServers: e.target.value })} placeholder="ns1.contoso.com, 192.0.2.53:53" />
          </label>
        ) : null}
      </fieldset>
      <fieldset className="rounded border border-slate-200 p-2">
        <legend className="px-1 text-xs font-semibold">Install on servers</legend>
        {servers.map((s) => (
          <label key={s.id} className="mr-4 inline-flex items-center gap-2">
            <input type="checkbox" checked={value.serverIds.includes(s.id)} onChange={(e) => onChange({ ...value, serverIds: e.target.checked ? [...value.serverIds, s.id] : value.serverIds.filter((x) => x !== s.id) })} />
            {s.name}
          </label>
        ))}
      </fieldset>
      <fieldset className="rounded border border-slate-200 p-2">
        <legend className="px-1 text-xs font-semibold">When it is renewed</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="acme-renewal" checked={!value.autoEnableServices} onChange={() => onChange({ ...value, autoEnableServices: false })} />
          Wait for my approval before moving services to the renewed certificate
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="acme-renewal" checked={value.autoEnableServices} onChange={() => onChange({ ...value, autoEnableServices: true })} />
          Renew automatically: move the services to the renewed certificate at once (audited)
        </label>
      </fieldset>
    </div>
  );
}

/** The ACME path's last page: the issued certificate, or the TXT records with "I have created them". */
export function AcmeResult({ outcome, confirm }: { outcome: AcmeOutcome; confirm: (input: { acmeOrderId: string }) => Promise<ActionResult<AcmeOutcome>> }) {
  const [current, setCurrent] = useState(outcome);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [pending, start] = useTransition();
  if (current.status === "Issued") {
    const c = current.certificate;
    return (
      <div className="space-y-3 text-sm">
        <Notice kind="success" title="The CA issued the certificate; it is installed on the chosen servers.">
          <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3">
            <dt>Thumbprint</dt>
            <dd className="font-mono" data-testid="acme-thumbprint">{c.thumbprint}</dd>
            <dt>Subject</dt>
            <dd>{c.subject}</dd>
            <dt>Expires</dt>
            <dd>{c.notAfter.slice(0, 10)}</dd>
            <dt>Servers</dt>
            <dd>{c.servers.join(", ")}</dd>
            <dt>Status</dt>
            <dd>{c.status}</dd>
          </dl>
        </Notice>
        <div className="flex gap-2">
          <Link className="btn btn-primary" href={`/certificates/${c.id}/assign`}>
            Assign services
          </Link>
          <Link className="btn" href={`/certificates/${c.id}`}>
            Properties
          </Link>
        </div>
      </div>
    );
  }
  const orderId = current.acmeOrderId;
  return (
    <div className="space-y-3 text-sm">
      <Notice kind="info" title="Create these TXT records in your DNS, then confirm.">
        The console asks the zone&apos;s authoritative name servers before it tells the CA to validate, so the order does not fail on a record that has not propagated yet.
      </Notice>
      <table className="table-dense w-full" aria-label="TXT records to create">
        <thead>
          <tr>
            <th>Name</th>
            <th>Type</th>
            <th>Value</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {current.records.map((r) => (
            <tr key={`${r.name}/${r.value}`}>
              <td className="font-mono">{r.name}</td>
              <td>TXT</td>
              <td className="font-mono [overflow-wrap:anywhere]">{r.value}</td>
              <td>
                <CopyButton text={r.value} label="Copy" what="TXT value" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error ? (
        <Notice kind={error.code === "ERR_ACME_DNS_NOT_PROPAGATED" ? "warning" : "error"} title={error.code === "ERR_ACME_DNS_NOT_PROPAGATED" ? "Not visible yet: the CA was not asked." : "The CA refused: nothing was installed."}>
          {error.message}
        </Notice>
      ) : null}
      <button
        type="button"
        className="btn btn-primary"
        disabled={pending || (error !== null && error.code !== "ERR_ACME_DNS_NOT_PROPAGATED")}
        onClick={() =>
          start(async () => {
            const r = await confirm({ acmeOrderId: orderId });
            if (r.ok) {
              setError(null);
              setCurrent(r.data);
            } else setError({ code: r.code, message: r.message });
          })
        }
      >
        {pending ? "Checking…" : "I have created them"}
      </button>
    </div>
  );
}
