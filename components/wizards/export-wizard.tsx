"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { ExportCertificateInput } from "@/lib/validations/certificate-wizards";
import { EmsOutput } from "./ems-output";
import { Notice } from "@/components/notice";
import { downloadFile, fromBase64 } from "./client-io";
import { WizardButtons, WizardFrame } from "./wizard-frame";

const STEPS = ["Password and encryption", "Completion"] as const;

/** A rough strength hint (length and character classes); the server only enforces 8 characters. */
function strength(p: string): { label: string; color: string } {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;
  if (p.length < 8) return { label: "too short (8 characters at least)", color: "text-red-700" };
  if (p.length >= 14 && classes >= 3) return { label: "strong", color: "text-green-700" };
  if (p.length >= 10 && classes >= 2) return { label: "fair", color: "text-amber-700" };
  return { label: "weak", color: "text-red-700" };
}

/** Export Exchange Certificate: a PFX with a password (twice) and the encryption choice. */
export function ExportWizard({ certificate, action }: { certificate: { id: string; thumbprint: string; subject: string; exportable: boolean | null }; action: (input: ExportCertificateInput) => Promise<ActionResult<{ fileName: string; pfxBase64: string; ems?: string[] }>> }) {
  const [step, setStep] = useState(0);
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [encryption, setEncryption] = useState<"aes256" | "tripleDesSha1">("aes256");
  const [includeChain, setIncludeChain] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [fileName, setFileName] = useState("");
  const [ems, setEms] = useState<string[]>([]);
  const [pending, start] = useTransition();
  const s = strength(password);

  function submit() {
    setError(null);
    if (password !== again) return setError("The two passwords differ.");
    start(async () => {
      const r = await action({ certificateId: certificate.id, password, encryption, includeChain });
      if (!r.ok) return setError(r.fieldErrors ? Object.values(r.fieldErrors).join(" ") : r.message);
      downloadFile(r.data.fileName, fromBase64(r.data.pfxBase64), "application/x-pkcs12");
      setFileName(r.data.fileName);
      setEms(r.data.ems ?? []);
      setPassword("");
      setAgain("");
      setStep(1);
    });
  }

  return (
    <WizardFrame title="Export Exchange Certificate" steps={STEPS} current={step}>
      <p className="mb-3 text-sm">
        {certificate.subject} <span className="font-mono text-xs text-slate-500">{certificate.thumbprint}</span>
      </p>
      {step === 0 ? (
        <div className="space-y-3 text-sm">
          {certificate.exportable === false ? <Notice kind="warning">The console records this key as not exportable: the export will be refused.</Notice> : null}
          <label className="block">
            Password
            <input className="field mt-1 w-72" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          {password ? <p className={`text-xs ${s.color}`} data-testid="password-strength">Strength: {s.label}</p> : null}
          <label className="block">
            Confirm password
            <input className="field mt-1 w-72" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
          </label>
          <fieldset>
            <legend className="font-medium">Encryption</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="enc" checked={encryption === "aes256"} onChange={() => setEncryption("aes256")} />
              AES-256 with SHA-256 (Windows Server 2019 and later)
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="enc" checked={encryption === "tripleDesSha1"} onChange={() => setEncryption("tripleDesSha1")} />
              TripleDES-SHA1 (compatible: Windows Server 2016 and earlier, Exchange 2010–2016)
            </label>
          </fieldset>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={includeChain} onChange={(e) => setIncludeChain(e.target.checked)} />
            Include the CA certificates of the chain
          </label>
        </div>
      ) : (
        <div className="space-y-3">
          <Notice kind="success" title="The certificate was exported.">
            {fileName} was downloaded. The export is recorded in the audit log (without the password). <Link className="underline" href={`/certificates/${certificate.id}`}>Back to the certificate</Link>
          </Notice>
          <EmsOutput lines={ems} />
        </div>
      )}
      {error ? (
        <div className="mt-3">
          <Notice kind="error">{error}</Notice>
        </div>
      ) : null}
      {step === 0 ? <WizardButtons onNext={submit} nextLabel="Export" busy={pending} nextDisabled={!password || !again} /> : null}
    </WizardFrame>
  );
}
