"use client";

import { useState } from "react";
import Link from "next/link";
import { Notice } from "@/components/notice";
import { uploadForm } from "./client-io";
import { EmsOutput } from "./ems-output";
import { Progress, WizardButtons, WizardFrame } from "./wizard-frame";
import type { WizardServer } from "./new-certificate-wizard";

const STEPS = ["Choose the file", "Servers and options", "Completion"] as const;

interface Preview {
  format: string;
  certificate: { thumbprint: string; subject: string; issuer: string; notAfter: string; domains: string[] };
  hasPrivateKey: boolean;
  duplicate: { id: string; servers: { id: string; name: string }[] } | null;
  chain: { thumbprint: string; subject: string; isSelfSigned: boolean; suggestedStore: string }[];
}
interface Imported {
  id: string;
  thumbprint: string;
  status: string;
  servers: string[];
  ems?: string[];
}

/** Import Exchange Certificate: PFX/P12 (with password), P7B, CER/PEM; servers; key exportable; chain → trust stores. */
export function ImportWizard({ servers }: { servers: WizardServer[] }) {
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [exportable, setExportable] = useState(false);
  const [stores, setStores] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Imported | null>(null);

  const form = () => {
    const f = new FormData();
    f.set("file", file!);
    f.set("password", password);
    return f;
  };

  async function readFile() {
    if (!file) return setError("Choose a file to import.");
    setError(null);
    setProgress(0);
    const r = await uploadForm<Preview>("/api/v1/certificates/import?preview=1", form(), setProgress);
    setProgress(null);
    if (!r.ok) return setError(r.message);
    setPreview(r.data);
    setChosen(servers.filter((s) => !r.data.duplicate?.servers.some((d) => d.id === s.id)).slice(0, 1).map((s) => s.id));
    setStores(Object.fromEntries(r.data.chain.map((c) => [c.thumbprint, ""])));
    setStep(1);
  }

  async function runImport() {
    if (chosen.length === 0) return setError("Choose at least one server.");
    setError(null);
    const f = form();
    f.set("serverIds", JSON.stringify(chosen));
    f.set("exportable", JSON.stringify(exportable));
    f.set("trustStores", JSON.stringify(Object.entries(stores).filter(([, s]) => s).map(([thumbprint, store]) => ({ thumbprint, store }))));
    setProgress(0);
    const r = await uploadForm<Imported>("/api/v1/certificates/import", f, setProgress);
    setProgress(null);
    if (!r.ok) return setError(r.message);
    setDone(r.data);
    setStep(2);
  }

  return (
    <WizardFrame title="Import Exchange Certificate" steps={STEPS} current={step}>
      {step === 0 ? (
        <div className="space-y-3 text-sm">
          <label className="block">
            Certificate file (.pfx, .p12, .p7b, .cer, .crt, .pem)
            <input className="field mt-1 w-96" type="file" accept=".pfx,.p12,.p7b,.p7c,.cer,.crt,.pem,.der" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
          <label className="block">
            Password (PFX/P12 only)
            <input className="field mt-1 w-72" type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          {file ? <p className="text-xs text-slate-600">{file.name}: {file.size.toLocaleString()} bytes</p> : null}
        </div>
      ) : null}
      {step === 1 && preview ? (
        <div className="space-y-3 text-sm">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1" aria-label="Certificate in the file">
            <dt className="text-slate-600">Subject</dt>
            <dd>{preview.certificate.subject}</dd>
            <dt className="text-slate-600">Issuer</dt>
            <dd>{preview.certificate.issuer}</dd>
            <dt className="text-slate-600">Thumbprint</dt>
            <dd className="font-mono">{preview.certificate.thumbprint}</dd>
            <dt className="text-slate-600">Expires</dt>
            <dd>{preview.certificate.notAfter.slice(0, 10)}</dd>
            <dt className="text-slate-600">Private key</dt>
            <dd>{preview.hasPrivateKey ? "included" : "not in the file (the certificate alone is imported)"}</dd>
          </dl>
          {preview.duplicate ? (
            <Notice kind="warning" title="This certificate is already in the console">
              Same thumbprint, installed on {preview.duplicate.servers.map((s) => s.name).join(", ") || "no server"}. It can only be imported on other servers.
            </Notice>
          ) : null}
          <fieldset>
            <legend className="font-medium">Install on servers</legend>
            {servers.map((s) => (
              <label key={s.id} className="mr-4 inline-flex items-center gap-1">
                <input type="checkbox" checked={chosen.includes(s.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, s.id] : chosen.filter((x) => x !== s.id))} />
                {s.name}
              </label>
            ))}
          </fieldset>
          {preview.hasPrivateKey ? (
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={exportable} onChange={(e) => setExportable(e.target.checked)} />
              Mark private key exportable
            </label>
          ) : null}
          {preview.chain.length ? (
            <fieldset className="rounded border border-slate-200 p-2">
              <legend className="px-1 font-medium">CA certificates found in the file</legend>
              {preview.chain.map((c) => (
                <label key={c.thumbprint} className="flex items-center gap-2 py-0.5">
                  <select aria-label={`Trust store for ${c.subject}`} className="field" value={stores[c.thumbprint] ?? ""} onChange={(e) => setStores({ ...stores, [c.thumbprint]: e.target.value })}>
                    <option value="">Don&apos;t add to a trust store</option>
                    <option value="TrustedRoot">Trusted Root</option>
                    <option value="ThirdPartyRoot">Third-Party Root</option>
                    <option value="Intermediate">Intermediate</option>
                  </select>
                  <span>
                    {c.subject} {c.isSelfSigned ? "(root; suggested: Trusted Root)" : "(intermediate)"}
                  </span>
                </label>
              ))}
            </fieldset>
          ) : null}
        </div>
      ) : null}
      {step === 2 && done ? (
        <div className="space-y-3">
          <Notice kind="success" title="The certificate was imported.">
            Thumbprint {done.thumbprint} on {done.servers.join(", ")}; status {done.status}. <Link className="underline" href={`/certificates/${done.id}`}>Open its properties</Link>
          </Notice>
          <EmsOutput lines={done.ems} />
        </div>
      ) : null}
      {progress !== null ? <Progress label="Uploading" fraction={progress} /> : null}
      {error ? (
        <div className="mt-3">
          <Notice kind="error">{error}</Notice>
        </div>
      ) : null}
      {step === 0 ? <WizardButtons onNext={readFile} busy={progress !== null} /> : null}
      {step === 1 ? <WizardButtons onBack={() => setStep(0)} onNext={runImport} nextLabel="Import" busy={progress !== null} /> : null}
    </WizardFrame>
  );
}
