"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { RemoveCertificateInput } from "@/lib/validations/certificate-wizards";
import { Notice } from "@/components/notice";
import { EmsOutput } from "./ems-output";

/** Remove Exchange Certificate: choose servers, confirm; refused while bound to a service. */
export function RemoveWizard({
  certificate,
  servers,
  action,
}: {
  certificate: { id: string; thumbprint: string; subject: string };
  servers: { id: string; name: string; services: string[] }[];
  action: (input: RemoveCertificateInput) => Promise<ActionResult<{ removedFrom: string[]; deleted: boolean; keyDeleted: boolean; ems?: string[] }>>;
}) {
  const [serverIds, setServerIds] = useState<string[]>(servers.map((s) => s.id));
  const [confirm, setConfirm] = useState(false);
  const [result, setResult] = useState<{ ok: true; removedFrom: string[]; deleted: boolean; ems?: string[] } | { ok: false; message: string } | null>(null);
  const [pending, start] = useTransition();
  if (result?.ok) {
    return (
      <div className="max-w-2xl space-y-3">
        <Notice kind="success" title="The certificate was removed.">
          Removed from {result.removedFrom.join(", ")}.{result.deleted ? " No server holds it any more: the certificate and its private key were deleted from the console." : ""} <Link className="underline" href="/certificates">Back to the list</Link>
        </Notice>
        <EmsOutput lines={result.ems} />
      </div>
    );
  }
  return (
    <form
      className="max-w-2xl space-y-3 rounded border border-slate-200 bg-white p-4 text-sm"
      aria-label="Remove certificate"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await action({ certificateId: certificate.id, serverIds, confirm: confirm as true });
          setResult(r.ok ? { ok: true, ...r.data } : { ok: false, message: r.fieldErrors ? Object.values(r.fieldErrors).join(" ") : r.message });
        });
      }}
    >
      <p>
        {certificate.subject} <span className="font-mono text-xs text-slate-500">{certificate.thumbprint}</span>
      </p>
      <fieldset>
        <legend className="font-medium">Remove from servers</legend>
        {servers.map((s) => (
          <label key={s.id} className="mr-4 inline-flex items-center gap-1">
            <input type="checkbox" checked={serverIds.includes(s.id)} onChange={(e) => setServerIds(e.target.checked ? [...serverIds, s.id] : serverIds.filter((x) => x !== s.id))} />
            {s.name} <span className="text-xs text-slate-500">({s.services.length ? `assigned to ${s.services.join(", ")}` : "no services"})</span>
          </label>
        ))}
      </fieldset>
      <label className="flex items-start gap-2 rounded border border-red-200 bg-red-50 p-2">
        <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />
        <span>Remove this certificate and its private key from the chosen servers. This cannot be undone (export it first to keep a copy).</span>
      </label>
      <button className="btn btn-primary" type="submit" disabled={pending || !confirm || serverIds.length === 0}>
        {pending ? "Removing…" : "Remove"}
      </button>
      {result?.ok === false ? <Notice kind="error">{result.message}</Notice> : null}
    </form>
  );
}
