"use client";

import { useState, useTransition } from "react";
import type { SignInSettingsInput } from "@/lib/validations/sign-in-settings";
import type { DirectoryTestReport } from "@/lib/server/auth/test-directory-connection";
import { saveSignInSettingsAction, testDirectoryConnectionAction } from "./sign-in-actions";
import { Notice } from "@/components/notice";

type Values = SignInSettingsInput & { oidcClientSecret: string; clearClientSecret: boolean };

const STEP_LABELS: Record<string, string> = { connect: "Connect", tls: "TLS", bind: "Bind", search: "Search", groups: "Groups found" };

/** Settings → Sign-in: directory (AD/LDAP) and OIDC sign-in, the group → role mapping, and "Test connection". */
export function SignInSettingsForm({ initial, hasClientSecret, readOnly }: { initial: Values; hasClientSecret: boolean; readOnly: boolean }) {
  const [values, setValues] = useState<Values>(initial);
  const [result, setResult] = useState<{ kind: "success" | "error"; text: string; fields?: Record<string, string> } | null>(null);
  const [testAccount, setTestAccount] = useState({ username: "", password: "" });
  const [testResult, setTestResult] = useState<{ report?: DirectoryTestReport; error?: string } | null>(null);
  const [pending, start] = useTransition();
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const fieldError = (name: string) => (result?.fields?.[name] ? <span className="block text-xs text-red-700">{result.fields[name]}</span> : null);
  const mappings = values.roleMappings;
  const setMapping = (index: number, patch: Partial<Values["roleMappings"][number]>) => set("roleMappings", mappings.map((m, i) => (i === index ? { ...m, ...patch } : m)));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    start(async () => {
      const r = await saveSignInSettingsAction(values);
      setResult(r.ok ? { kind: "success", text: "Sign-in configuration saved." } : { kind: "error", text: r.message, ...(r.fieldErrors ? { fields: r.fieldErrors } : {}) });
      if (r.ok) setValues((v) => ({ ...v, oidcClientSecret: "", clearClientSecret: false }));
    });
  }

  function testConnection() {
    start(async () => {
      const r = await testDirectoryConnectionAction({ settings: values, account: testAccount });
      setTestResult(r.ok ? { report: r.data } : { error: r.message });
    });
  }

  return (
    <form onSubmit={submit} className="mt-6 max-w-3xl space-y-5" aria-label="Sign-in settings">
      <h2 className="text-lg font-semibold">Sign-in</h2>
      <p className="text-sm text-slate-600">
        Directory (Active Directory / LDAP) and OpenID Connect sign-in. Local accounts always remain as the break-glass path.
      </p>
      <fieldset disabled={readOnly || pending} className="space-y-5">
        <section className="rounded border border-slate-200 bg-white p-4" aria-label="Active Directory or LDAP">
          <h3 className="text-sm font-semibold">Active Directory or LDAP</h3>
          <label className="mt-2 flex items-center gap-2 text-sm">
            <input type="checkbox" checked={values.ldapEnabled} onChange={(e) => set("ldapEnabled", e.target.checked)} />
            Accept directory accounts (<code>user@domain</code> or <code>DOMAIN\user</code>) at sign-in
          </label>
          <label className="mt-2 block text-sm">
            Directory server
            <input className="field mt-1 w-full" value={values.ldapUrl} onChange={(e) => set("ldapUrl", e.target.value)} placeholder="ldaps://dc1.contoso.com:636" />
            {fieldError("ldapUrl")}
          </label>
          <label className="mt-2 block text-sm">
            Connection security
            <select className="field mt-1 w-72" value={values.ldapTransport} onChange={(e) => set("ldapTransport", e.target.value as Values["ldapTransport"])}>
              <option value="ldaps">LDAPS (TLS, port 636)</option>
              <option value="starttls">StartTLS (ldap://, port 389)</option>
              <option value="plain">Plain LDAP — lab only</option>
            </select>
            {fieldError("ldapTransport")}
          </label>
          <label className="mt-2 flex items-center gap-2 text-sm">
            <input type="checkbox" checked={values.allowPlainLdap} onChange={(e) => set("allowPlainLdap", e.target.checked)} />
            Allow plain LDAP (lab only: passwords cross the network in clear)
          </label>
          <label className="mt-2 block text-sm">
            Directory CA certificates (PEM): the directory&apos;s TLS certificate must chain to one of them
            <textarea className="field mt-1 h-24 w-full font-mono text-xs" value={values.ldapTrustPem} onChange={(e) => set("ldapTrustPem", e.target.value)} placeholder="-----BEGIN CERTIFICATE-----" />
            {fieldError("ldapTrustPem")}
          </label>
          <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
            <label className="block text-sm">
              Domain (UPN suffix for DOMAIN\user)
              <input className="field mt-1 w-full" value={values.ldapDomain} onChange={(e) => set("ldapDomain", e.target.value)} placeholder="contoso.com" />
              {fieldError("ldapDomain")}
            </label>
            <label className="block text-sm">
              Base DN
              <input className="field mt-1 w-full" value={values.ldapBaseDn} onChange={(e) => set("ldapBaseDn", e.target.value)} placeholder="dc=contoso,dc=com" />
              {fieldError("ldapBaseDn")}
            </label>
            <label className="block text-sm">
              Bind DN template (empty for Active Directory)
              <input className="field mt-1 w-full" value={values.ldapUserDnTemplate} onChange={(e) => set("ldapUserDnTemplate", e.target.value)} placeholder="uid={user},ou=People,dc=contoso,dc=com" />
              {fieldError("ldapUserDnTemplate")}
            </label>
            <label className="block text-sm">
              User filter
              <input className="field mt-1 w-full" value={values.ldapUserFilter} onChange={(e) => set("ldapUserFilter", e.target.value)} />
              {fieldError("ldapUserFilter")}
            </label>
            <label className="block text-sm">
              Group membership
              <select className="field mt-1 w-full" value={values.ldapGroupMode} onChange={(e) => set("ldapGroupMode", e.target.value as Values["ldapGroupMode"])}>
                <option value="adInChain">Active Directory, nested (in-chain rule 1.2.840.113556.1.4.1941)</option>
                <option value="memberOf">memberOf attribute (followed upwards for nesting)</option>
                <option value="groupSearch">Group search (filter below, repeated for nesting)</option>
              </select>
            </label>
            <label className="block text-sm">
              Group filter (group search)
              <input className="field mt-1 w-full" value={values.ldapGroupFilter} onChange={(e) => set("ldapGroupFilter", e.target.value)} />
              {fieldError("ldapGroupFilter")}
            </label>
          </div>
          <div className="mt-3 rounded border border-slate-200 bg-slate-50 p-3" aria-label="Test connection">
            <p className="text-sm font-medium">Test connection with a directory account (not stored; nothing is signed in)</p>
            <div className="mt-1 flex flex-wrap items-end gap-2">
              <label className="text-sm">
                Test user
                <input className="field mt-1 w-56" value={testAccount.username} onChange={(e) => setTestAccount((a) => ({ ...a, username: e.target.value }))} placeholder="user@contoso.com" autoComplete="off" />
              </label>
              <label className="text-sm">
                Test password
                <input className="field mt-1 w-48" type="password" value={testAccount.password} onChange={(e) => setTestAccount((a) => ({ ...a, password: e.target.value }))} autoComplete="new-password" />
              </label>
              <button type="button" className="btn" onClick={testConnection}>
                Test connection
              </button>
            </div>
            {testResult?.error ? <p className="mt-2 text-sm text-red-800" role="alert">{testResult.error}</p> : null}
            {testResult?.report ? (
              <ol className="mt-2 space-y-1 text-sm" data-testid="directory-test-steps">
                {testResult.report.steps.map((s) => (
                  <li key={s.step} className={s.ok ? "text-emerald-800" : "text-red-800"}>
                    <strong>{STEP_LABELS[s.step] ?? s.step}</strong>: {s.ok ? "OK" : "failed"} — <span className="[overflow-wrap:anywhere]">{s.detail}</span>
                  </li>
                ))}
                <li>
                  <strong>Role</strong>: {testResult.report.role ?? (testResult.report.ok ? "none — the account is in no mapped group and would be refused" : "—")}
                </li>
              </ol>
            ) : null}
          </div>
        </section>

        <section className="rounded border border-slate-200 bg-white p-4" aria-label="OpenID Connect">
          <h3 className="text-sm font-semibold">OpenID Connect (Entra ID, Okta, Keycloak…)</h3>
          <label className="mt-2 flex items-center gap-2 text-sm">
            <input type="checkbox" checked={values.oidcEnabled} onChange={(e) => set("oidcEnabled", e.target.checked)} />
            Offer &quot;Sign in with {values.oidcDisplayName || "…"}&quot; on the sign-in page
          </label>
          <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
            <label className="block text-sm">
              Button label
              <input className="field mt-1 w-full" value={values.oidcDisplayName} onChange={(e) => set("oidcDisplayName", e.target.value)} />
              {fieldError("oidcDisplayName")}
            </label>
            <label className="block text-sm">
              Issuer
              <input className="field mt-1 w-full" value={values.oidcIssuer} onChange={(e) => set("oidcIssuer", e.target.value)} placeholder="https://login.microsoftonline.com/<tenant-id>/v2.0" />
              {fieldError("oidcIssuer")}
            </label>
            <label className="block text-sm">
              Client ID
              <input className="field mt-1 w-full" value={values.oidcClientId} onChange={(e) => set("oidcClientId", e.target.value)} />
              {fieldError("oidcClientId")}
            </label>
            <label className="block text-sm">
              Client secret {hasClientSecret ? "(stored sealed; leave empty to keep)" : "(none stored: public client with PKCE)"}
              <input className="field mt-1 w-full" type="password" value={values.oidcClientSecret} onChange={(e) => set("oidcClientSecret", e.target.value)} autoComplete="new-password" />
            </label>
            <label className="block text-sm">
              Role claim
              <input className="field mt-1 w-full" value={values.oidcRoleClaim} onChange={(e) => set("oidcRoleClaim", e.target.value)} placeholder="groups or roles" />
              {fieldError("oidcRoleClaim")}
            </label>
            <label className="block text-sm">
              Redirect URL (register it at the provider)
              <input className="field mt-1 w-full" value={values.oidcRedirectUrl} onChange={(e) => set("oidcRedirectUrl", e.target.value)} placeholder="https://certconsole.contoso.com/auth/oidc/callback" />
              {fieldError("oidcRedirectUrl")}
            </label>
          </div>
          {hasClientSecret ? (
            <label className="mt-2 flex items-center gap-2 text-sm">
              <input type="checkbox" checked={values.clearClientSecret} onChange={(e) => set("clearClientSecret", e.target.checked)} />
              Remove the stored client secret
            </label>
          ) : null}
        </section>

        <section className="rounded border border-slate-200 bg-white p-4" aria-label="Group to role mapping">
          <h3 className="text-sm font-semibold">Group → role mapping</h3>
          <p className="mb-2 text-sm text-slate-600">
            Directory groups by name (CN) or DN; OIDC by the exact claim value (Entra ID sends group object IDs). A user in no mapped group is refused; admin wins over helpdesk.
          </p>
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-slate-600">
                <th className="py-1 font-medium">Source</th>
                <th className="py-1 font-medium">Group or claim value</th>
                <th className="py-1 font-medium">Role</th>
                <th className="py-1">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {mappings.map((m, i) => (
                <tr key={i}>
                  <td className="py-1 pr-2">
                    <select aria-label={`Source of mapping ${i + 1}`} className="field" value={m.source} onChange={(e) => setMapping(i, { source: e.target.value as "ldap" | "oidc" })}>
                      <option value="ldap">Directory</option>
                      <option value="oidc">OIDC</option>
                    </select>
                  </td>
                  <td className="py-1 pr-2">
                    <input aria-label={`Group of mapping ${i + 1}`} className="field w-full" value={m.group} onChange={(e) => setMapping(i, { group: e.target.value })} />
                    {fieldError(`roleMappings.${i}.group`)}
                  </td>
                  <td className="py-1 pr-2">
                    <select aria-label={`Role of mapping ${i + 1}`} className="field" value={m.role} onChange={(e) => setMapping(i, { role: e.target.value as "admin" | "helpdesk" })}>
                      <option value="admin">admin</option>
                      <option value="helpdesk">helpdesk</option>
                    </select>
                  </td>
                  <td className="py-1">
                    <button type="button" className="btn" onClick={() => set("roleMappings", mappings.filter((_, j) => j !== i))} aria-label={`Remove mapping ${i + 1}`}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="btn mt-2" onClick={() => set("roleMappings", [...mappings, { source: "ldap", group: "", role: "helpdesk" }])}>
            Add mapping
          </button>
        </section>
        {readOnly ? null : (
          <button className="btn btn-primary" type="submit">
            {pending ? "Saving…" : "Save sign-in settings"}
          </button>
        )}
      </fieldset>
      {result ? (
<Notice kind={result.kind}>{result.text}</Notice>
      ) : null}
    </form>
  );
}
