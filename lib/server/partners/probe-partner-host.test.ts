// Partner hosts of the domain-secured list against real SMTP servers on loopback (smtp-server) presenting each kind
// of certificate from the probe lab (valid, expired, wrong name, untrusted root, revoked on a live CRL), one that
// does not offer STARTTLS, and a closed port.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  CERT_KINDS,
  closedPort,
  startSmtpServer,
  type CertKind,
  type TestServer,
} from "@/test/harness/tls-servers";
import { labResolver, probeOrg } from "../endpoints/__fixtures__/probe-org";

let org: Awaited<ReturnType<typeof probeOrg>>;
const smtp = new Map<CertKind, TestServer>();
let noStartTls: TestServer;

beforeAll(async () => {
  org = await probeOrg();
  for (const kind of CERT_KINDS)
    smtp.set(kind, await startSmtpServer({ credentials: org.lab.credentials[kind], starttls: true }));
  noStartTls = await startSmtpServer({ credentials: org.lab.credentials.valid, starttls: false });
}, 60_000);

afterAll(async () => {
  await Promise.all([...smtp.values(), noStartTls].map((s) => s?.stop()));
  await org?.lab.cleanup();
});

async function partner(host: string, port: number, starttls: string | null = "smtp") {
  const { addPartnerHost } = await import("./add-partner-host");
  return addPartnerHost(org.admin, { domain: "lab.test", host, port, starttls });
}

const EXPECTED: Record<CertKind | "notls", { status: string; code?: string; summary: RegExp }> = {
  valid: { status: "Valid", summary: /presented CN=mx\.lab\.test.*The certificate is valid for this name\./ },
  expired: {
    status: "DateInvalid",
    code: "ERR_EXPIRED",
    summary: /which expired on \d{4}-\d\d-\d\d.*Status DateInvalid/,
  },
  wrongname: { status: "Invalid", code: "ERR_NAME_MISMATCH", summary: /Status Invalid: .*mx\.lab\.test/ },
  untrusted: {
    status: "Untrusted",
    code: "ERR_NO_PATH",
    summary: /issued by CN=Fabrikam Private Root CA.*Status Untrusted/,
  },
  revoked: { status: "Revoked", code: "ERR_REVOKED", summary: /Status Revoked: .*revoked/i },
  notls: {
    status: "NoTls",
    code: "ERR_PROBE_NO_STARTTLS",
    summary: /does not offer TLS: .*domain-secured \(TLS required\) connector will not deliver/,
  },
};

describe("probePartnerHostNow", () => {
  test.each([...CERT_KINDS, "notls" as const])(
    "a partner presenting the %s certificate gets the right status, problems and summary",
    async (kind) => {
      const { probePartnerHostNow } = await import("./probe-partner-host");
      const server = kind === "notls" ? noStartTls : smtp.get(kind)!;
      const host = kind === "notls" ? "mx.lab.test" : org.lab.nameFor(kind);
      const p = await partner(host, server.port);
      const r = await probePartnerHostNow(org.helpdesk, p.id, { resolver: labResolver });
      const expected = EXPECTED[kind];
      expect(r.status).toBe(expected.status);
      if (expected.code) expect(r.report.problems.map((x) => x.code)).toContain(expected.code);
      else expect(r.report.problems).toEqual([]);
      expect(r.report.summary).toMatch(expected.summary);
      if (kind === "notls") {
        expect(r.report.leaf).toBeNull();
        expect(r.report.capabilities.length).toBeGreaterThan(0);
      } else {
        expect(r.report.leaf?.thumbprint).toBe(r.report.presented[0]);
        expect(r.report.protocol).toMatch(/^TLSv1\.[23]$/);
        expect(r.report.cipher).toMatch(/^TLS_/);
        expect(r.report.chain.length).toBeGreaterThanOrEqual(2);
      }
      const row = await org.db.partnerHost.findUniqueOrThrow({ where: { id: p.id } });
      expect(row.lastStatus).toBe(expected.status);
      expect(row.lastProbeAt).not.toBeNull();
      // A problem raises one PartnerProblem alert; probing again does not repeat it.
      expect(r.alertCreated).toBe(expected.status !== "Valid");
      const again = await probePartnerHostNow(org.helpdesk, p.id, { resolver: labResolver });
      expect(again.status).toBe(expected.status);
      expect(again.alertCreated).toBe(false);
      const alerts = await org.db.alert.findMany({
        where: { kind: "PartnerProblem", key: { startsWith: `partner:${p.id}:` } },
      });
      expect(alerts).toHaveLength(expected.status === "Valid" ? 0 : 1);
      if (alerts[0]) expect(alerts[0].message).toBe(`Partner lab.test: ${r.report.summary}`);
    },
  );

  test("a closed port is ConnectionFailed with the reason, and raises no alert (it may be our own network)", async () => {
    const { probePartnerHostNow } = await import("./probe-partner-host");
    const p = await partner("mx.lab.test", await closedPort());
    const r = await probePartnerHostNow(org.admin, p.id, { resolver: labResolver });
    expect(r.status).toBe("ConnectionFailed");
    expect(r.report.summary).toMatch(/nothing answered — .*refused/);
    expect(r.alertCreated).toBe(false);
  });

  test("probeAllPartnerHosts probes every host and reports progress; listPartnerHosts shows the last reports", async () => {
    const { probeAllPartnerHosts } = await import("./probe-all-partner-hosts");
    const { listPartnerHosts } = await import("./list-partner-hosts");
    const progress: number[] = [];
    const all = await probeAllPartnerHosts(
      org.helpdesk,
      { onProgress: (done) => progress.push(done) },
      { resolver: labResolver },
    );
    expect(all.total).toBe(CERT_KINDS.length + 2);
    expect(progress).toEqual(Array.from({ length: all.total }, (_, i) => i + 1));
    const rows = await listPartnerHosts(org.helpdesk);
    expect(rows.map((r) => r.lastStatus).sort()).toEqual([
      "ConnectionFailed",
      "DateInvalid",
      "Invalid",
      "NoTls",
      "Revoked",
      "Untrusted",
      "Valid",
    ]);
    expect(rows.every((r) => r.report?.summary)).toBe(true);
  });
});

describe("roles and validation", () => {
  test.each([
    [
      "add",
      async () =>
        (await import("./add-partner-host")).addPartnerHost(org.helpdesk, {
          domain: "fabrikam.com",
          host: "mx.fabrikam.com",
        }),
    ],
    [
      "remove",
      async () =>
        (await import("./remove-partner-host")).removePartnerHost(
          org.helpdesk,
          (await org.db.partnerHost.findFirstOrThrow()).id,
        ),
    ],
  ])("helpdesk cannot %s a partner host", async (_what, act) => {
    const before = await org.db.partnerHost.count();
    await expect(act()).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
    expect(await org.db.partnerHost.count()).toBe(before);
  });

  test.each([
    [{ domain: "fabrikam", host: "mx.fabrikam.com" }, /domain/],
    [{ domain: "fabrikam.com", host: "mx.fabrikam.com:25" }, /host/],
    [{ domain: "fabrikam.com", host: "mx.fabrikam.com", port: 0 }, /port/],
  ])("bad input %j is refused and changes nothing", async (input, field) => {
    const { addPartnerHost } = await import("./add-partner-host");
    const before = await org.db.partnerHost.count();
    await expect(addPartnerHost(org.admin, input)).rejects.toMatchObject({
      code: "ERR_VALIDATION",
      message: expect.stringMatching(field),
    });
    expect(await org.db.partnerHost.count()).toBe(before);
  });

  test("an admin adds (STARTTLS SMTP on 25 by default) and removes a partner host, audited; duplicates conflict", async () => {
    const { addPartnerHost } = await import("./add-partner-host");
    const { removePartnerHost } = await import("./remove-partner-host");
    const p = await addPartnerHost(org.admin, { domain: "Fabrikam.com", host: "MX.Fabrikam.com" });
    expect(p).toMatchObject({ domain: "fabrikam.com", host: "mx.fabrikam.com", port: 25, starttls: "smtp" });
    await expect(
      addPartnerHost(org.admin, { domain: "fabrikam.com", host: "mx.fabrikam.com", port: 25 }),
    ).rejects.toMatchObject({ code: "ERR_CONFLICT" });
    await removePartnerHost(org.admin, p.id);
    expect(
      await org.db.auditEvent.findMany({
        where: { targetId: p.id },
        select: { action: true },
        orderBy: { at: "asc" },
      }),
    ).toEqual([{ action: "partner.add" }, { action: "partner.remove" }]);
  });
});
