// certctl probe against real loopback servers (smtp-server, node:https, slapd; IMAP/POP3 stubs) presenting lab certificates.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { main } from "@/cli/certctl";
import { closedPort, createProbeLab, startHttpsServer, startSlapd, startSmtpServer, startStartTlsStub, type CertKind, type ProbeLab, type TestServer } from "@/test/harness/tls-servers";
import { parseTarget } from "./probe";

/** The name each lab certificate is probed for (the wrong-name certificate is probed for mx.lab.test). */
const probeName = (kind: CertKind): string => ({ valid: "mx.lab.test", expired: "expired.lab.test", wrongname: "mx.lab.test", untrusted: "mx.lab.test", revoked: "revoked.lab.test" })[kind];

let lab: ProbeLab;
const servers: Record<string, TestServer> = {};

const KINDS: CertKind[] = ["valid", "expired", "wrongname", "untrusted", "revoked"];
const PROTOCOLS = ["smtp", "https", "imap", "pop3", "ldap"] as const;

beforeAll(async () => {
  lab = await createProbeLab();
  for (const protocol of PROTOCOLS) {
    for (const kind of KINDS) {
      const credentials = lab.credentials[kind];
      servers[`${protocol}/${kind}`] =
        protocol === "smtp"
          ? await startSmtpServer({ credentials, starttls: true })
          : protocol === "https"
            ? await startHttpsServer({ credentials })
            : protocol === "ldap"
              ? await startSlapd({ credentials })
              : await startStartTlsStub({ protocol, credentials, starttls: true });
    }
  }
  servers["smtp/notls"] = await startSmtpServer({ credentials: lab.credentials.valid, starttls: false });
  servers["imap/notls"] = await startStartTlsStub({ protocol: "imap", credentials: lab.credentials.valid, starttls: false });
  servers["pop3/notls"] = await startStartTlsStub({ protocol: "pop3", credentials: lab.credentials.valid, starttls: false });
  servers["ldap/notls"] = await startSlapd({});
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
  await lab?.cleanup();
});

async function certctl(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

const target = (key: string) => `127.0.0.1:${servers[key]!.port}`;

describe("certctl probe --json", () => {
  const EXPECTED: Record<CertKind, [number, string, string | null]> = {
    valid: [0, "Valid", null],
    expired: [1, "DateInvalid", "ERR_EXPIRED"],
    wrongname: [1, "Invalid", "ERR_NAME_MISMATCH"],
    untrusted: [1, "Untrusted", "ERR_NO_PATH"],
    revoked: [1, "Revoked", "ERR_REVOKED"],
  };
  const starttlsFlag = (protocol: string) => (protocol === "https" ? [] : ["--starttls", protocol]);
  test.each<[string, string, string[], number, string, string | null]>([
    ...PROTOCOLS.flatMap((protocol) => KINDS.map((kind) => [`${protocol}, ${kind}`, `${protocol}/${kind}`, [...starttlsFlag(protocol), "--name", probeName(kind)], ...EXPECTED[kind]] as [string, string, string[], number, string, string | null])),
    ...(["smtp", "imap", "pop3", "ldap"] as const).map((protocol) => [`${protocol} without STARTTLS`, `${protocol}/notls`, ["--starttls", protocol, "--name", "mx.lab.test"], 1, "NoTls", "ERR_PROBE_NO_STARTTLS"] as [string, string, string[], number, string, string | null]),
    ["HTTPS, revoked but --no-revocation", "https/revoked", ["--name", "revoked.lab.test", "--no-revocation"], 0, "Valid", null],
  ])("%s", async (_label, key, flags, exit, status, code) => {
    const r = await certctl("probe", target(key), ...flags, "--trust", lab.rootPath, "--allow-private", "--timeout", "5000", "--json");
    expect(r.err).toBe("");
    expect(r.code).toBe(exit);
    const json = JSON.parse(r.out) as { status: string; chain: string[]; protocol: string | null; cipher: string | null; problems: { code: string }[]; summary: string };
    expect(json.status).toBe(status);
    if (code) expect(json.problems.map((p) => p.code)).toContain(code);
    else expect(json.problems).toEqual([]);
    if (status === "NoTls") expect(json.chain).toEqual([]);
    else {
      expect(json.protocol).toBe("TLSv1.3");
      expect(json.cipher).toMatch(/^TLS_/);
      expect(json.chain[0]).toMatch(/^[0-9A-F]{40}$/);
    }
    expect(json.summary).toContain(`127.0.0.1:${servers[key]!.port}`);
  });

  test("a closed port → ConnectionFailed, exit 1, with the reason", async () => {
    const port = await closedPort();
    const r = await certctl("probe", `127.0.0.1:${port}`, "--allow-private", "--trust", lab.rootPath, "--json");
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { status: string; problems: { code: string; message: string }[] };
    expect(json.status).toBe("ConnectionFailed");
    expect(json.problems).toEqual([{ depth: null, code: "ERR_PROBE_REFUSED", message: `connection refused by 127.0.0.1:${port}` }]);
  });

  test("loopback without --allow-private is refused by the SSRF guard", async () => {
    const r = await certctl("probe", target("https/valid"), "--trust", lab.rootPath, "--json");
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { status: string; problems: { code: string; message: string }[] };
    expect(json.status).toBe("ConnectionFailed");
    expect(json.problems.map((p) => p.code)).toEqual(["ERR_PROBE_BLOCKED_ADDRESS"]);
    expect(json.problems[0]!.message).toContain("--allow-private");
  });

  test("without --trust the bundled Mozilla roots are used, so the lab chain is Untrusted", async () => {
    const r = await certctl("probe", target("https/valid"), "--name", "mx.lab.test", "--allow-private", "--no-revocation", "--json");
    expect(r.code).toBe(1);
    expect((JSON.parse(r.out) as { status: string }).status).toBe("Untrusted");
  });
});

describe("certctl probe, readable output and usage", () => {
  test("the readable view shows status, chain, protocol and the summary", async () => {
    const r = await certctl("probe", target("smtp/expired"), "--starttls", "smtp", "--name", "expired.lab.test", "--trust", lab.rootPath, "--allow-private");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^Target {6}: 127\.0\.0\.1:\d+ \(STARTTLS smtp\) via direct$/m);
    expect(r.out).toMatch(/^Status {6}: DateInvalid$/m);
    expect(r.out).toMatch(/^Protocol {4}: TLSv1\.3$/m);
    expect(r.out).toMatch(/^ {2}\[0\] CN=expired\.lab\.test, O=Certconsole Lab$/m);
    expect(r.out).toMatch(/^ {2}\[depth 0\] ERR_EXPIRED: /m);
    expect(r.out).toMatch(/^Summary {5}: 127\.0\.0\.1:\d+ \(STARTTLS SMTP\) presented CN=expired\.lab\.test.* which expired on \d{4}-\d\d-\d\d/m);
  });

  test.each<[string, string[], RegExp]>([
    ["no target", [], /exactly one host:port/],
    ["two targets", ["a:1", "b:2"], /exactly one host:port/],
    ["bad --starttls", ["mx.fabrikam.com:25", "--starttls", "ftp"], /--starttls must be one of smtp, imap, pop3, ldap/],
    ["bad port", ["mx.fabrikam.com:99999"], /not a TCP port/],
    ["bad --timeout", ["mx.fabrikam.com:25", "--timeout", "soon"], /--timeout must be a positive number/],
    ["unknown flag", ["mx.fabrikam.com:25", "--verify-hard"], /Unknown option/],
    ["unreadable --trust", ["mx.fabrikam.com:25", "--trust", "/nonexistent/root.pem"], /ERR_INPUT_UNREADABLE: cannot read \/nonexistent\/root\.pem/],
  ])("%s → exit 2", async (_label, args, message) => {
    const r = await certctl("probe", ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  test.each<[string, number, { host: string; port: number }]>([
    ["mx.fabrikam.com:25", 443, { host: "mx.fabrikam.com", port: 25 }],
    ["mx.fabrikam.com", 25, { host: "mx.fabrikam.com", port: 25 }],
    ["[2001:db8::1]:993", 443, { host: "2001:db8::1", port: 993 }],
    ["2001:db8::1", 443, { host: "2001:db8::1", port: 443 }],
    ["192.0.2.10:8443", 443, { host: "192.0.2.10", port: 8443 }],
  ])("parseTarget(%s)", (text, def, expected) => expect(parseTarget(text, def)).toEqual(expected));

  test("runs as a process through bin/certctl.mjs", async () => {
    const run = promisify(execFile);
    const args = [path.resolve("bin/certctl.mjs"), "probe", target("smtp/valid"), "--starttls", "smtp", "--name", "mx.lab.test", "--trust", lab.rootPath, "--allow-private", "--json"];
    const { stdout } = await run(process.execPath, args, { encoding: "utf8" });
    const json = JSON.parse(stdout) as { status: string; chain: string[] };
    expect(json.status).toBe("Valid");
    expect(json.chain).toHaveLength(3);
    const failed = await run(process.execPath, [path.resolve("bin/certctl.mjs"), "probe", target("https/expired"), "--name", "expired.lab.test", "--trust", lab.rootPath, "--allow-private", "--json"]).catch((e: { code: number; stdout: string }) => e);
    expect("code" in failed ? failed.code : 0).toBe(1);
    expect((JSON.parse(failed.stdout) as { status: string }).status).toBe("DateInvalid");
  }, 30_000);
});
