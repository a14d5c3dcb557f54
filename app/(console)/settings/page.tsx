import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requireActor } from "@/lib/actions/current-actor";
import { getSettings } from "@/lib/server/settings/get-settings";
import { can } from "@/lib/server/auth/actor";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requireActor();
  const s = await getSettings(actor);
  return (
    <>
      <PageHeader title="Settings" description="Console-wide policy and outbound network settings. Every change is audited." />
      <SettingsForm
        readOnly={!actor || !can(actor, "mutate")}
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
    </>
  );
}
