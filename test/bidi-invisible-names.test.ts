// Regression (issue 12, finding 9): a friendly name or subject holding U+202E (RIGHT-TO-LEFT OVERRIDE) displayed
// "invoice‮gpj.exe" as "invoiceexe.jpg". An openssl-made certificate whose CN and SAN carry U+202E, exported to a
// PFX whose friendly name carries it too, is imported through the real use-case: the list (what the UI's
// certificate list, details and dashboard read), the CLI (`certctl get`, `certctl inspect`) and the EMS line show
// the character visibly, and no raw U+202E comes out anywhere.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "./test-database";

const RLO = "\u202E";
let dir = "";
let pfxPath = "";
let pfxBytes: Uint8Array;

async function certctl(...argv: string[]) {
  const { main } = await import("@/cli/certctl");
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

beforeAll(async () => {
  const dbDir = await useTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), "certconsole-bidi-"));
  writeFileSync(path.join(dir, "ext.cnf"), `subjectAltName = DNS:mail.contoso.com,DNS:invoice${RLO}gpj.exe.contoso.com\n`);
  execFileSync("openssl", ["req", "-x509", "-utf8", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "leaf.key", "-out", "leaf.pem", "-days", "30", "-subj", `/O=Contoso/CN=invoice${RLO}gpj.exe`, "-addext", `subjectAltName=DNS:mail.contoso.com,DNS:invoice${RLO}gpj.exe.contoso.com`], { cwd: dir, stdio: "pipe" });
  const { readBundle } = await import("@/lib/pki/formats/read-bundle");
  const { exportPkcs12 } = await import("@/lib/pki/pkcs12/export");
  const bundle = await readBundle(new Uint8Array(readFileSync(path.join(dir, "leaf.pem"))));
  const key = await readBundle(new Uint8Array(readFileSync(path.join(dir, "leaf.key"))));
  pfxBytes = exportPkcs12({ certificate: bundle.certificates[0]!.der, privateKey: key.privateKeys[0]!.pkcs8, password: "Secr3t!", friendlyName: `report${RLO}fdp.exe` });
  pfxPath = path.join(dir, "leaf.pfx");
  writeFileSync(pfxPath, pfxBytes);
  void dbDir;
  const { ensureSettings, ensureUsers } = await import("@/lib/server/bootstrap/ensure-users");
  await ensureSettings();
  await ensureUsers({});
}, 60_000);

describe("bidirectional and invisible characters in names are shown visibly", () => {
  test("import → list, CLI get/inspect and the EMS line show <U+202E>, never the raw character", async () => {
    const { db } = await import("@/lib/server/db");
    const { importCertificate } = await import("@/lib/server/certificates/import-certificate");
    const { listCertificates } = await import("@/lib/server/certificates/list-certificates");
    const admin = { userId: (await db.user.findUniqueOrThrow({ where: { username: "admin" } })).id, username: "admin", role: "admin" as const };
    const server = await db.server.create({ data: { name: "EXBIDI1", fqdn: "exbidi1.contoso.local", role: "Mailbox" } });

    const imported = await importCertificate(admin, { bytes: pfxBytes, password: "Secr3t!", fileName: `photo${RLO}gpj.exe.pfx` }, { serverIds: [server.id] });
    // The EMS line: the file name's U+202E as a PowerShell subexpression (valid in Windows PowerShell 5.1).
    expect(imported.ems[0]).toContain("[System.IO.File]::ReadAllBytes(\"C:\\certs\\photo$([char]0x202E)gpj.exe.pfx\")");
    expect(imported.subject).toBe("CN=invoice<U+202E>gpj.exe, O=Contoso");

    const { certificateFiltersSchema } = await import("@/lib/validations/certificate-filters");
    const list = await listCertificates(admin, certificateFiltersSchema.parse({}));
    const row = JSON.stringify(list);
    expect(row).toContain("CN=invoice<U+202E>gpj.exe, O=Contoso");
    expect(row).toContain("report<U+202E>fdp.exe");
    expect(row).toContain("invoice<U+202E>gpj.exe.contoso.com");
    expect(row).not.toContain(RLO);

    const get = await certctl("get", "--server", "EXBIDI1");
    expect(get.code).toBe(0);
    expect(get.out).toMatch(/FriendlyName\s+: report<U\+202E>fdp\.exe/);
    expect(get.out).toMatch(/Subject\s+: CN=invoice<U\+202E>gpj\.exe, O=Contoso/);
    expect(get.out).toContain("invoice<U+202E>gpj.exe.contoso.com");
    expect(get.out).not.toContain(RLO);

    const inspect = await certctl("inspect", pfxPath, "--password", "Secr3t!");
    expect(inspect.code).toBe(0);
    expect(inspect.out).toMatch(/FriendlyName\s+: report<U\+202E>fdp\.exe/);
    expect(inspect.out).toContain("CN=invoice<U+202E>gpj.exe");
    expect(inspect.out).not.toContain(RLO);
  }, 60_000);

  test("a friendly name typed in a wizard is kept visible, and EMS lines quote what they are given validly", async () => {
    const { importOptionsSchema } = await import("@/lib/validations/certificate-wizards");
    expect(importOptionsSchema.parse({ serverIds: ["x"], friendlyName: `Exchange${RLO}2026\u200B` }).friendlyName).toBe("Exchange<U+202E>2026<U+200B>");
    const { importCommand, quotePowerShell } = await import("@/lib/pki/exchange/ems");
    expect(quotePowerShell(`a${RLO}b$c`)).toBe('"a$([char]0x202E)b`$c"');
    expect(importCommand({ server: "EX01", fileName: `x${RLO}.pfx`, withPassword: false, exportable: false })[0]).toContain('ReadAllBytes("C:\\certs\\x$([char]0x202E).pfx")');
  });
});
