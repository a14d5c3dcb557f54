"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { uploadForm } from "@/components/wizards/client-io";
import { Notice } from "@/components/notice";

interface Summary {
  scope: string;
  servers: { name: string; created: boolean }[];
  certificates: { total: number; added: number };
  receiveConnectors: number;
  sendConnectors: number;
}

/** Upload of a collector file to POST /api/v1/inventory, with each refused field listed. */
export function InventoryUpload() {
  const router = useRouter();
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<{ ok: true; data: Summary } | { ok: false; message: string; fields: { path: string; message: string }[] } | null>(null);

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    setResult(null);
    setProgress(0);
    const answer = await uploadForm<Summary>("/api/v1/inventory", data, setProgress);
    setProgress(null);
    if (answer.ok) {
      setResult({ ok: true, data: answer.data });
      form.reset();
      router.refresh();
    } else {
      const fields = Array.isArray(answer.details?.fields) ? (answer.details.fields as { path: string; message: string }[]) : [];
      setResult({ ok: false, message: answer.message, fields });
    }
  }

  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(e.currentTarget);
      }}
    >
      <label className="text-sm">
        Inventory file (JSON written by the collector)
        <input className="field mt-1 block" type="file" name="file" accept=".json,application/json" required aria-label="Inventory file" />
      </label>
      <div>
        <button className="btn btn-primary" type="submit" disabled={progress !== null}>
          {progress !== null ? `Importing… ${Math.round(progress * 100)}%` : "Import inventory"}
        </button>
      </div>
      {result?.ok ? (
        <Notice kind="success" title="Inventory imported">
          {result.data.servers.map((s) => `${s.name}${s.created ? " (new)" : ""}`).join(", ")} — {result.data.certificates.total} certificates ({result.data.certificates.added} new), {result.data.receiveConnectors} receive and {result.data.sendConnectors} send connectors.
        </Notice>
      ) : null}
      {result && !result.ok ? (
        <Notice kind="error" title="Inventory refused: nothing was changed">
          <p>{result.fields.length ? `${result.fields.length} problem(s):` : result.message}</p>
          {result.fields.length ? (
            <ul className="mt-1 list-disc pl-5 font-mono text-xs" aria-label="Refused fields">
              {result.fields.map((f) => (
                <li key={`${f.path}:${f.message}`}>
                  <span className="font-semibold">{f.path}</span>: {f.message}
                </li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
    </form>
  );
}
