"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Notice } from "@/components/notice";
import { addTrustStoreEntryAction } from "./actions";
import { TRUST_STORES } from "@/lib/validations/domain";
import { STORE_LABELS } from "@/components/trust-stores/store-labels";

const MAX_BYTES = 10 * 1024 * 1024;

function toBase64(buffer: ArrayBuffer): string {
  let binary = "";
  const bytes = new Uint8Array(buffer);
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Adds a known CA certificate, or the certificates of an uploaded file, to one of a server's stores. */
export function AddEntryForm({ server, candidates }: { server: string; candidates: { id: string; label: string }[] }) {
  const router = useRouter();
  const [store, setStore] = useState<(typeof TRUST_STORES)[number]>("ThirdPartyRoot");
  const [source, setSource] = useState<"known" | "file">("known");
  const [certificateId, setCertificateId] = useState(candidates[0]?.id ?? "");
  const [file, setFile] = useState<File | null>(null);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [pending, start] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    start(async () => {
      let input: { server: string; store: typeof store; certificateId?: string; fileBase64?: string } = { server, store };
      if (source === "file") {
        if (!file) return setMessage({ kind: "error", text: "Choose a certificate file (.cer, .crt, .pem, .p7b)." });
        if (file.size > MAX_BYTES) return setMessage({ kind: "error", text: "The file is larger than 10 MB." });
        input = { ...input, fileBase64: toBase64(await file.arrayBuffer()) };
      } else {
        input = { ...input, certificateId };
      }
      const r = await addTrustStoreEntryAction(input);
      setMessage(r.ok ? { kind: "success", text: r.data.added ? `Added to ${STORE_LABELS[store]} on ${server}.` : "It was already there." } : { kind: "error", text: r.message });
      if (r.ok) router.refresh();
    });
  }

  return (
    <form onSubmit={submit} className="rounded border border-slate-200 bg-white p-3" aria-label={`Add to a store on ${server}`}>
      <h2 className="mb-2 text-sm font-semibold">Add a certificate to {server}</h2>
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-xs">
          Store
          <select className="field mt-0.5" value={store} onChange={(e) => setStore(e.target.value as typeof store)}>
            {TRUST_STORES.map((s) => (
              <option key={s} value={s}>
                {STORE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs">
          Source
          <select className="field mt-0.5" value={source} onChange={(e) => setSource(e.target.value as "known" | "file")}>
            <option value="known">A certificate the console knows</option>
            <option value="file">Upload a file</option>
          </select>
        </label>
        {source === "known" ? (
          <label className="text-xs">
            Certificate
            <select className="field mt-0.5 max-w-96" value={certificateId} onChange={(e) => setCertificateId(e.target.value)}>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label className="text-xs">
            Certificate file
            <input className="field mt-0.5" type="file" accept=".cer,.crt,.pem,.der,.p7b,.p7c" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
        )}
        <button className="btn btn-primary" type="submit" disabled={pending}>
          {pending ? "Adding and re-checking…" : "Add"}
        </button>
      </div>
      {message ? <div className="mt-2"><Notice kind={message.kind}>{message.text}</Notice></div> : null}
    </form>
  );
}
