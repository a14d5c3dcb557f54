"use client";

import { useState } from "react";
import Link from "next/link";
import { Notice } from "@/components/notice";
import { uploadForm } from "./client-io";
import { EmsOutput } from "./ems-output";
import { Progress, WizardButtons, WizardFrame } from "./wizard-frame";

const STEPS = ["Choose the CA's answer", "Completion"] as const;

/** Complete Pending Request: upload the CA's answer; it is paired with the stored key by public key. */
export function CompleteRequestWizard({ requestId }: { requestId: string }) {
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ id: string; thumbprint: string; status: string; server: string; ems?: string[] } | null>(null);
  async function complete() {
    if (!file) return setError("Choose the file the certification authority returned.");
    setError(null);
    const form = new FormData();
    form.set("file", file);
    setProgress(0);
    const r = await uploadForm<{ id: string; thumbprint: string; status: string; server: string; ems?: string[] }>(`/api/v1/certificate-requests/${encodeURIComponent(requestId)}/complete`, form, setProgress);
    setProgress(null);
    if (!r.ok) return setError(r.message);
    setDone(r.data);
    setStep(1);
  }
  return (
    <WizardFrame title="Complete Pending Request" steps={STEPS} current={step}>
      {step === 0 ? (
        <label className="block text-sm">
          The CA&apos;s answer (.cer, .crt, .pem, .p7b)
          <input className="field mt-1 w-96" type="file" accept=".cer,.crt,.pem,.p7b,.p7c,.der" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
      ) : null}
      {step === 1 && done ? (
        <div className="space-y-3">
          <Notice kind="success" title="The pending request was completed.">
            Certificate {done.thumbprint} is installed on {done.server} with its private key; status {done.status}. <Link className="underline" href={`/certificates/${done.id}`}>Open its properties</Link>
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
      {step === 0 ? <WizardButtons onNext={complete} nextLabel="Complete" busy={progress !== null} /> : null}
    </WizardFrame>
  );
}
