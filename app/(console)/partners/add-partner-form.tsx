"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Notice } from "@/components/notice";
import { ProbeTargetFields } from "@/components/probe-target-fields";
import { addPartnerHostAction } from "./actions";

/** Admin form: add a partner mail host to the domain-secured list. */
export function AddPartnerForm() {
  const router = useRouter();
  const [values, setValues] = useState({ domain: "", host: "", port: "25", starttls: "smtp" });
  const [result, setResult] = useState<{
    kind: "success" | "error";
    text: string;
    fields?: Record<string, string>;
  } | null>(null);
  const [pending, start] = useTransition();
  const set = (key: keyof typeof values, value: string) => setValues((v) => ({ ...v, [key]: value }));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    start(async () => {
      const r = await addPartnerHostAction({ ...values, port: Number(values.port) });
      if (r.ok) {
        setResult({ kind: "success", text: `Added ${values.host}:${values.port} for ${values.domain}.` });
        setValues({ domain: "", host: "", port: "25", starttls: "smtp" });
        router.refresh();
      } else
        setResult({ kind: "error", text: r.message, ...(r.fieldErrors ? { fields: r.fieldErrors } : {}) });
    });
  }
  const fieldError = (name: string) =>
    result?.fields?.[name] ? <span className="block text-xs text-red-700">{result.fields[name]}</span> : null;

  return (
    <form
      onSubmit={submit}
      aria-label="Add partner host"
      className="mt-6 max-w-4xl rounded border border-slate-200 bg-white p-4"
    >
      <h2 className="mb-2 text-sm font-semibold">Add a partner host</h2>
      <fieldset disabled={pending} className="flex flex-wrap items-end gap-3 text-sm">
        <label>
          Partner domain
          <input
            className="field mt-1 block w-56"
            value={values.domain}
            onChange={(e) => set("domain", e.target.value)}
            placeholder="fabrikam.com"
            required
          />
          {fieldError("domain")}
        </label>
        <ProbeTargetFields values={values} set={set} fieldError={fieldError} hostLabel="Mail host" hostPlaceholder="mx.fabrikam.com" />
        <button className="btn btn-primary" type="submit">
          {pending ? "Adding…" : "Add partner host"}
        </button>
      </fieldset>
      {result ? (
        <div className="mt-2">
          <Notice kind={result.kind}>{result.text}</Notice>
        </div>
      ) : null}
    </form>
  );
}
