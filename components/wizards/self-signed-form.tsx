"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { KeyChoice, NewSelfSignedInput } from "@/lib/validations/certificate-wizards";
import { SERVICES, type Service } from "@/lib/validations/domain";
import { Notice } from "@/components/notice";
import type { WizardServer } from "./new-certificate-wizard";
import { EmsOutput } from "./ems-output";
import { defaultSelfSignedServices, serviceUnavailableReason } from "@/lib/pki/exchange/server-roles";

/**
 * New self-signed certificate: like New-ExchangeCertificate without -GenerateRequest (IMAP, POP, SMTP by default),
 * offering only the services the server's role runs (an Edge server: SMTP), with the reason for the others.
 */
export function SelfSignedForm({ servers, action }: { servers: WizardServer[]; action: (input: NewSelfSignedInput) => Promise<ActionResult<{ id: string; thumbprint: string; status: string; ems: string[] }>> }) {
  const [serverId, setServerId] = useState(servers[0]?.id ?? "");
  const server = servers.find((s) => s.id === serverId);
  const [commonName, setCommonName] = useState(server?.name ?? "");
  const [domains, setDomains] = useState(server?.fqdn ?? "");
  const [friendlyName, setFriendlyName] = useState("Microsoft Exchange");
  const [key, setKey] = useState<KeyChoice>("RSA-2048");
  const [services, setServices] = useState<Service[]>(defaultSelfSignedServices(server?.role ?? "Mailbox"));
  const reasons = SERVICES.flatMap((s) => {
    const reason = server?.role ? serviceUnavailableReason(server.name, server.role, s) : null;
    return reason ? [{ service: s, reason }] : [];
  });
  const offered = SERVICES.filter((s) => !reasons.some((r) => r.service === s));
  const [exportable, setExportable] = useState(false);
  const [replaceSmtp, setReplaceSmtp] = useState(false);
  const [result, setResult] = useState<{ ok: true; id: string; thumbprint: string; status: string; ems: string[] } | { ok: false; message: string } | null>(null);
  const [pending, start] = useTransition();
  function submit(e: React.FormEvent) {
    e.preventDefault();
    start(async () => {
      const r = await action({ serverId, commonName, domains: domains.split(/[\s,;]+/).filter(Boolean), friendlyName, key, services: services.filter((s) => offered.includes(s)), exportable, confirmReplaceDefaultSmtp: replaceSmtp });
      setResult(r.ok ? { ok: true, ...r.data } : { ok: false, message: r.fieldErrors ? `${r.message} ${Object.values(r.fieldErrors).join(" ")}` : r.message });
    });
  }
  return (
    <form onSubmit={submit} className="max-w-2xl space-y-3 rounded border border-slate-200 bg-white p-4 text-sm" aria-label="New self-signed certificate">
      <label className="block">
        Server
        <select className="field mt-1 w-72" value={serverId} onChange={(e) => {
          setServerId(e.target.value);
          const s = servers.find((x) => x.id === e.target.value);
          if (s) {
            setCommonName(s.name);
            setDomains(s.fqdn);
            setServices(defaultSelfSignedServices(s.role ?? "Mailbox"));
          }
        }}>
          {servers.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.fqdn})
            </option>
          ))}
        </select>
      </label>
      <label className="block">
        Friendly name
        <input className="field mt-1 w-96" value={friendlyName} onChange={(e) => setFriendlyName(e.target.value)} />
      </label>
      <label className="block">
        Subject name (CN)
        <input className="field mt-1 w-96" value={commonName} onChange={(e) => setCommonName(e.target.value)} />
      </label>
      <label className="block">
        Other domain names (comma separated)
        <input className="field mt-1 w-full" value={domains} onChange={(e) => setDomains(e.target.value)} />
      </label>
      <label className="block">
        Key
        <select className="field mt-1 w-72" value={key} onChange={(e) => setKey(e.target.value as KeyChoice)}>
          <option value="RSA-2048">RSA 2048 bits (default)</option>
          <option value="RSA-4096">RSA 4096 bits</option>
          <option value="EC-P256">ECDSA P-256</option>
          <option value="EC-P384">ECDSA P-384</option>
        </select>
      </label>
      <fieldset>
        <legend className="font-medium">Services (the shell enables IMAP, POP and SMTP by default)</legend>
        {offered.map((s) => (
          <label key={s} className="mr-3 inline-flex items-center gap-1">
            <input type="checkbox" checked={services.includes(s)} onChange={(e) => setServices(e.target.checked ? [...services, s] : services.filter((x) => x !== s))} />
            {s}
          </label>
        ))}
        {reasons.length ? <p className="mt-1 text-xs text-slate-600" data-testid="unavailable-services">{reasons[0]!.reason.replace(/ so \S+ cannot be enabled there\.$/, ".")} Not offered: {reasons.map((r) => r.service).join(", ")}.</p> : null}
      </fieldset>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={replaceSmtp} onChange={(e) => setReplaceSmtp(e.target.checked)} />
        Make it the server&apos;s default SMTP certificate (overwrites the existing one)
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={exportable} onChange={(e) => setExportable(e.target.checked)} />
        Make private key exportable
      </label>
      <button className="btn btn-primary" type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create self-signed certificate"}
      </button>
      {result?.ok === true ? (
        <div className="space-y-3">
          <Notice kind="success" title="The self-signed certificate was created.">
            Thumbprint {result.thumbprint}, status {result.status}. <Link className="underline" href={`/certificates/${result.id}`}>Open its properties</Link>
          </Notice>
          <EmsOutput lines={result.ems} />
        </div>
      ) : null}
      {result?.ok === false ? <Notice kind="error">{result.message}</Notice> : null}
    </form>
  );
}
