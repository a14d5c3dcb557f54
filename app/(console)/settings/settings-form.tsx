"use client";

import { useState, useTransition } from "react";
import type { SettingsInput } from "@/lib/validations/settings";
import { saveSettingsAction } from "./actions";
import { Notice } from "@/components/notice";

export function SettingsForm({ initial, readOnly }: { initial: SettingsInput; readOnly: boolean }) {
  const [values, setValues] = useState(initial);
  const [result, setResult] = useState<{ kind: "success" | "error"; text: string; fields?: Record<string, string> } | null>(null);
  const [pending, start] = useTransition();
  const set = <K extends keyof SettingsInput>(key: K, value: SettingsInput[K]) => setValues((v) => ({ ...v, [key]: value }));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    start(async () => {
      const r = await saveSettingsAction(values);
      setResult(r.ok ? { kind: "success", text: "Settings saved." } : { kind: "error", text: r.message, ...(r.fieldErrors ? { fields: r.fieldErrors } : {}) });
    });
  }

  const fieldError = (name: string) => (result?.fields?.[name] ? <span className="text-xs text-red-700">{result.fields[name]}</span> : null);

  return (
    <form onSubmit={submit} className="max-w-3xl space-y-5" aria-label="Settings">
      <fieldset disabled={readOnly || pending} className="space-y-5">
        <section className="rounded border border-slate-200 bg-white p-4">
          <h2 className="text-sm font-semibold">Revocation policy</h2>
          <p className="mb-2 text-sm text-slate-600">What assigning services to a certificate in RevocationCheckFailure does.</p>
          <label className="flex items-start gap-2 py-1">
            <input type="radio" name="revocationPolicy" value="strict" checked={values.revocationPolicy === "strict"} onChange={() => set("revocationPolicy", "strict")} />
            <span>
              <strong>Strict (Exchange 2010 EMC)</strong> — the assignment is blocked: “The certificate status could not be determined because the revocation check failed.”
            </span>
          </label>
          <label className="flex items-start gap-2 py-1">
            <input type="radio" name="revocationPolicy" value="warnButAllow" checked={values.revocationPolicy === "warnButAllow"} onChange={() => set("revocationPolicy", "warnButAllow")} />
            <span>
              <strong>Warn but allow</strong> — the admin sees the warning and the diagnosis, must acknowledge it, and the assignment goes ahead; the acknowledgement is audited.
            </span>
          </label>
          <p className="mt-1 text-xs text-slate-500">Revoked, expired, untrusted and invalid certificates are never assignable in either mode.</p>
          <label className="mt-3 block text-sm">
            Check order
            <select className="field mt-1 w-64" value={values.revocationOrder} onChange={(e) => set("revocationOrder", e.target.value as SettingsInput["revocationOrder"])}>
              <option value="ocspFirst">OCSP first, CRL as fallback</option>
              <option value="crlFirst">CRL first, OCSP as fallback</option>
            </select>
          </label>
        </section>
        <section className="rounded border border-slate-200 bg-white p-4">
          <h2 className="text-sm font-semibold">Outbound proxy for revocation and AIA fetches</h2>
          <p className="mb-2 text-sm text-slate-600">
            The console&apos;s own setting, like <code>netsh winhttp set proxy</code>: independent of any browser proxy.
          </p>
          <label className="block text-sm">
            Proxy server
            <input className="field mt-1 w-full" value={values.proxyServer} onChange={(e) => set("proxyServer", e.target.value)} placeholder="http://proxy.contoso.com:8080 (empty = direct)" />
            {fieldError("proxyServer")}
          </label>
          <label className="mt-2 block text-sm">
            Bypass list
            <input className="field mt-1 w-full" value={values.proxyBypass} onChange={(e) => set("proxyBypass", e.target.value)} placeholder="*.contoso.com;10.*;<local>" />
            {fieldError("proxyBypass")}
          </label>
          <label className="mt-2 flex items-center gap-2 text-sm">
            <input type="checkbox" checked={values.useEnvironmentProxy} onChange={(e) => set("useEnvironmentProxy", e.target.checked)} />
            Use the server environment&apos;s HTTPS_PROXY / NO_PROXY instead
          </label>
          <label className="mt-2 block text-sm">
            URL allow-list (private addresses the fetcher may reach)
            <input className="field mt-1 w-full" value={values.urlAllowList} onChange={(e) => set("urlAllowList", e.target.value)} placeholder="127.0.0.1;10.0.0.0/8;pki.contoso.local" />
            {fieldError("urlAllowList")}
          </label>
          <label className="mt-2 block text-sm">
            Fetch timeout (ms)
            <input className="field mt-1 w-40" type="number" min={1000} max={120000} value={values.fetchTimeoutMs} onChange={(e) => set("fetchTimeoutMs", Number(e.target.value))} />
            {fieldError("fetchTimeoutMs")}
          </label>
          <label className="mt-2 block text-sm">
            Status freshness (minutes): assigning a service re-checks a status older than this first
            <input className="field mt-1 w-40" type="number" min={1} max={1440} value={values.statusFreshnessMinutes ?? 15} onChange={(e) => set("statusFreshnessMinutes", Number(e.target.value))} />
            {fieldError("statusFreshnessMinutes")}
          </label>
        </section>
        <section className="rounded border border-slate-200 bg-white p-4">
          <h2 className="text-sm font-semibold">Expiry warnings</h2>
          <label className="block text-sm">
            Warn this many days before expiry (like event 12018)
            <input className="field mt-1 w-64" value={values.expiryWarningDays} onChange={(e) => set("expiryWarningDays", e.target.value)} />
            {fieldError("expiryWarningDays")}
          </label>
        </section>
        <section className="rounded border border-slate-200 bg-white p-4">
          <h2 className="text-sm font-semibold">Alert delivery</h2>
          <p className="mb-2 text-sm text-slate-600">Alerts always appear on the dashboard; they can also be mailed through an SMTP relay and posted to a webhook (JSON, retried with backoff).</p>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={values.alertEmailEnabled ?? false} onChange={(e) => set("alertEmailEnabled", e.target.checked)} />
            Send alerts by e-mail
          </label>
          <div className="mt-2 flex flex-wrap gap-2">
            <label className="text-sm">
              SMTP relay
              <input className="field mt-1 w-64" value={values.smtpRelayHost ?? ""} onChange={(e) => set("smtpRelayHost", e.target.value)} placeholder="relay.contoso.com" />
              {fieldError("smtpRelayHost")}
            </label>
            <label className="text-sm">
              Port
              <input className="field mt-1 w-24" type="number" min={1} max={65535} value={values.smtpRelayPort ?? 25} onChange={(e) => set("smtpRelayPort", Number(e.target.value))} />
            </label>
            <label className="mt-6 flex items-center gap-2 text-sm">
              <input type="checkbox" checked={values.smtpRelayStartTls ?? true} onChange={(e) => set("smtpRelayStartTls", e.target.checked)} />
              STARTTLS when offered
            </label>
          </div>
          <label className="mt-2 block text-sm">
            From
            <input className="field mt-1 w-full" value={values.alertFrom ?? ""} onChange={(e) => set("alertFrom", e.target.value)} />
            {fieldError("alertFrom")}
          </label>
          <label className="mt-2 block text-sm">
            To (comma-separated)
            <input className="field mt-1 w-full" value={values.alertTo ?? ""} onChange={(e) => set("alertTo", e.target.value)} placeholder="pki-team@contoso.com" />
            {fieldError("alertTo")}
          </label>
          <label className="mt-2 block text-sm">
            Webhook URL
            <input className="field mt-1 w-full" value={values.webhookUrl ?? ""} onChange={(e) => set("webhookUrl", e.target.value)} placeholder="https://hooks.contoso.com/certconsole" />
            {fieldError("webhookUrl")}
          </label>
        </section>
      </fieldset>
      {readOnly && result ? <Notice kind={result.kind}>{result.text}</Notice> : null}
      {readOnly ? null : (
        <div className="sticky bottom-0 z-10 flex items-center gap-3 border-t border-slate-200 bg-slate-50/95 py-2" data-testid="settings-save-bar">
          <button className="btn btn-primary" type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save settings"}
          </button>
          {result ? <Notice kind={result.kind}>{result.text}</Notice> : <span className="text-xs text-slate-600">Every change is audited.</span>}
        </div>
      )}
    </form>
  );
}
