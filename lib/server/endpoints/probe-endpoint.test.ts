// "Wrong certificate in use" against real servers on loopback (smtp-server with STARTTLS, node:https) presenting
// chosen certificates from the probe lab: the bound one, an older one the console knows, one it has never seen.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { thumbprint } from "@/lib/pki/certificate/thumbprint";
import { startHttpsServer, startSmtpServer, type TestServer } from "@/test/harness/tls-servers";
import { labResolver, probeOrg } from "./__fixtures__/probe-org";

let org: Awaited<ReturnType<typeof probeOrg>>;
const servers: Record<"bound" | "old" | "unknown", TestServer> = {} as never;
let bound: { id: string; thumbprint: string };
let old: { id: string; thumbprint: string };

beforeAll(async () => {
  org = await probeOrg();
  const { lab, db, server } = org;
  servers.bound = await startSmtpServer({ credentials: lab.credentials.valid, starttls: true });
  servers.old = await startSmtpServer({ credentials: lab.credentials.expired, starttls: true });
  servers.unknown = await startHttpsServer({ credentials: lab.credentials.wrongname });
  const { storeCertificate } = await import("../certificates/store-certificate");
  await db.$transaction(async (tx) => {
    const b = await storeCertificate(tx, {
      der: lab.certs.valid.der,
      friendlyName: "Lab mail 2026",
      serverIds: [server.id],
    });
    const o = await storeCertificate(tx, {
      der: lab.certs.expired.der,
      friendlyName: "Lab mail 2024 (expired)",
      serverIds: [server.id],
    });
    await tx.certificate.update({ where: { id: o.id }, data: { status: "DateInvalid" } });
    for (const service of ["SMTP", "IIS"])
      await tx.serviceBinding.create({ data: { serverId: server.id, certificateId: b.id, service } });
    bound = b;
    old = o;
  });
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s?.stop()));
  await org?.lab.cleanup();
});

async function endpoint(service: string, port: number, starttls: string | null, host = "mx.lab.test") {
  const { addEndpoint } = await import("./add-endpoint");
  return addEndpoint(org.admin, { serverId: org.server.id, service, host, port, starttls });
}
const wrongCertAlerts = () => org.db.alert.findMany({ where: { kind: "WrongCertificateInUse" } });

describe("probeEndpointNow: the presented certificate vs the bound one", () => {
  test("an endpoint presenting the bound certificate is Valid and not flagged", async () => {
    const { probeEndpointNow } = await import("./probe-endpoint");
    const e = await endpoint("SMTP", servers.bound.port, "smtp");
    const before = (await wrongCertAlerts()).length;
    const r = await probeEndpointNow(org.helpdesk, e.id, { resolver: labResolver });
    expect(r.status).toBe("Valid");
    expect(r.report.leaf?.thumbprint).toBe(bound.thumbprint);
    expect(r.report.wrongCertificate).toBeNull();
    expect(r.report.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(r.alertCreated).toBe(false);
    expect(await wrongCertAlerts()).toHaveLength(before);
    const row = await org.db.endpoint.findUniqueOrThrow({ where: { id: e.id } });
    expect(row).toMatchObject({ lastStatus: "Valid", lastThumbprint: bound.thumbprint });
  });

  test("an endpoint still presenting the old (expired) certificate is flagged, named as known, and alerted once", async () => {
    const { probeEndpointNow } = await import("./probe-endpoint");
    const e = await endpoint("SMTP", servers.old.port, "smtp");
    const first = await probeEndpointNow(org.admin, e.id, { resolver: labResolver });
    expect(first.report.leaf?.thumbprint).toBe(old.thumbprint);
    expect(first.report.problems.map((p) => p.code)).toContain("ERR_EXPIRED");
    const wrong = first.report.wrongCertificate!;
    expect(wrong.presented.known).toMatchObject({ id: old.id, friendlyName: "Lab mail 2024 (expired)" });
    expect(wrong.bound.map((b) => b.thumbprint)).toEqual([bound.thumbprint]);
    expect(wrong.message).toContain(
      `thumbprint ${old.thumbprint}; known to the console as "Lab mail 2024 (expired)", DateInvalid, expired`,
    );
    expect(wrong.message).toContain(`thumbprint ${bound.thumbprint}`);
    expect(wrong.message).toContain(
      "Renewed but the old certificate is still in use — re-run the service assignment (Enable-ExchangeCertificate) / restart the service",
    );
    expect(wrong.message).toContain(
      `Enable-ExchangeCertificate -Server EX01 -Thumbprint ${bound.thumbprint} -Services SMTP, then Restart-Service MSExchangeTransport`,
    );
    expect(first.alertCreated).toBe(true);
    const key = `wrong-cert:${e.id}:${old.thumbprint}`;
    const alert = await org.db.alert.findUniqueOrThrow({ where: { key } });
    expect(alert).toMatchObject({
      kind: "WrongCertificateInUse",
      severity: "error",
      certificateId: bound.id,
      message: wrong.message,
    });

    const second = await probeEndpointNow(org.admin, e.id, { resolver: labResolver });
    expect(second.report.wrongCertificate).not.toBeNull();
    expect(second.alertCreated).toBe(false);
    expect(await org.db.alert.count({ where: { key } })).toBe(1);
    expect(await org.db.auditEvent.count({ where: { action: "endpoint.probe", targetId: e.id } })).toBe(2);
  });

  test("an HTTPS endpoint presenting a certificate the console has never seen is flagged as unknown", async () => {
    const { probeEndpointNow } = await import("./probe-endpoint");
    const e = await endpoint("IIS", servers.unknown.port, null, "other.lab.test");
    const r = await probeEndpointNow(org.admin, e.id, { resolver: labResolver });
    expect(r.status).toBe("Valid");
    expect(r.report.leaf?.known).toBeNull();
    expect(r.report.wrongCertificate?.message).toContain(
      `thumbprint ${thumbprint(org.lab.certs.wrongname.der)}; unknown to the console`,
    );
    expect(r.report.wrongCertificate?.message).toContain("-Services IIS, then iisreset");
    expect(r.alertCreated).toBe(true);
  });

  test("a service with nothing bound is not flagged (nothing to compare with) but marked unbound", async () => {
    const { probeEndpointNow } = await import("./probe-endpoint");
    const e = await endpoint("IMAP", servers.bound.port, "smtp");
    const r = await probeEndpointNow(org.admin, e.id, { resolver: labResolver });
    expect(r.report.wrongCertificate).toBeNull();
    expect(r.report.unbound).toBe(true);
    expect(r.alertCreated).toBe(false);
  });

  test("the Settings' URL allow-list governs loopback targets: without 127.0.0.1 the probe is refused by the SSRF guard", async () => {
    const { probeEndpointNow } = await import("./probe-endpoint");
    const e = await endpoint("SMTP", servers.bound.port, "smtp", "127.0.0.1");
    await org.db.setting.update({ where: { id: 1 }, data: { urlAllowList: "" } });
    try {
      const r = await probeEndpointNow(org.admin, e.id);
      expect(r.status).toBe("ConnectionFailed");
      expect(r.report.summary).toContain("refused to connect: 127.0.0.1 is");
      expect(r.report.leaf).toBeNull();
    } finally {
      await org.db.setting.update({ where: { id: 1 }, data: { urlAllowList: "127.0.0.1" } });
    }
    const allowed = await probeEndpointNow(org.admin, e.id);
    // Probed by IP: no SNI, and the certificate names mx.lab.test, not 127.0.0.1.
    expect(allowed.report.problems.map((p) => p.code)).toContain("ERR_NAME_MISMATCH");
    expect(allowed.report.leaf?.thumbprint).toBe(bound.thumbprint);
  });

  test("listEndpoints shows each endpoint with its bound certificates and the last finding; probeAllEndpoints probes them all", async () => {
    const { listEndpoints } = await import("./list-endpoints");
    const { probeAllEndpoints } = await import("./probe-all-endpoints");
    const progress: number[] = [];
    const all = await probeAllEndpoints(
      org.helpdesk,
      { onProgress: (done) => progress.push(done) },
      { resolver: labResolver },
    );
    expect(all.total).toBeGreaterThanOrEqual(4);
    expect(progress).toEqual(Array.from({ length: all.total }, (_, i) => i + 1));
    expect(all.results.every((r) => "status" in r)).toBe(true);
    const rows = await listEndpoints(org.helpdesk);
    const oldRow = rows.find((r) => r.port === servers.old.port)!;
    expect(oldRow).toMatchObject({
      server: "EX01",
      service: "SMTP",
      wrongCertificate: true,
      lastThumbprint: old.thumbprint,
    });
    expect(oldRow.bound.map((b) => b.thumbprint)).toEqual([bound.thumbprint]);
    expect(oldRow.alerts.map((a) => a.key)).toEqual([`wrong-cert:${oldRow.id}:${old.thumbprint}`]);
    expect(
      rows.find((r) => r.port === servers.bound.port && r.service === "SMTP" && r.host === "mx.lab.test"),
    ).toMatchObject({ wrongCertificate: false, lastStatus: "Valid" });
    // still one alert per endpoint and presented certificate (the old SMTP one and the unknown HTTPS one)
    expect(await org.db.alert.count({ where: { kind: "WrongCertificateInUse" } })).toBe(2);
  });
});

describe("alert delivery", () => {
  test("a new WrongCertificateInUse alert is emailed through the configured relay (a real SMTP server) and the delivery recorded", async () => {
    const { probeEndpointNow } = await import("./probe-endpoint");
    const relay = await startSmtpServer({ credentials: org.lab.credentials.valid, starttls: false });
    await org.db.setting.update({
      where: { id: 1 },
      data: {
        alertEmailEnabled: true,
        smtpRelayHost: relay.host,
        smtpRelayPort: relay.port,
        smtpRelayStartTls: false,
        alertTo: "messaging-team@lab.test",
      },
    });
    try {
      const e = await endpoint("SMTP", servers.old.port, "smtp", "expired.lab.test");
      const first = await probeEndpointNow(org.admin, e.id, { resolver: labResolver });
      expect(first.alertCreated).toBe(true);
      expect(relay.received).toHaveLength(1);
      expect(relay.received[0]!.to).toEqual(["messaging-team@lab.test"]);
      expect(relay.received[0]!.raw).toContain("WrongCertificateInUse");
      expect(relay.received[0]!.raw).toContain(old.thumbprint);
      const alert = await org.db.alert.findUniqueOrThrow({
        where: { key: `wrong-cert:${e.id}:${old.thumbprint}` },
      });
      expect(alert.deliveries).toEqual([expect.objectContaining({ channel: "email", ok: true })]);
      // Fires once: a second probe sends nothing more.
      await probeEndpointNow(org.admin, e.id, { resolver: labResolver });
      expect(relay.received).toHaveLength(1);
    } finally {
      await org.db.setting.update({
        where: { id: 1 },
        data: { alertEmailEnabled: false, smtpRelayHost: "" },
      });
      await relay.stop();
    }
  });
});

describe("background job", () => {
  test("runProbeEndpointsJob probes every endpoint under a lease, audited as system, without repeating alerts", async () => {
    const { runProbeEndpointsJob, PROBE_ENDPOINTS_JOB } = await import("./probe-endpoints-job");
    const alertsBefore = await org.db.alert.count();
    const endpoints = await org.db.endpoint.count();
    const ran = await runProbeEndpointsJob({ resolver: labResolver });
    expect(ran).toBe(true);
    const lock = await org.db.jobLock.findUniqueOrThrow({ where: { name: PROBE_ENDPOINTS_JOB } });
    expect(lock.progress).toMatchObject({ done: endpoints, total: endpoints });
    expect(lock.holder).toBeNull();
    expect(await org.db.auditEvent.count({ where: { action: "endpoint.probe", actorName: "system" } })).toBe(
      endpoints,
    );
    expect(await org.db.alert.count()).toBe(alertsBefore);
  });

  test("a second instance does not run the job while the lease is held", async () => {
    const { runProbeEndpointsJob, PROBE_ENDPOINTS_JOB } = await import("./probe-endpoints-job");
    await org.db.jobLock.update({
      where: { name: PROBE_ENDPOINTS_JOB },
      data: { holder: "another-instance", leaseUntil: new Date(Date.now() + 60_000) },
    });
    try {
      expect(await runProbeEndpointsJob({ resolver: labResolver })).toBe(false);
    } finally {
      await org.db.jobLock.update({
        where: { name: PROBE_ENDPOINTS_JOB },
        data: { holder: null, leaseUntil: null },
      });
    }
  });
});

describe("roles and validation", () => {
  test.each([
    [
      "add",
      async () =>
        (await import("./add-endpoint")).addEndpoint(org.helpdesk, {
          serverId: org.server.id,
          service: "IIS",
          host: "mail.lab.test",
          port: 443,
        }),
    ],
    [
      "remove",
      async () =>
        (await import("./remove-endpoint")).removeEndpoint(
          org.helpdesk,
          (await org.db.endpoint.findFirstOrThrow()).id,
        ),
    ],
  ])("helpdesk cannot %s an endpoint", async (_what, act) => {
    const before = await org.db.endpoint.count();
    await expect(act()).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
    expect(await org.db.endpoint.count()).toBe(before);
  });

  test.each([
    [{ service: "IIS", host: "https://mail.lab.test", port: 443 }, /host/],
    [{ service: "IIS", host: "mail.lab.test", port: 70000 }, /port/],
    [{ service: "Web", host: "mail.lab.test", port: 443 }, /service/],
    [{ service: "SMTP", host: "mail.lab.test", port: 25, starttls: "ftp" }, /starttls/],
  ])("bad input %j is refused and changes nothing", async (input, field) => {
    const { addEndpoint } = await import("./add-endpoint");
    const before = await org.db.endpoint.count();
    await expect(addEndpoint(org.admin, { serverId: org.server.id, ...input })).rejects.toMatchObject({
      code: "ERR_VALIDATION",
      message: expect.stringMatching(field),
    });
    expect(await org.db.endpoint.count()).toBe(before);
  });

  test("a duplicate endpoint is a conflict; an admin removes an endpoint, audited", async () => {
    const { addEndpoint } = await import("./add-endpoint");
    const { removeEndpoint } = await import("./remove-endpoint");
    const e = await addEndpoint(org.admin, {
      serverId: org.server.id,
      service: "POP",
      host: "pop.lab.test",
      port: 995,
    });
    await expect(
      addEndpoint(org.admin, { serverId: org.server.id, service: "POP", host: "POP.lab.test.", port: 995 }),
    ).rejects.toMatchObject({ code: "ERR_CONFLICT" });
    await removeEndpoint(org.admin, e.id);
    expect(await org.db.endpoint.findUnique({ where: { id: e.id } })).toBeNull();
    expect(
      await org.db.auditEvent.findMany({
        where: { targetId: e.id },
        select: { action: true },
        orderBy: { at: "asc" },
      }),
    ).toEqual([{ action: "endpoint.add" }, { action: "endpoint.remove" }]);
  });
});
