"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { KeyChoice, RenewCertificateInput } from "@/lib/validations/certificate-wizards";
import { Notice } from "@/components/notice";
import { RequestResult } from "./request-result";
import { WizardButtons, WizardFrame } from "./wizard-frame";
import type { WizardServer } from "./new-certificate-wizard";

const STEPS = ["Subject and domains", "Key", "Save the request"] as const;

/** Renew Exchange Certificate: a new request with the same subject and SANs (editable) and a new key. */
export function RenewWizard({
  defaults,
  servers,
  action,
}: {
  defaults: { id: string; subject: string; commonName: string; domains: string[]; friendlyName: string; key: KeyChoice; serverIds: string[] };
  servers: WizardServer[];
  action: (input: RenewCertificateInput) => Promise<ActionResult<{ id: string; csrPem: string; domains: string[] }>>;
}) {
  const [step, setStep] = useState(0);
  const [serverId, setServerId] = useState(defaults.serverIds[0] ?? servers[0]?.id ?? "");
  const [commonName, setCommonName] = useState(defaults.commonName);
  const [domains, setDomains] = useState(defaults.domains.join("\n"));
  const [friendlyName, setFriendlyName] = useState(defaults.friendlyName);
  const [key, setKey] = useState<KeyChoice>(defaults.key);
  const [exportable, setExportable] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ id: string; csrPem: string } | null>(null);
  const [pending, start] = useTransition();
  const list = domains.split(/[\s,;]+/).filter(Boolean);
  const edited = commonName !== defaults.commonName || list.join(",") !== defaults.domains.join(",");

  function submit() {
    setError(null);
    start(async () => {
      const r = await action({ certificateId: defaults.id, serverId, friendlyName, key, exportable, ...(edited ? { commonName, domains: list } : {}) });
      if (!r.ok) return setError(r.fieldErrors ? `${r.message} ${Object.values(r.fieldErrors).join(" ")}` : r.message);
      setResult({ id: r.data.id, csrPem: r.data.csrPem });
      setStep(2);
    });
  }

  return (
    <WizardFrame title="Renew Exchange Certificate" steps={STEPS} current={step}>
      {step === 0 ? (
        <div className="space-y-3 text-sm">
          <p className="text-slate-600">Same subject and domains as the certificate ({defaults.subject}); edit them if needed.</p>
          <label className="block">
            Server
            <select className="field mt-1 w-72" value={serverId} onChange={(e) => setServerId(e.target.value)}>
              {servers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            Friendly name
            <input className="field mt-1 w-96" value={friendlyName} onChange={(e) => setFriendlyName(e.target.value)} />
          </label>
          <label className="block">
            Common name
            <input className="field mt-1 w-96" value={commonName} onChange={(e) => setCommonName(e.target.value)} />
          </label>
          <label className="block">
            Domains (one per line)
            <textarea className="field mt-1 h-32 w-96 font-mono" value={domains} onChange={(e) => setDomains(e.target.value)} />
          </label>
        </div>
      ) : null}
      {step === 1 ? (
        <div className="space-y-3 text-sm">
          <label className="block">
            New key
            <select className="field mt-1 w-72" value={key} onChange={(e) => setKey(e.target.value as KeyChoice)}>
              <option value="RSA-2048">RSA 2048 bits</option>
              <option value="RSA-4096">RSA 4096 bits</option>
              <option value="EC-P256">ECDSA P-256</option>
              <option value="EC-P384">ECDSA P-384</option>
            </select>
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={exportable} onChange={(e) => setExportable(e.target.checked)} />
            Make private key exportable
          </label>
          <p className="text-xs text-slate-500">A renewal always gets a new key pair; the old certificate keeps working until you assign the new one.</p>
        </div>
      ) : null}
      {step === 2 && result ? <RequestResult id={result.id} csrPem={result.csrPem} fileName={`${(friendlyName || commonName).replace(/[^A-Za-z0-9._-]+/g, "_")}-renewal.req`} /> : null}
      {error ? (
        <div className="mt-3">
          <Notice kind="error">{error}</Notice>
        </div>
      ) : null}
      {step === 0 ? <WizardButtons onNext={() => setStep(1)} nextDisabled={!commonName || list.length === 0} /> : null}
      {step === 1 ? <WizardButtons onBack={() => setStep(0)} onNext={submit} nextLabel="Renew" busy={pending} /> : null}
    </WizardFrame>
  );
}
