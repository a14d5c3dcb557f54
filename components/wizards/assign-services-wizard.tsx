"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { EnableServicesInput } from "@/lib/validations/certificate-wizards";
import { SERVICES, type Service } from "@/lib/validations/domain";
import { Notice } from "@/components/notice";
import { StatusBadge } from "@/components/status-badge";
import { WizardButtons, WizardFrame } from "./wizard-frame";
import { EmsOutput } from "./ems-output";

/** What the server says before anything is submitted (getAssignmentContext). */
export interface AssignmentContextView {
  certificate: { id: string; thumbprint: string; subject: string; status: string; statusReason: string };
  policy: "strict" | "warnButAllow";
  diagnosis: string;
  decision: { decision: "allow" } | { decision: "warn"; message: string } | { decision: "refuse"; code: string; message: string };
  isWildcard: boolean;
  servers: {
    id: string;
    name: string;
    role: string;
    hasPrivateKey: boolean;
    services: string[];
    defaultSmtp: { thumbprint: string; subject: string; notAfter: string } | null;
    isDefaultSmtp: boolean;
    /** Services the server's role does not run, with the reason (an Edge server runs SMTP only). */
    unavailable: { service: string; reason: string }[];
  }[];
}

type Result = {
  added: { server: string; service: string }[];
  alreadyAssigned: { server: string; service: string }[];
  acknowledged: boolean;
  replacedDefaultSmtp: string[];
  keptDefaultSmtp: string[];
  movedIis: { server: string; from: string }[];
  warnings: string[];
  ems: string[];
};

const STEPS = ["Servers and services", "Completion"] as const;
const POLICY_TEXT = {
  strict: "as in the Exchange 2010 EMC, a certificate whose revocation check failed cannot be assigned.",
  warnButAllow: "a certificate whose revocation check failed can be assigned after you acknowledge the warning; the acknowledgement is audited.",
};

/** Assign Services to Certificate: servers × services, additive, with the revocation policy in action. */
export function AssignServicesWizard({ context, action }: { context: AssignmentContextView; action: (input: EnableServicesInput) => Promise<ActionResult<Result>> }) {
  const [step, setStep] = useState(0);
  const [serverIds, setServerIds] = useState<string[]>(context.servers.slice(0, 1).map((s) => s.id));
  const [services, setServices] = useState<Service[]>([]);
  const [acknowledged, setAcknowledged] = useState(false);
  const [replaceSmtp, setReplaceSmtp] = useState<boolean | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [pending, start] = useTransition();
  const replacing = services.includes("SMTP") ? context.servers.filter((s) => serverIds.includes(s.id) && s.defaultSmtp) : [];
  const wildcardWarning = context.isWildcard && (services.includes("IMAP") || services.includes("POP"));
  const chosen = context.servers.filter((s) => serverIds.includes(s.id));
  // One rule for every role: a service is offered only when every chosen server runs it; the reason is shown.
  const unavailable = new Map<string, string[]>();
  for (const s of chosen) for (const u of s.unavailable) unavailable.set(u.service, [...(unavailable.get(u.service) ?? []), u.reason]);
  const iisMoves = services.includes("IIS") ? chosen.filter((s) => !s.services.includes("IIS")) : [];

  function submit() {
    setError(null);
    start(async () => {
      const r = await action({ certificateId: context.certificate.id, serverIds, services: services.filter((s) => !unavailable.has(s)), acknowledged, ...(replacing.length && replaceSmtp !== null ? { replaceDefaultSmtp: replaceSmtp } : {}) });
      if (r.ok) {
        setResult(r.data);
        setStep(1);
      } else setError({ code: r.code, message: r.fieldErrors ? `${r.message} ${Object.values(r.fieldErrors).join(" ")}` : r.message });
    });
  }

  return (
    <WizardFrame title="Assign Services to Certificate" steps={STEPS} current={step}>
      <div className={`mb-3 rounded border-2 px-3 py-2 text-sm ${context.policy === "strict" ? "border-slate-500 bg-slate-50" : "border-amber-400 bg-amber-50"}`} data-testid="policy-indicator">
        <strong>Revocation policy: {context.policy === "strict" ? "Strict" : "Warn but allow"}</strong> — {POLICY_TEXT[context.policy]} <Link className="underline" href="/settings">Change in Settings</Link>
      </div>
      <div className="mb-3 flex items-center gap-2 text-sm">
        <span>{context.certificate.subject}</span>
        <StatusBadge status={context.certificate.status} reason={context.certificate.statusReason} />
      </div>
      {step === 0 ? (
        <div className="space-y-3 text-sm">
          {context.decision.decision === "refuse" ? (
            <Notice kind="error" title="This certificate cannot be assigned">
              {context.decision.message}
            </Notice>
          ) : null}
          {context.decision.decision === "warn" ? (
            <Notice kind="warning" title="Warning: the revocation status could not be determined">
              {context.decision.message}
            </Notice>
          ) : null}
          {context.diagnosis && context.decision.decision !== "allow" ? (
            <p className="text-xs text-slate-700">
              <strong>Diagnosis:</strong> <span data-testid="diagnosis">{context.diagnosis}</span>
            </p>
          ) : null}
          <fieldset>
            <legend className="font-medium">Servers</legend>
            {context.servers.map((s) => (
              <label key={s.id} className="mr-4 inline-flex items-center gap-1">
                <input type="checkbox" checked={serverIds.includes(s.id)} onChange={(e) => setServerIds(e.target.checked ? [...serverIds, s.id] : serverIds.filter((x) => x !== s.id))} />
                {s.name} <span className="text-xs text-slate-500">(now: {s.services.join(", ") || "None"})</span>
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend className="font-medium">Services (added to those already assigned)</legend>
            {SERVICES.filter((s) => !unavailable.has(s)).map((s) => (
              <label key={s} className="mr-3 inline-flex items-center gap-1">
                <input type="checkbox" checked={services.includes(s)} onChange={(e) => setServices(e.target.checked ? [...services, s] : services.filter((x) => x !== s))} />
                {s === "IIS" ? "Internet Information Services (IIS)" : s === "SMTP" ? "Simple Mail Transfer Protocol (SMTP)" : s}
              </label>
            ))}
            {unavailable.size ? (
              <ul className="mt-1 list-disc pl-5 text-xs text-slate-600" data-testid="unavailable-services">
                {[...new Set([...unavailable.values()].flat())].map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            ) : null}
          </fieldset>
          {iisMoves.length ? (
            <p className="text-xs text-slate-700" data-testid="iis-moves">
              IIS has one HTTPS binding per server: enabling IIS moves it to this certificate, so the certificate that has IIS on {iisMoves.map((s) => s.name).join(", ")} now loses it there.
            </p>
          ) : null}
          {wildcardWarning ? <Notice kind="warning">This is a wildcard certificate. Exchange discourages wildcards for POP and IMAP: clients may see a name mismatch unless the POP/IMAP certificate name is set to a covered host.</Notice> : null}
          {replacing.length ? (
            <fieldset className="rounded border border-amber-300 bg-amber-50 p-2" data-testid="smtp-question">
              <legend className="px-1 font-medium">Overwrite the existing default SMTP certificate?</legend>
              <p className="text-xs">Current default on {replacing.map((s) => `${s.name}: ${s.defaultSmtp!.subject} (${s.defaultSmtp!.thumbprint})`).join("; ")}</p>
              <label className="mr-4 inline-flex items-center gap-1">
                <input type="radio" name="replace-smtp" checked={replaceSmtp === true} onChange={() => { setReplaceSmtp(true); setError(null); }} />
                Yes — this certificate becomes the default SMTP certificate
              </label>
              <label className="inline-flex items-center gap-1">
                <input type="radio" name="replace-smtp" checked={replaceSmtp === false} onChange={() => { setReplaceSmtp(false); setError(null); }} />
                No — enable SMTP and keep the current default
              </label>
            </fieldset>
          ) : null}
          {context.decision.decision === "warn" ? (
            <label className="flex items-start gap-2 rounded border border-amber-400 bg-amber-50 p-2">
              <input
                type="checkbox"
                checked={acknowledged}
                onChange={(e) => {
                  setAcknowledged(e.target.checked);
                  setError(null);
                }}
              />
              <span>I understand that the revocation status of this certificate could not be determined, and I want to assign it anyway.</span>
            </label>
          ) : null}
        </div>
      ) : null}
      {step === 1 && result ? (
        <div className="space-y-2">
          <Notice kind="success" title="Services assigned.">
            Added: {result.added.map((a) => `${a.service} on ${a.server}`).join(", ") || "nothing new"}.
            {result.alreadyAssigned.length ? ` Already assigned: ${result.alreadyAssigned.map((a) => `${a.service} on ${a.server}`).join(", ")}.` : ""}
            {result.replacedDefaultSmtp.length ? ` Default SMTP certificate replaced on ${result.replacedDefaultSmtp.join(", ")}.` : ""}
            {result.keptDefaultSmtp.length ? ` The existing default SMTP certificate was kept on ${result.keptDefaultSmtp.join(", ")}.` : ""}
            {result.movedIis.length ? ` IIS moved from ${result.movedIis.map((m) => `${m.from} on ${m.server}`).join(", ")}.` : ""}
            {result.acknowledged ? " The acknowledged revocation warning was recorded in the audit log." : ""}
          </Notice>
          {result.warnings.map((w) => (
            <Notice key={w} kind="warning">
              {w}
            </Notice>
          ))}
          <EmsOutput lines={result.ems} />
          <Link className="btn" href={`/certificates/${context.certificate.id}?tab=services`}>
            Back to the certificate
          </Link>
        </div>
      ) : null}
      {error ? (
        <div className="mt-3">
          <Notice kind="error" title={error.code === "ERR_REVOCATION_CHECK_FAILED" ? "The assignment was refused" : undefined}>
            {error.message}
          </Notice>
        </div>
      ) : null}
      {step === 0 ? <WizardButtons onNext={submit} nextLabel="Assign" busy={pending} nextDisabled={serverIds.length === 0 || services.filter((s) => !unavailable.has(s)).length === 0 || (replacing.length > 0 && replaceSmtp === null)} /> : null}
    </WizardFrame>
  );
}
