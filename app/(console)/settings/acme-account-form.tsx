"use client";

import { useState, useTransition } from "react";
import { Notice } from "@/components/notice";
import { TSIG_ALGORITHMS, type AcmeAccountInput } from "@/lib/validations/acme";
import { createAcmeAccountAction } from "./acme-actions";

const EMPTY = { name: "", directoryUrl: "", contactEmail: "", termsAccepted: false, directoryCaPem: "", eabKeyId: "", eabHmacKey: "", dnsUpdateServer: "", tsigKeyName: "", tsigAlgorithm: "hmac-sha256" as const, tsigSecret: "" };

/**
 * New ACME account: directory URL, contact, terms, External Account Binding and the RFC 2136 DNS server with its TSIG
 * key. The HMAC key and TSIG secret are sent once, stored sealed, and never shown back.
 */
export function AcmeAccountForm() {
  const [values, setValues] = useState<Required<AcmeAccountInput>>(EMPTY);
  const [result, setResult] = useState<{ kind: "success" | "error"; text: string; fields?: Record<string, string> } | null>(null);
  const [pending, start] = useTransition();
  const set = <K extends keyof AcmeAccountInput>(key: K, value: AcmeAccountInput[K]) => setValues((v) => ({ ...v, [key]: value }));
  const fieldError = (name: string) => (result?.fields?.[name] ? <span className="block text-xs text-red-700">{result.fields[name]}</span> : null);
  const text = (key: "name" | "directoryUrl" | "contactEmail" | "eabKeyId" | "dnsUpdateServer" | "tsigKeyName", label: string, extra: Record<string, string> = {}) => (
    <label className="block">
      {label}
      <input className="field mt-1 w-full" value={values[key]} onChange={(e) => set(key, e.target.value)} {...extra} />
      {fieldError(key)}
    </label>
  );

  function submit(event: React.FormEvent) {
    event.preventDefault();
    start(async () => {
      const r = await createAcmeAccountAction(values);
      if (r.ok) {
        setValues(EMPTY);
        setResult({ kind: "success", text: `The account "${r.data.name}" was registered with the CA.${r.data.termsOfService ? ` Terms of service: ${r.data.termsOfService}` : ""}` });
      } else setResult({ kind: "error", text: r.message, ...(r.fieldErrors ? { fields: r.fieldErrors } : {}) });
    });
  }

  return (
    <form onSubmit={submit} aria-label="New ACME account" className="mt-3 space-y-3 rounded border border-slate-200 bg-white p-4 text-sm">
      <h3 className="font-semibold">New ACME account</h3>
      <fieldset disabled={pending} className="grid grid-cols-2 gap-3">
        {text("name", "Account name", { placeholder: "Let's Encrypt (production)" })}
        {text("contactEmail", "Contact email", { type: "email", placeholder: "pki-team@contoso.com" })}
        <div className="col-span-2">{text("directoryUrl", "Directory URL", { placeholder: "https://acme-v02.api.letsencrypt.org/directory" })}</div>
        <label className="col-span-2 block">
          CA certificate for a private ACME CA (PEM, optional; trusted for this directory only)
          <textarea className="field mt-1 h-20 w-full font-mono text-xs" value={values.directoryCaPem} onChange={(e) => set("directoryCaPem", e.target.value)} />
          {fieldError("directoryCaPem")}
        </label>
        {text("eabKeyId", "External Account Binding key id (if the CA requires it)")}
        <label className="block">
          EAB HMAC key (stored sealed, never shown again)
          <input className="field mt-1 w-full" type="password" autoComplete="off" value={values.eabHmacKey} onChange={(e) => set("eabHmacKey", e.target.value)} />
          {fieldError("eabHmacKey")}
        </label>
        {text("dnsUpdateServer", "RFC 2136 DNS server (host:port, optional)", { placeholder: "ns1.contoso.com:53" })}
        {text("tsigKeyName", "TSIG key name")}
        <label className="block">
          TSIG algorithm
          <select className="field mt-1 w-full" value={values.tsigAlgorithm} onChange={(e) => set("tsigAlgorithm", e.target.value as (typeof TSIG_ALGORITHMS)[number])}>
            {TSIG_ALGORITHMS.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label className="block">
          TSIG secret (base64; stored sealed, never shown again)
          <input className="field mt-1 w-full" type="password" autoComplete="off" value={values.tsigSecret} onChange={(e) => set("tsigSecret", e.target.value)} />
          {fieldError("tsigSecret")}
        </label>
        <label className="col-span-2 flex items-center gap-2">
          <input type="checkbox" checked={values.termsAccepted} onChange={(e) => set("termsAccepted", e.target.checked)} />I accept the CA&apos;s terms of service
        </label>
      </fieldset>
      {result ? <Notice kind={result.kind}>{result.text}</Notice> : null}
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? "Registering…" : "Register account"}
      </button>
    </form>
  );
}
