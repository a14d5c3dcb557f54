import { describe, expect, test } from "vitest";
import { parseDistinguishedName } from "../name/distinguished-name";
import {
  enableCommand,
  exportCommand,
  getCommand,
  importCommand,
  newRequestCommand,
  newSelfSignedCommand,
  quotePowerShell,
  quotePowerShellLiteral,
  removeCommand,
  renewCommand,
} from "./ems";

/**
 * Reads one PowerShell string literal at the start of `text` by the language's rules (about_Quoting_Rules,
 * about_Special_Characters): in '…' a doubled quote is one quote and nothing expands; in "…" a backtick escapes the
 * next character (`n, `t, `0 … are control characters), a doubled quote is one quote, and an unescaped `$` followed
 * by a name, `{` or `(` would expand — which the reader reports as an error. PowerShell does not run here
 * (DESIGN pitfalls), so this reader stands in for a paste.
 */
function readPowerShellString(text: string): { value: string; rest: string } {
  const open = text[0];
  let value = "";
  const isSingle = (c: string | undefined) => c !== undefined && /['\u2018\u2019\u201A\u201B]/.test(c);
  const isDouble = (c: string | undefined) => c !== undefined && /["\u201C\u201D\u201E]/.test(c);
  if (isSingle(open)) {
    for (let i = 1; i < text.length; i++) {
      if (isSingle(text[i])) {
        if (isSingle(text[i + 1])) {
          value += text[i];
          i++;
          continue;
        }
        return { value, rest: text.slice(i + 1) };
      }
      value += text[i];
    }
    throw new Error("unterminated single-quoted string");
  }
  if (!isDouble(open)) throw new Error("not a string literal");
  const escapes: Record<string, string> = { "0": "\0", a: "\x07", b: "\b", e: "\x1b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };
  for (let i = 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "`") {
      const next = text[++i]!;
      value += escapes[next] ?? next;
    } else if (ch === "$" && /[A-Za-z_{(?:^$]/.test(text[i + 1] ?? "")) {
      throw new Error(`"$${text[i + 1]}" would expand inside the double-quoted string`);
    } else if (isDouble(ch)) {
      if (isDouble(text[i + 1])) {
        value += text[++i];
        continue;
      }
      return { value, rest: text.slice(i + 1) };
    } else value += ch;
  }
  throw new Error("unterminated double-quoted string");
}

const HOSTILE = "O'Brien $Test";
const NASTY = [HOSTILE, 'say "hi"', "tick ` tock", "$(Remove-Item C:\\)", "${env:PATH}", "line\nbreak\ttab", "curly \u201Cquotes\u201D and \u2018single\u2019", "$", "`", "'"];

describe("quotePowerShell", () => {
  test("the hostile friendly name keeps its quote and its dollar literal", () => {
    expect(quotePowerShell(HOSTILE)).toBe('"O\'Brien `$Test"');
    expect(quotePowerShellLiteral(HOSTILE)).toBe("'O''Brien $Test'");
  });
  test.each(NASTY)("double-quoted %j reads back unchanged", (value) => {
    const { value: back, rest } = readPowerShellString(quotePowerShell(value));
    expect(back).toBe(value);
    expect(rest).toBe("");
  });
  test.each(NASTY)("single-quoted %j reads back unchanged", (value) => {
    const { value: back, rest } = readPowerShellString(quotePowerShellLiteral(value));
    expect(back).toBe(value);
    expect(rest).toBe("");
  });
  test("the reader used above does catch an unescaped dollar and an early quote", () => {
    expect(() => readPowerShellString('"O\'Brien $Test"')).toThrow(/expand/);
    expect(readPowerShellString('"a"b"').rest).toBe('b"');
  });
});

const subject = parseDistinguishedName("C=US,S=WA,L=Redmond,O=Contoso,OU=IT,CN=mail.contoso.com");
const T = "0123456789ABCDEF0123456789ABCDEF01234567";

describe("golden EMS lines of every wizard", () => {
  test("New Exchange Certificate (request)", () => {
    expect(newRequestCommand({ server: "EX01", subject, domains: ["mail.contoso.com", "autodiscover.contoso.com"], keySize: 2048, exportable: true, friendlyName: HOSTILE })).toEqual([
      'New-ExchangeCertificate -Server EX01 -GenerateRequest -SubjectName "C=US,S=WA,L=Redmond,O=Contoso,OU=IT,CN=mail.contoso.com" -DomainName mail.contoso.com,autodiscover.contoso.com -KeySize 2048 -PrivateKeyExportable $true -FriendlyName "O\'Brien `$Test"',
    ]);
  });
  test("subject values with a comma or a quote stay one X.500 value inside one PowerShell string", () => {
    const line = newRequestCommand({ server: "EX01", subject: parseDistinguishedName('C=US,O="Contoso, Ltd",CN=mail.contoso.com'), domains: ["mail.contoso.com"], keySize: 4096, exportable: false, friendlyName: "x" })[0]!;
    expect(line).toContain('-SubjectName "C=US,O=`"Contoso, Ltd`",CN=mail.contoso.com"');
    expect(readPowerShellString(line.slice(line.indexOf("-SubjectName ") + 13)).value).toBe('C=US,O="Contoso, Ltd",CN=mail.contoso.com');
  });
  test("New self-signed certificate", () => {
    expect(newSelfSignedCommand({ server: "EDGE1", subject: parseDistinguishedName("CN=edge1.contoso.com"), domains: ["edge1.contoso.com"], keySize: 2048, exportable: false, friendlyName: HOSTILE, services: ["SMTP"], force: true })).toEqual([
      'New-ExchangeCertificate -Server EDGE1 -SubjectName "CN=edge1.contoso.com" -DomainName edge1.contoso.com -KeySize 2048 -PrivateKeyExportable $false -FriendlyName "O\'Brien `$Test" -Services SMTP -Force',
    ]);
  });
  test("Import (PFX with password; the password is asked for, never written)", () => {
    expect(importCommand({ server: "EXCAS1", fileName: "mail.pfx", withPassword: true, exportable: true, friendlyName: HOSTILE })).toEqual([
      "Import-ExchangeCertificate -Server EXCAS1 -FileData ([System.IO.File]::ReadAllBytes('C:\\certs\\mail.pfx')) -Password (Get-Credential).Password -PrivateKeyExportable $true -FriendlyName \"O'Brien `$Test\"",
    ]);
  });
  test("Import / Complete Pending Request of a hostile file name", () => {
    expect(importCommand({ server: "EX01", fileName: "/tmp/x/O'Brien $Test.cer", withPassword: false, exportable: false })).toEqual([
      "Import-ExchangeCertificate -Server EX01 -FileData ([System.IO.File]::ReadAllBytes('C:\\certs\\O''Brien $Test.cer'))",
    ]);
  });
  test("Assign services: Yes, No and first default", () => {
    expect(enableCommand({ server: "EXCAS1", thumbprint: T, services: ["IIS", "SMTP"], force: true })).toEqual([`Enable-ExchangeCertificate -Server EXCAS1 -Thumbprint ${T} -Services IIS,SMTP -Force`]);
    expect(enableCommand({ server: "EXCAS1", thumbprint: T, services: ["SMTP"], keptDefaultSmtp: true })).toEqual([
      `Enable-ExchangeCertificate -Server EXCAS1 -Thumbprint ${T} -Services SMTP # answered No to "Overwrite the existing default SMTP certificate?"`,
    ]);
    expect(enableCommand({ server: "EX01", thumbprint: T, services: ["IMAP", "POP"] })).toEqual([`Enable-ExchangeCertificate -Server EX01 -Thumbprint ${T} -Services IMAP,POP`]);
  });
  test("Export, in its current form (-BinaryEncoded, WriteAllBytes of .FileData; no -FileName)", () => {
    const lines = exportCommand({ server: "EX01", thumbprint: T, fileName: "O'Brien $Test.pfx", withPrivateKey: true });
    expect(lines).toEqual([
      `$bin = Export-ExchangeCertificate -Server EX01 -Thumbprint ${T} -BinaryEncoded -Password (Get-Credential).Password`,
      "[System.IO.File]::WriteAllBytes('C:\\certs\\O''Brien $Test.pfx', $bin.FileData)",
    ]);
    expect(lines.join("\n")).not.toMatch(/-FileName/);
  });
  test("Remove", () => {
    expect(removeCommand({ server: "EXCAS1", thumbprint: T })).toEqual([`Remove-ExchangeCertificate -Server EXCAS1 -Thumbprint ${T} -Confirm:$false`]);
  });
  test("Renew: a request for a CA certificate, a new self-signed certificate at once for a self-signed one", () => {
    expect(renewCommand({ server: "EX01", thumbprint: T, exportable: true, selfSigned: false, friendlyName: HOSTILE })).toEqual([
      `Get-ExchangeCertificate -Server EX01 -Thumbprint ${T} | New-ExchangeCertificate -GenerateRequest -PrivateKeyExportable $true -FriendlyName "O'Brien \`$Test"`,
    ]);
    expect(renewCommand({ server: "EDGE1", thumbprint: T, exportable: false, selfSigned: true, keySize: 2048 })).toEqual([
      `Get-ExchangeCertificate -Server EDGE1 -Thumbprint ${T} | New-ExchangeCertificate -Force -KeySize 2048 -PrivateKeyExportable $false`,
    ]);
  });
  test("Get (certctl get)", () => {
    expect(getCommand({ server: "EXCAS1", domainName: "mail.contoso.com" })).toEqual(["Get-ExchangeCertificate -Server EXCAS1 -DomainName mail.contoso.com | Format-List"]);
  });
  test("a server name that is not a plain word is quoted, not pasted bare", () => {
    expect(removeCommand({ server: "EX 01;rm", thumbprint: T })[0]).toBe(`Remove-ExchangeCertificate -Server "EX 01;rm" -Thumbprint ${T} -Confirm:$false`);
  });
});
