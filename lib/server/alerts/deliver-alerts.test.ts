import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "@/test/test-database";

const received: { to: string[]; data: string }[] = [];
const hooks: unknown[] = [];
let smtpPort = 0;
let hookPort = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, callback) {
    let data = "";
    stream.on("data", (c: Buffer) => (data += c.toString()));
    stream.on("end", () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
      callback();
    });
  },
});
let failuresLeft = 1;
const hookServer = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    if (failuresLeft-- > 0) {
      res.writeHead(503).end();
      return;
    }
    hooks.push(JSON.parse(body));
    res.writeHead(204).end();
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => hookServer.listen(0, "127.0.0.1", resolve));
  hookPort = (hookServer.address() as AddressInfo).port;
  await useTestDatabase();
  const { seedDemoOrganization } = await import("../bootstrap/seed-demo-organization");
  const { refreshAllStatuses } = await import("../certificates/refresh-all-statuses");
  await seedDemoOrganization(new Date());
  await refreshAllStatuses(new Date());
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => hookServer.close(() => resolve()));
});

describe("alert delivery", () => {
  test("a new 12018 alert reaches a real SMTP server and the webhook (after a retried 503), and is recorded", async () => {
    const { db } = await import("../db");
    await db.setting.update({
      where: { id: 1 },
      data: { alertEmailEnabled: true, smtpRelayHost: "127.0.0.1", smtpRelayPort: smtpPort, smtpRelayStartTls: false, alertTo: "pki-team@contoso.com", webhookUrl: `http://127.0.0.1:${hookPort}/hook`, urlAllowList: "127.0.0.1" },
    });
    const { raiseAlerts } = await import("./raise-alerts");
    const { deliverAlerts } = await import("./deliver-alerts");
    const alerts = await raiseAlerts(new Date());
    const soon = alerts.filter((a) => a.kind === "ExpiresSoon");
    expect(soon.length).toBe(1);
    await deliverAlerts(soon);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(["pki-team@contoso.com"]);
    expect(received[0]!.data).toMatch(/Subject: \[certconsole\] ExpiresSoon \(event 12018\)/);
    expect(received[0]!.data).toMatch(/hours left/);
    expect(hooks).toEqual([expect.objectContaining({ kind: "ExpiresSoon", eventId: 12018 })]);
    const stored = await db.alert.findUniqueOrThrow({ where: { id: soon[0]!.id } });
    const deliveries = stored.deliveries as { channel: string; ok: boolean; attempts?: unknown[] }[];
    expect(deliveries.map((d) => [d.channel, d.ok])).toEqual([["email", true], ["webhook", true]]);
    expect(deliveries[1]!.attempts).toHaveLength(2);
  });
});
