"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { EnableServicesInput, KeyChoice, RenewCertificateInput } from "@/lib/validations/certificate-wizards";
import { Notice } from "@/components/notice";
import { RequestResult } from "./request-result";
import { EmsOutput } from "./ems-output";
import { WizardButtons, WizardFrame } from "./wizard-frame";
import type { WizardServer } from "./new-certificate-wizard";

const STEPS = ["Subject and domains", "Key", "Save the request"] as const;
const SELF_SIGNED_STEPS = ["Subject and domains", "Key", "Completion"] as const;

type Renewed =
  | { kind: "request"; id: string; csrPem: string; domains: string[]; ems: string[] }
  | { kind: "selfSigned"; id: string; thumbprint: string; status: string; serverId: string; servicesToMove: string[]; ems: string[] };

/**
 * Renew Exchange Certificate: a new request with the same subject and SANs (editable) and a new key. A self-signed
 * certificate renews at once into a new self-signed certificate, and the wizard offers to move its services.
 */
export function RenewWizard({
  defaults,
  servers,
  action,
  moveServices,
}: {
  defaults: { id: string; subject: string; commonName: string; domains: string[]; friendlyName: string; key: KeyChoice; serverIds: string[]; isSelfSigned: boolean };
  servers: WizardServer[];
  action: (input: RenewCertificateInput) => Promise<ActionResult<Renewed>>;
  moveServices: (input: EnableServicesInput) => Promise<ActionResult<{ added: { server: string; service: string }[]; ems: string[] }>>;
}) {
  const [step, setStep] = useState(0);
  const [serverId, setServerId] = useState(defaults.serverIds[0] ?? servers[0]?.id ?? "");
  const [commonName, setCommonName] = useState(defaults.commonName);
  const [domains, setDomains] = useState(defaults.domains.join("\n"));
  const [friendlyName, setFriendlyName] = useState(defaults.friendlyName);
  const [key, setKey] = useState<KeyChoice>(defaults.key);
  const [exportable, setExportable] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Renewed | null>(null);
  const [moved, setMoved] = useState<{ ems: string[]; added: { server: string; service: string }[] } | null>(null);
  const [pending, start] = useTransition();
  const list = domains.split(/[\s,;]+/).filter(Boolean);
  const edited = commonName !== defaults.commonName || list.join(",") !== defaults.domains.join(",");

  function submit() {
    setError(null);
    start(async () => {
      const r = await action({ certificateId: defaults.id, serverId, friendlyName, key, exportable, ...(edited ? { commonName, domains: list } : {}) });
      if (!r.ok) return setError(r.fieldErrors ? `${r.message} ${Object.values(r.fieldErrors).join(" ")}` : r.message);
      setResult(r.data);
      setStep(2);
    });
  }

  function move(renewed: Extract<Renewed, { kind: "selfSigned" }>) {
    setError(null);
    start(async () => {
      const services = renewed.servicesToMove as EnableServicesInput["services"];
      const r = await moveServices({ certificateId: renewed.id, serverIds: [renewed.serverId], services, ...(services.includes("SMTP") ? { replaceDefaultSmtp: true } : {}) });
      if (!r.ok) return setError(r.message);
      setMoved(r.data);
    });
  }

  return (
    <WizardFrame title="Renew Exchange Certificate" steps={defaults.isSelfSigned ? SELF_SIGNED_STEPS : STEPS} current={step}>
      {defaults.isSelfSigned && step < 2 ? <p className="mb-2 text-sm text-slate-700">This certificate is self-signed: renewing it makes a new self-signed certificate at once, with the same subject and domains and a new key.</p> : null}
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
      {step === 2 && result?.kind === "request" ? <RequestResult id={result.id} csrPem={result.csrPem} fileName={`${(friendlyName || commonName).replace(/[^A-Za-z0-9._-]+/g, "_")}-renewal.req`} ems={result.ems} /> : null}
      {step === 2 && result?.kind === "selfSigned" ? (
        <div className="space-y-3 text-sm">
          <Notice kind="success" title="A new self-signed certificate was created.">
            Thumbprint {result.thumbprint}, status {result.status}: same subject and domains, a new key. <Link className="underline" href={`/certificates/${result.id}`}>Open its properties</Link>
          </Notice>
          <EmsOutput lines={result.ems} />
          {result.servicesToMove.length && !moved ? (
            <div className="rounded border border-slate-300 p-2" data-testid="move-services">
              <p>
                The old certificate is enabled for {result.servicesToMove.join(", ")}. Enable them on the new certificate?
                {result.servicesToMove.includes("SMTP") ? " (SMTP: the new certificate becomes the default SMTP certificate.)" : ""}
              </p>
              <button type="button" className="btn btn-primary mt-2" disabled={pending} onClick={() => move(result)}>
                Move services to the new certificate
              </button>
            </div>
          ) : null}
          {moved ? (
            <>
              <Notice kind="success" title="Services moved.">
                Enabled on the new certificate: {moved.added.map((a) => `${a.service} on ${a.server}`).join(", ") || "nothing new"}.
              </Notice>
              <EmsOutput lines={moved.ems} />
            </>
          ) : null}
        </div>
      ) : null}
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
