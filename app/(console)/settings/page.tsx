import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requireActor } from "@/lib/actions/current-actor";
import { getSettings } from "@/lib/server/settings/get-settings";
import { can } from "@/lib/server/auth/actor";
import { SettingsForm } from "./settings-form";
import { Notice } from "@/components/notice";
import { listAcmeAccounts } from "@/lib/server/acme/list-acme-accounts";
import { listAcmeCertificates } from "@/lib/server/acme/list-acme-certificates";
import { AcmeAccounts } from "./acme-accounts";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requireActor();
  const s = await getSettings(actor);
  const readOnly = !actor || !can(actor, "mutate");
  const acmeAccounts = await listAcmeAccounts(actor);
  const acmeCertificates = (await listAcmeCertificates(actor)).map((c) => ({ id: c.id, thumbprint: c.thumbprint, friendlyName: c.friendlyName, subject: c.subject, notAfter: c.notAfter.toISOString(), account: c.account, solver: c.solver, mode: c.mode, revoked: c.revokedAt !== null, renewed: c.renewed, renews: c.renews, pendingServices: c.pendingServices }));
  return (
    <>
      <PageHeader title="Settings" description="Console-wide policy and outbound network settings. Every change is audited." />
      {readOnly ? (
        <section aria-label="Settings in force" className="mb-4 max-w-3xl space-y-2">
          <Notice kind="info" title="The helpdesk role is read-only: settings can be viewed but not changed.">
            <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5">
              <dt className="font-semibold">Revocation policy</dt>
              <dd data-testid="policy-in-force">
                {s.revocationPolicy === "strict"
                  ? "Strict (Exchange 2010 EMC): a certificate whose revocation check failed cannot be assigned to services."
                  : "Warn but allow: a certificate whose revocation check failed can be assigned after the admin acknowledges the warning; the acknowledgement is audited."}
              </dd>
              <dt className="font-semibold">Proxy</dt>
              <dd>{s.useEnvironmentProxy ? "the server environment's HTTPS_PROXY / NO_PROXY" : s.proxyServer || "none (direct)"}</dd>
              <dt className="font-semibold">Bypass list</dt>
              <dd className="[overflow-wrap:anywhere]">{s.proxyBypass || "empty"}</dd>
            </dl>
          </Notice>
        </section>
      ) : null}
      <SettingsForm
        readOnly={readOnly}
        initial={{
          revocationPolicy: s.revocationPolicy as "strict" | "warnButAllow",
          revocationOrder: s.revocationOrder as "ocspFirst" | "crlFirst",
          proxyServer: s.proxyServer,
          proxyBypass: s.proxyBypass,
          useEnvironmentProxy: s.useEnvironmentProxy,
          urlAllowList: s.urlAllowList,
          fetchTimeoutMs: s.fetchTimeoutMs,
          statusFreshnessMinutes: s.statusFreshnessMinutes,
          expiryWarningDays: s.expiryWarningDays,
          alertEmailEnabled: s.alertEmailEnabled,
          smtpRelayHost: s.smtpRelayHost,
          smtpRelayPort: s.smtpRelayPort,
          smtpRelayStartTls: s.smtpRelayStartTls,
          alertFrom: s.alertFrom,
          alertTo: s.alertTo,
          webhookUrl: s.webhookUrl,
        }}
      />
      <AcmeAccounts accounts={acmeAccounts} certificates={acmeCertificates} readOnly={readOnly} />
    </>
  );
}
