"use client";

import Link from "next/link";
import { useMemo, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { scopeCertificateDomains } from "@/lib/pki/exchange/domain-scoping";
import { findDomainNameProblem } from "@/lib/pki/name/domain-name";
import type { KeyChoice, NewCertificateRequestInput } from "@/lib/validations/certificate-wizards";
import { Notice } from "@/components/notice";
import { WizardButtons, WizardFrame } from "./wizard-frame";
import { RequestResult } from "./request-result";
import { AcmeOptionsStep, AcmeResult, type AcmeChoices, type AcmeOutcome, type WizardAcmeAccount } from "./acme-issue-parts";

const STEPS = ["Introduction", "Domain scope", "Exchange configuration", "Certificate domains", "Organization and location", "Key", "Review", "Save the request"] as const;
/** The third path: the same domain-scoping pages, then the ACME CA, its DNS-01 solver and the servers instead of the organization. */
const ACME_STEPS = ["Introduction", "Domain scope", "Exchange configuration", "Certificate domains", "ACME CA and servers", "Key", "Review", "Issue"] as const;

/** The server actions of the ACME path. */
export interface AcmeWizardActions {
  issue: (input: { accountId: string; serverIds: string[]; friendlyName: string; commonName: string; domains: string[]; key: KeyChoice; exportable: boolean; solver: "rfc2136" | "manual"; nameServers?: string[]; autoEnableServices: boolean }) => Promise<ActionResult<AcmeOutcome>>;
  confirm: (input: { acmeOrderId: string }) => Promise<ActionResult<AcmeOutcome>>;
}

type ServiceKey = "owa" | "activeSync" | "outlookAnywhere" | "oab" | "pop" | "imap" | "um" | "hubTransport";
interface ServiceRow {
  key: ServiceKey;
  label: string;
  enabled: boolean;
  internal: string;
  external: string;
}

/** A server the request can be made on. */
export interface WizardServer {
  id: string;
  name: string;
  fqdn: string;
  /** Mailbox | ClientAccess | Edge: decides which services the server runs. */
  role?: string;
}

type Scoping = NonNullable<NewCertificateRequestInput["scoping"]>;

const split = (text: string) => text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);

/** The Exchange configuration page prefilled from the accepted domain and the server FQDN, as the EMC does. */
function defaultRows(fqdn: string, acceptedDomain: string): ServiceRow[] {
  return [
    { key: "owa", label: "Outlook Web App", enabled: true, internal: fqdn, external: `mail.${acceptedDomain}` },
    { key: "activeSync", label: "Exchange ActiveSync", enabled: true, internal: "", external: `mail.${acceptedDomain}` },
    { key: "outlookAnywhere", label: "Outlook Anywhere", enabled: true, internal: "", external: `mail.${acceptedDomain}` },
    { key: "oab", label: "Offline Address Book", enabled: true, internal: fqdn, external: "" },
    { key: "pop", label: "POP", enabled: false, internal: fqdn, external: `pop.${acceptedDomain}` },
    { key: "imap", label: "IMAP", enabled: false, internal: fqdn, external: `imap.${acceptedDomain}` },
    { key: "um", label: "Unified Messaging", enabled: false, internal: fqdn, external: "" },
    { key: "hubTransport", label: "Hub Transport (SMTP)", enabled: false, internal: fqdn, external: `smtp.${acceptedDomain}` },
  ];
}

/**
 * The New Exchange Certificate wizard (EMC 2010), ending in a stored pending request and its `.req`; or, on its third
 * path, a certificate issued by an ACME CA and installed on the chosen servers.
 */
export function NewCertificateWizard({
  servers,
  acceptedDomain,
  action,
  acmeAccounts = [],
  acmeActions,
}: {
  servers: WizardServer[];
  acceptedDomain: string;
  action: (input: NewCertificateRequestInput) => Promise<ActionResult<{ id: string; csrPem: string; subject: string; domains: string[]; warnings: string[]; ems: string[] }>>;
  acmeAccounts?: WizardAcmeAccount[];
  acmeActions?: AcmeWizardActions;
}) {
  const [step, setStep] = useState(0);
  const [path, setPath] = useState<"request" | "acme">("request");
  const acme = path === "acme";
  const [acmeChoices, setAcmeChoices] = useState<AcmeChoices>(() => ({ accountId: acmeAccounts[0]?.id ?? "", solver: acmeAccounts[0]?.rfc2136 ? "rfc2136" : "manual", nameServers: "", serverIds: servers[0] ? [servers[0].id] : [], autoEnableServices: false }));
  const [acmeOutcome, setAcmeOutcome] = useState<AcmeOutcome | null>(null);
  const [serverId, setServerId] = useState(servers[0]?.id ?? "");
  const fqdn = servers.find((s) => s.id === serverId)?.fqdn ?? `server.${acceptedDomain}`;
  const [friendlyName, setFriendlyName] = useState("");
  const [wildcard, setWildcard] = useState(false);
  const [rootDomain, setRootDomain] = useState(acceptedDomain);
  const [rows, setRows] = useState<ServiceRow[]>(() => defaultRows(fqdn, acceptedDomain));
  const [rowsEdited, setRowsEdited] = useState(false);
  const [autodiscoverLong, setAutodiscoverLong] = useState(true);
  const [autodiscoverShort, setAutodiscoverShort] = useState(false);
  const [legacy, setLegacy] = useState({ enabled: false, host: `legacy.${acceptedDomain}` });
  const [domains, setDomains] = useState<string[]>([]);
  /** Names added by hand on the Certificate domains page: kept when the list is recomputed. */
  const [manual, setManual] = useState<string[]>([]);
  /** Names entered for services that the wildcard covers, so they are not listed separately (shown, never dropped silently). */
  const [covered, setCovered] = useState<string[]>([]);
  const [commonName, setCommonName] = useState("");
  const [newDomain, setNewDomain] = useState("");
  const [org, setOrg] = useState({ organization: "", organizationalUnit: "", locality: "", state: "", country: "" });
  const [key, setKey] = useState<KeyChoice>("RSA-2048");
  const [exportable, setExportable] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [result, setResult] = useState<{ id: string; csrPem: string; ems: string[] } | null>(null);
  const [pending, start] = useTransition();

  const answers = useMemo<Scoping>(() => {
    const a: Scoping = { rootDomain: rootDomain.trim() || acceptedDomain, wildcard, autodiscover: { longForm: autodiscoverLong, shortForm: autodiscoverShort } };
    for (const r of rows) if (r.enabled) a[r.key] = { internal: split(r.internal), external: split(r.external) };
    if (legacy.enabled && legacy.host.trim()) a.legacyHost = legacy.host.trim();
    return a;
  }, [rows, rootDomain, wildcard, autodiscoverLong, autodiscoverShort, legacy, acceptedDomain]);

  function next() {
    setError(null);
    if (step === 0 && !friendlyName.trim()) return setError("Give the certificate a friendly name.");
    if (step === 0 && friendlyName.trim().length >= 64) return setError("The friendly name must be fewer than 64 characters.");
    if (step === 0 && !rowsEdited) setRows(defaultRows(fqdn, acceptedDomain));
    // The ACME path installs on the wizard's server unless more were chosen.
    if (step === 0 && acme) setAcmeChoices((c) => (c.serverIds.length <= 1 ? { ...c, serverIds: [serverId] } : c));
    if (step === 2 || (step === 1 && wildcard)) {
      // A wildcard skips the per-service host names page, as the EMC does; names already entered there are kept.
      const a: Scoping = step === 1 && !rowsEdited ? { rootDomain: answers.rootDomain, wildcard, autodiscover: answers.autodiscover, ...(answers.legacyHost ? { legacyHost: answers.legacyHost } : {}) } : answers;
      try {
        const scope = scopeCertificateDomains(a);
        const entered = step === 1 && !rowsEdited ? [] : rows.filter((r) => r.enabled).flatMap((r) => [...split(r.internal), ...split(r.external)]).map((n) => n.toLowerCase());
        setCovered([...new Set(entered.filter((n) => !scope.domains.includes(n)))]);
        setDomains([...scope.domains, ...manual.filter((m) => !scope.domains.includes(m))]);
        setCommonName(scope.commonName);
        setWarnings(scope.warnings);
      } catch (e) {
        return setError((e as Error).message);
      }
      if (step === 1) return setStep(3);
    }
    if (step === 3 && domains.length === 0) return setError("Add at least one domain.");
    if (step === 4 && acme && !acmeChoices.accountId) return setError("Choose the ACME account.");
    if (step === 4 && acme && acmeChoices.serverIds.length === 0) return setError("Choose at least one server to install the certificate on.");
    if (step === 4 && !acme && org.country && !/^[A-Za-z]{2}$/.test(org.country)) return setError("Use the two-letter country code, e.g. US.");
    setStep(step + 1);
  }

  function addDomain() {
    const d = newDomain.trim().toLowerCase();
    const problem = findDomainNameProblem(d);
    if (problem) return setError(problem);
    if (!domains.includes(d)) setDomains([...domains, d]);
    if (!manual.includes(d)) setManual([...manual, d]);
    setNewDomain("");
    setError(null);
  }

  function create() {
    setError(null);
    if (acme && acmeActions) {
      return start(async () => {
        const r = await acmeActions.issue({
          accountId: acmeChoices.accountId,
          serverIds: acmeChoices.serverIds,
          friendlyName: friendlyName.trim(),
          commonName,
          domains: [commonName, ...domains.filter((d) => d !== commonName)],
          key,
          exportable,
          solver: acmeChoices.solver,
          ...(acmeChoices.nameServers.trim() ? { nameServers: split(acmeChoices.nameServers) } : {}),
          autoEnableServices: acmeChoices.autoEnableServices,
        });
        if (r.ok) {
          setAcmeOutcome(r.data);
          setStep(7);
        } else setError(r.code.startsWith("ERR_ACME_") || r.code.startsWith("ERR_DNS_") ? `${r.message} Nothing was installed.` : r.message);
      });
    }
    start(async () => {
      const r = await action({ serverId, friendlyName: friendlyName.trim(), commonName, domains: [commonName, ...domains.filter((d) => d !== commonName)], organization: org, key, exportable, scoping: answers });
      if (r.ok) {
        setResult({ id: r.data.id, csrPem: r.data.csrPem, ems: r.data.ems });
        setWarnings(r.data.warnings);
        setStep(7);
      } else setError(r.fieldErrors ? `${r.message} ${Object.entries(r.fieldErrors).map(([k, v]) => `${k}: ${v}`).join("; ")}` : r.message);
    });
  }

  const setRow = (i: number, patch: Partial<ServiceRow>) => {
    setRowsEdited(true);
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };

  return (
    <WizardFrame title="New Exchange Certificate" steps={acme ? ACME_STEPS : STEPS} current={step}>
      {step === 0 ? (
        <div className="space-y-3">
          <fieldset className="rounded border border-slate-200 p-2 text-sm">
            <legend className="px-1 text-xs font-semibold">How will the certificate be issued?</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="issue-path" checked={!acme} onChange={() => setPath("request")} />
              Request from a CA: save a request to send to the certification authority
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="issue-path" checked={acme} disabled={acmeAccounts.length === 0 || !acmeActions} onChange={() => setPath("acme")} />
              Issue from an ACME CA{acmeAccounts.length === 0 ? " (no ACME CA is configured: add one in Settings → Certificate authorities)" : ""}
            </label>
            <p className="mt-1 text-xs text-slate-600">
              Or create a <Link className="underline" href="/certificates/self-signed">self-signed certificate</Link>.
            </p>
          </fieldset>
          <p className="text-sm text-slate-600">{acme ? "The console generates the key and keeps it sealed, orders the certificate from the ACME CA, answers its DNS-01 challenge and installs the result on the servers you choose." : "This wizard creates a certificate request (PKCS#10) to send to a certification authority. The private key stays in the console, sealed."}</p>
          <label className="block text-sm">
            Server
            <select className="field mt-1 w-72" value={serverId} onChange={(e) => setServerId(e.target.value)}>
              {servers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.fqdn})
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm">
            Friendly name
            <input className="field mt-1 w-96" value={friendlyName} onChange={(e) => setFriendlyName(e.target.value)} maxLength={80} placeholder="Contoso mail 2027" />
          </label>
        </div>
      ) : null}
      {step === 1 ? (
        <div className="space-y-3">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={wildcard} onChange={(e) => setWildcard(e.target.checked)} />
            Enable wildcard certificate
          </label>
          <label className="block text-sm">
            Root domain
            <input className="field mt-1 w-72" value={rootDomain} onChange={(e) => setRootDomain(e.target.value)} />
          </label>
          <p className="text-xs text-slate-500">A wildcard (*.{rootDomain || acceptedDomain}) covers every host one level below the root domain. Exchange discourages wildcards for POP and IMAP.</p>
        </div>
      ) : null}
      {step === 2 ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-600">Host names per service, prefilled from the accepted domain {acceptedDomain} and the server FQDN {fqdn}. Separate several names with commas.</p>
          <table className="table-dense w-full text-sm">
            <thead>
              <tr>
                <th>Service</th>
                <th>Internal host names</th>
                <th>External host names</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.key}>
                  <td>
                    <label className="flex items-center gap-2">
                      <input type="checkbox" checked={r.enabled} onChange={(e) => setRow(i, { enabled: e.target.checked })} />
                      {r.label}
                    </label>
                  </td>
                  <td>
                    <input aria-label={`${r.label} internal host names`} className="field w-full" disabled={!r.enabled} value={r.internal} onChange={(e) => setRow(i, { internal: e.target.value })} />
                  </td>
                  <td>
                    <input aria-label={`${r.label} external host names`} className="field w-full" disabled={!r.enabled} value={r.external} onChange={(e) => setRow(i, { external: e.target.value })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <fieldset className="rounded border border-slate-200 p-2 text-sm">
            <legend className="px-1 text-xs font-semibold">Autodiscover</legend>
            <label className="mr-4 inline-flex items-center gap-2">
              <input type="checkbox" checked={autodiscoverLong} onChange={(e) => setAutodiscoverLong(e.target.checked)} />
              Long URL form (autodiscover.{rootDomain || acceptedDomain})
            </label>
            <label className="inline-flex items-center gap-2">
              <input type="checkbox" checked={autodiscoverShort} onChange={(e) => setAutodiscoverShort(e.target.checked)} />
              Short URL form ({rootDomain || acceptedDomain})
            </label>
          </fieldset>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={legacy.enabled} onChange={(e) => setLegacy({ ...legacy, enabled: e.target.checked })} />
            Legacy Exchange host (coexistence)
            <input aria-label="Legacy host name" className="field w-64" disabled={!legacy.enabled} value={legacy.host} onChange={(e) => setLegacy({ ...legacy, host: e.target.value })} />
          </label>
        </div>
      ) : null}
      {step === 3 ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-600">The certificate will carry these names. Choose the common name; add or remove names.</p>
          {wildcard ? <p className="text-sm text-slate-600">With a wildcard the per-service host names page is skipped, as in the EMC. Add any other name here.</p> : null}
          {covered.length ? (
            <Notice kind="info" title={`Covered by the wildcard *.${rootDomain.trim() || acceptedDomain}, so not listed separately:`}>
              <span className="font-mono" data-testid="covered-names">{covered.join(", ")}</span>
            </Notice>
          ) : null}
          <table className="table-dense w-full text-sm" aria-label="Certificate domains">
            <thead>
              <tr>
                <th>Domain</th>
                <th>Common name</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {domains.map((d) => (
                <tr key={d}>
                  <td className="font-mono">{d}</td>
                  <td>
                    <input type="radio" name="cn" aria-label={`Set ${d} as common name`} checked={commonName === d} onChange={() => setCommonName(d)} />
                  </td>
                  <td>
                    <button type="button" className="text-xs text-red-700 underline" aria-label={`Remove ${d}`} onClick={() => {
                      const rest = domains.filter((x) => x !== d);
                      setDomains(rest);
                      setManual(manual.filter((x) => x !== d));
                      if (commonName === d) setCommonName(rest[0] ?? "");
                    }}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="flex items-end gap-2">
            <label className="text-sm">
              Add a domain
              <input className="field mt-1 w-72" value={newDomain} onChange={(e) => setNewDomain(e.target.value)} onKeyDown={(e) => (e.key === "Enter" ? (e.preventDefault(), addDomain()) : undefined)} />
            </label>
            <button type="button" className="btn" onClick={addDomain}>
              Add
            </button>
          </div>
          {warnings.map((w) => (
            <Notice key={w} kind="warning">
              {w}
            </Notice>
          ))}
        </div>
      ) : null}
      {step === 4 && acme ? <AcmeOptionsStep accounts={acmeAccounts} servers={servers} value={acmeChoices} onChange={setAcmeChoices} /> : null}
      {step === 4 && !acme ? (
        <div className="grid max-w-xl grid-cols-2 gap-3 text-sm">
          {(
            [
              ["organization", "Organization"],
              ["organizationalUnit", "Organization unit"],
              ["country", "Country/region (two letters)"],
              ["state", "State/province"],
              ["locality", "City/locality"],
            ] as const
          ).map(([k, label]) => (
            <label key={k} className="block">
              {label}
              <input className="field mt-1 w-full" value={org[k]} onChange={(e) => setOrg({ ...org, [k]: e.target.value })} />
            </label>
          ))}
        </div>
      ) : null}
      {step === 5 ? (
        <div className="space-y-3 text-sm">
          <label className="block">
            Key
            <select className="field mt-1 w-72" value={key} onChange={(e) => setKey(e.target.value as KeyChoice)}>
              <option value="RSA-2048">RSA 2048 bits (default)</option>
              <option value="RSA-4096">RSA 4096 bits</option>
              <option value="EC-P256">ECDSA P-256</option>
              <option value="EC-P384">ECDSA P-384</option>
            </select>
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={exportable} onChange={(e) => setExportable(e.target.checked)} />
            Make private key exportable
          </label>
          <p className="text-xs text-slate-500">Requests made in the console have exportable keys by default, as in the EMC (the shell&apos;s default is not exportable).</p>
        </div>
      ) : null}
      {step === 6 ? (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm" aria-label="Request summary">
          <dt className="text-slate-600">Server</dt>
          <dd>{servers.find((s) => s.id === serverId)?.name}</dd>
          <dt className="text-slate-600">Friendly name</dt>
          <dd>{friendlyName}</dd>
          <dt className="text-slate-600">Common name</dt>
          <dd className="font-mono">{commonName}</dd>
          <dt className="text-slate-600">Domains</dt>
          <dd className="font-mono">{domains.join(", ")}</dd>
          {acme ? (
            <>
              <dt className="text-slate-600">ACME account</dt>
              <dd>{acmeAccounts.find((a) => a.id === acmeChoices.accountId)?.name}</dd>
              <dt className="text-slate-600">DNS-01</dt>
              <dd>{acmeChoices.solver === "rfc2136" ? "RFC 2136 dynamic update" : "manual TXT records"}</dd>
              <dt className="text-slate-600">Install on</dt>
              <dd>{servers.filter((s) => acmeChoices.serverIds.includes(s.id)).map((s) => s.name).join(", ")}</dd>
              <dt className="text-slate-600">When renewed</dt>
              <dd>{acmeChoices.autoEnableServices ? "move the services automatically" : "wait for approval"}</dd>
            </>
          ) : (
            <>
              <dt className="text-slate-600">Organization</dt>
              <dd>{[org.organization, org.organizationalUnit, org.locality, org.state, org.country].filter(Boolean).join(", ") || "—"}</dd>
            </>
          )}
          <dt className="text-slate-600">Key</dt>
          <dd>
            {key}, {exportable ? "exportable" : "not exportable"}
          </dd>
        </dl>
      ) : null}
      {step === 7 && acme && acmeOutcome && acmeActions ? <AcmeResult outcome={acmeOutcome} confirm={acmeActions.confirm} /> : null}
      {step === 7 && !acme && result ? <RequestResult id={result.id} csrPem={result.csrPem} fileName={`${friendlyName.trim().replace(/[^A-Za-z0-9._-]+/g, "_") || "request"}.req`} warnings={warnings} ems={result.ems} /> : null}
      {error ? (
        <div className="mt-3">
          <Notice kind="error">{error}</Notice>
        </div>
      ) : null}
      {step < 6 ? <WizardButtons onBack={step > 0 ? () => setStep(step === 3 && wildcard ? 1 : step - 1) : undefined} onNext={next} /> : null}
      {step === 6 ? <WizardButtons onBack={() => setStep(5)} onNext={create} nextLabel={acme ? "Issue" : "New"} busy={pending} /> : null}
    </WizardFrame>
  );
}
