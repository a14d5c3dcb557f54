import { beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "@/test/test-database";

beforeAll(async () => {
  await useTestDatabase();
});

describe("audit", async () => {
  test("an event is written with redacted secrets", async () => {
    const { db } = await import("./db");
    const { writeAudit } = await import("./audit");
    await writeAudit(db, { userId: null, username: "system", role: "system" }, {
      action: "certificate.export",
      targetType: "certificate",
      targetId: "ABC",
      details: { password: "hunter2", nested: { privateKeyPem: "-----BEGIN", keep: 1 } },
    });
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: "ABC" } });
    expect(event.details).toEqual({ password: "[redacted]", nested: { privateKeyPem: "[redacted]", keep: 1 } });
    expect(event.outcome).toBe("success");
  });

  test("an event written in a failed transaction rolls back with the change", async () => {
    const { db } = await import("./db");
    const { writeAudit } = await import("./audit");
    await expect(
      db.$transaction(async (tx) => {
        await tx.server.create({ data: { name: "TMP1", fqdn: "tmp1.contoso.local", role: "Mailbox" } });
        await writeAudit(tx, { userId: null, username: "system", role: "system" }, { action: "server.create", targetType: "server", targetId: "TMP1" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await db.server.count({ where: { name: "TMP1" } })).toBe(0);
    expect(await db.auditEvent.count({ where: { targetId: "TMP1" } })).toBe(0);
  });

  test("updateSettings audits the change for admin and refuses helpdesk without changing anything", async () => {
    const { db } = await import("./db");
    const { updateSettings } = await import("./settings/update-settings");
    const { ensureSettings, ensureUsers } = await import("./bootstrap/ensure-users");
    await ensureSettings();
    await ensureUsers({});
    const adminId = (await db.user.findUniqueOrThrow({ where: { username: "admin" } })).id;
    const helpdeskId = (await db.user.findUniqueOrThrow({ where: { username: "helpdesk" } })).id;
    const input = { revocationPolicy: "warnButAllow", revocationOrder: "crlFirst", proxyServer: "http://proxy.contoso.com:8080", proxyBypass: "*.contoso.com;<local>", useEnvironmentProxy: false, urlAllowList: "", fetchTimeoutMs: 10000, expiryWarningDays: "30,7" };
    await expect(updateSettings({ userId: helpdeskId, username: "helpdesk", role: "helpdesk" }, input)).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
    expect((await db.setting.findUniqueOrThrow({ where: { id: 1 } })).revocationPolicy).toBe("strict");
    await expect(updateSettings({ userId: adminId, username: "admin", role: "admin" }, { ...input, proxyServer: "ftp://x" })).rejects.toMatchObject({ code: "ERR_VALIDATION" });
    const saved = await updateSettings({ userId: adminId, username: "admin", role: "admin" }, input);
    expect(saved.revocationPolicy).toBe("warnButAllow");
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "settings.revocationPolicy" } });
    expect(event.actorName).toBe("admin");
    expect(event.details).toMatchObject({ changed: { revocationPolicy: { from: "strict", to: "warnButAllow" } } });
  });
});
