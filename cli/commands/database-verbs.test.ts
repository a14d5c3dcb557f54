import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { certctl as run, consoleOrg } from "./__fixtures__/console-org";

let dir = "";
const db = async () => (await import("@/lib/server/db")).db;

beforeAll(async () => {
  await consoleOrg();
  dir = mkdtempSync(path.join(tmpdir(), "certctl-db-"));
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "cli.key", "-out", "cli.pem", "-subj", "/CN=cli.contoso.com", "-days", "30", "-addext", "subjectAltName=DNS:cli.contoso.com");
  openssl("pkcs12", "-export", "-inkey", "cli.key", "-in", "cli.pem", "-passout", "pass:Cl1-pass!", "-out", "O'Brien $Test.pfx");
});

describe("certctl over the console database: the browser's use-cases, refusals and audit", () => {
  test("CLI refusals audited: certctl enable --as helpdesk is refused and leaves an audit row", async () => {
    const mail = await (await db()).certificate.findFirstOrThrow({ where: { friendlyName: "Contoso public mail 2026" } });
    const r = await run("enable", "--thumbprint", mail.thumbprint, "--server", "EXCAS1", "--services", "POP", "--as", "helpdesk");
    expect(r.code).toBe(1);
    expect(r.out).toContain("ERR_FORBIDDEN");
    const audit = await (await db()).auditEvent.findFirstOrThrow({ where: { actorName: "helpdesk", outcome: "refused" }, orderBy: { at: "desc" } });
    expect(audit).toMatchObject({ action: "cli.enable", targetId: mail.thumbprint });
  });

  test("CLI refusals audited: acting as a user the console does not have is refused and leaves an audit row (issue 12, finding 8)", async () => {
    const mail = await (await db()).certificate.findFirstOrThrow({ where: { friendlyName: "Contoso public mail 2026" } });
    const r = await run("enable", "--thumbprint", mail.thumbprint, "--server", "EXCAS1", "--services", "POP", "--as", "mallory");
    expect(r.code).not.toBe(0);
    const audit = await (await db()).auditEvent.findFirstOrThrow({ where: { actorName: "mallory", outcome: "refused" } });
    expect(audit).toMatchObject({ action: "cli.enable", actorRole: "anonymous", targetId: mail.thumbprint, details: { code: "ERR_UNAUTHENTICATED", clientAddress: "cli" } });
  });

  test("get --domain answers which certificate Exchange would pick for the host name on each server; --status filters", async () => {
    const picked = await run("get", "--server", "EXCAS1", "--domain", "autodiscover.contoso.com", "--json");
    expect(picked.code).toBe(0);
    // Exact-name certificates on EXCAS1: the mail certificate, the expired one (never picked) and the newest one.
    expect((JSON.parse(picked.out) as { FriendlyName: string }[]).map((r) => r.FriendlyName)).toEqual(["Autodiscover (CRL server offline)"]);
    const none = await run("get", "--server", "EDGE1", "--domain", "mail.contoso.com");
    expect(none.code).toBe(1);
    expect(none.out).toContain("No certificate on EDGE1 would be picked for mail.contoso.com.");
    const revoked = await run("get", "--status", "DateInvalid", "--json");
    expect((JSON.parse(revoked.out) as { FriendlyName: string; Status: string }[]).map((r) => [r.FriendlyName, r.Status])).toEqual([["Old mail certificate 2024", "DateInvalid"]]);
  });

  test("new-request --server stores a pending request through the wizard's use-case and prints the EMS line with the hostile friendly name quoted", async () => {
    const r = await run("new-request", "--server", "EX01", "--subject", "C=US,O=Contoso,CN=cli-req.contoso.com", "--domain", "cli-req.contoso.com", "--friendly-name", "O'Brien $Test");
    expect(r.code).toBe(0);
    expect(r.out).toContain("-----BEGIN NEW CERTIFICATE REQUEST-----");
    expect(r.out).toContain("The following Exchange Management Shell command completed successfully:");
    expect(r.out).toContain(`New-ExchangeCertificate -Server EX01 -GenerateRequest -SubjectName "C=US,O=Contoso,CN=cli-req.contoso.com" -DomainName cli-req.contoso.com -KeySize 2048 -PrivateKeyExportable $true -FriendlyName "O'Brien \`$Test"`);
    const row = await (await db()).certificateRequest.findFirstOrThrow({ where: { friendlyName: "O'Brien $Test" } });
    expect(row.subject).toBe("CN=cli-req.contoso.com, O=Contoso, C=US");
    expect(await (await db()).auditEvent.count({ where: { action: "certificate.request.new", targetId: row.id, actorName: "admin" } })).toBe(1);
  });

  test("import, export, remove: the wizards' use-cases, with their EMS lines", async () => {
    const file = path.join(dir, "O'Brien $Test.pfx");
    const imported = await run("import", "--file", file, "--server", "EX01", "--password", "Cl1-pass!", "--exportable", "--json");
    expect(imported.code).toBe(0);
    const result = JSON.parse(imported.out) as { thumbprint: string; status: string; ems: string[] };
    expect(result.ems).toEqual([`Import-ExchangeCertificate -Server EX01 -FileData ([System.IO.File]::ReadAllBytes('C:\\certs\\O''Brien $Test.pfx')) -Password (Get-Credential).Password -PrivateKeyExportable $true`]);
    // Self-signed and not in any trust store of EX01: the full status was computed before the import returned.
    expect(result.status).toBe("Untrusted");

    const out = path.join(dir, "exported.pfx");
    const exported = await run("export", "--thumbprint", result.thumbprint, "--out", out, "--password", "Exp0rt-pass!");
    expect(exported.code).toBe(0);
    expect(exported.out).toContain(`$bin = Export-ExchangeCertificate -Server EX01 -Thumbprint ${result.thumbprint} -BinaryEncoded -Password (Get-Credential).Password`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const subject = execFileSync("openssl", ["pkcs12", "-in", out, "-passin", "pass:Exp0rt-pass!", "-nokeys", "-clcerts"]).toString();
    expect(subject).toMatch(/subject=\s*CN\s*=\s*cli\.contoso\.com/);
    expect(readFileSync(out).length).toBeGreaterThan(1000);

    const helpdesk = await run("export", "--thumbprint", result.thumbprint, "--out", path.join(dir, "x.pfx"), "--password", "Exp0rt-pass!", "--as", "helpdesk");
    expect(helpdesk.code).toBe(1);
    expect(await (await db()).auditEvent.count({ where: { action: "cli.export", actorName: "helpdesk", outcome: "refused" } })).toBe(1);

    const removed = await run("remove", "--thumbprint", result.thumbprint, "--server", "EX01");
    expect(removed.code).toBe(0);
    expect(removed.out).toContain(`Remove-ExchangeCertificate -Server EX01 -Thumbprint ${result.thumbprint} -Confirm:$false`);
  });

  test("remove refuses a certificate in use, as the browser does, and the use-case audits the refusal", async () => {
    const mail = await (await db()).certificate.findFirstOrThrow({ where: { friendlyName: "Contoso public mail 2026" } });
    const r = await run("remove", "--thumbprint", mail.thumbprint, "--server", "EXCAS1");
    expect(r.code).toBe(1);
    expect(r.out).toContain("ERR_CERT_IN_USE");
    expect(await (await db()).auditEvent.count({ where: { action: "certificate.remove", targetId: mail.id, outcome: "refused" } })).toBe(1);
  });

  test("renew of a self-signed certificate makes a new self-signed certificate at once", async () => {
    const self = await (await db()).certificate.findFirstOrThrow({ where: { friendlyName: "Microsoft Exchange", installations: { some: { server: { name: "EX01" } } } } });
    const r = await run("renew", "--thumbprint", self.thumbprint, "--server", "EX01", "--not-exportable");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^New self-signed certificate [0-9A-F]{40} on EX01 \(status Valid\)/);
    expect(r.out).toContain(`Get-ExchangeCertificate -Server EX01 -Thumbprint ${self.thumbprint} | New-ExchangeCertificate -Force -KeySize 2048 -PrivateKeyExportable $false`);
  });
});
