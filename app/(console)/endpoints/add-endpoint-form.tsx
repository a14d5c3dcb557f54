"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Notice } from "@/components/notice";
import { SERVICES } from "@/lib/validations/domain";
import { ProbeTargetFields } from "@/components/probe-target-fields";
import { addEndpointAction } from "./actions";

/** The STARTTLS protocol each service usually starts with on its default port. */
const DEFAULTS: Record<string, { port: number; starttls: string }> = {
  IIS: { port: 443, starttls: "" },
  SMTP: { port: 25, starttls: "smtp" },
  IMAP: { port: 143, starttls: "imap" },
  POP: { port: 110, starttls: "pop3" },
};

/** Admin form: add an endpoint of a server's service. */
export function AddEndpointForm({ servers }: { servers: { id: string; name: string }[] }) {
  const router = useRouter();
  const [values, setValues] = useState({
    serverId: servers[0]?.id ?? "",
    service: "IIS",
    host: "",
    port: "443",
    starttls: "",
  });
  const [result, setResult] = useState<{
    kind: "success" | "error";
    text: string;
    fields?: Record<string, string>;
  } | null>(null);
  const [pending, start] = useTransition();
  const set = (key: keyof typeof values, value: string) => setValues((v) => ({ ...v, [key]: value }));

  function chooseService(service: string) {
    const d = DEFAULTS[service];
    setValues((v) => ({ ...v, service, ...(d ? { port: String(d.port), starttls: d.starttls } : {}) }));
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    start(async () => {
      const r = await addEndpointAction({ ...values, port: Number(values.port) });
      if (r.ok) {
        setResult({
          kind: "success",
          text: `Added ${values.host}:${values.port}. Probe it to see the certificate it presents.`,
        });
        setValues((v) => ({ ...v, host: "" }));
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
      aria-label="Add endpoint"
      className="mt-6 max-w-4xl rounded border border-slate-200 bg-white p-4"
    >
      <h2 className="mb-2 text-sm font-semibold">Add an endpoint</h2>
      <fieldset disabled={pending} className="flex flex-wrap items-end gap-3 text-sm">
        <label>
          Server
          <select
            className="field mt-1 block"
            value={values.serverId}
            onChange={(e) => set("serverId", e.target.value)}
          >
            {servers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Service
          <select
            className="field mt-1 block"
            value={values.service}
            onChange={(e) => chooseService(e.target.value)}
          >
            {SERVICES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <ProbeTargetFields values={values} set={set} fieldError={fieldError} hostLabel="Host" hostPlaceholder="mail.contoso.com" />
        <button className="btn btn-primary" type="submit">
          {pending ? "Adding…" : "Add endpoint"}
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
