import { db } from "../db";
import { readSettings } from "../settings/get-settings";
import { addressPolicyFromSettings, fetcherFromSettings } from "../revocation/revocation-checker";
import { postWebhook, sendAlertEmail } from "@/lib/net/alert-delivery";

type AlertRow = Awaited<ReturnType<typeof db.alert.findMany>>[number];

/**
 * Sends new alerts by email (the configured SMTP relay) and webhook (JSON POST, retried with backoff), and
 * records each delivery's outcome on the alert. Delivery failures are recorded, never thrown.
 */
export async function deliverAlerts(alerts: AlertRow[]) {
  if (alerts.length === 0) return;
  const settings = await readSettings();
  const to = settings.alertTo.split(",").map((a) => a.trim()).filter(Boolean);
  for (const alert of alerts) {
    const deliveries: object[] = [];
    if (settings.alertEmailEnabled && settings.smtpRelayHost && to.length) {
      const result = await sendAlertEmail({
        relay: { host: settings.smtpRelayHost, port: settings.smtpRelayPort, starttls: settings.smtpRelayStartTls ? "opportunistic" : "never", timeoutMs: 15_000 },
        from: settings.alertFrom,
        to,
        subject: `[certconsole] ${alert.kind}${alert.eventId ? ` (event ${alert.eventId})` : ""}: ${alert.message.slice(0, 120)}`,
        text: `${alert.message}\n\nRaised ${alert.createdAt.toISOString()} by certconsole.`,
        policy: addressPolicyFromSettings(settings),
      }).catch((error: Error) => ({ ok: false, error: error.message }));
      deliveries.push({ channel: "email", at: new Date().toISOString(), ...JSON.parse(JSON.stringify(result)) });
    }
    if (settings.webhookUrl) {
      const result = await postWebhook({
        url: settings.webhookUrl,
        payload: { kind: alert.kind, eventId: alert.eventId, severity: alert.severity, message: alert.message, key: alert.key, createdAt: alert.createdAt },
        fetcher: fetcherFromSettings(settings),
        attempts: 4,
        backoffMs: 1_000,
      });
      deliveries.push({ channel: "webhook", at: new Date().toISOString(), ...JSON.parse(JSON.stringify(result)) });
    }
    if (deliveries.length) await db.alert.update({ where: { id: alert.id }, data: { deliveries } });
  }
}
