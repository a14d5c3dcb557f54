/**
 * The Exchange Management Shell lines behind each wizard, as the Exchange 2010 EMC showed them on its completion
 * page ("The following Exchange Management Shell command completed successfully:"). Pure text building: every
 * value the user typed goes through {@link quotePowerShell} or {@link quotePowerShellLiteral}, so a friendly name
 * such as `O'Brien $Test` survives a paste into the shell unchanged.
 *
 * Forms follow the current cmdlets: `Export-ExchangeCertificate -FileName` and `-RequestFile` were removed in
 * Exchange 2019 CU12 / 2016 CU23, so exports are `-BinaryEncoded` with `.FileData` written by
 * `[System.IO.File]::WriteAllBytes`, and imports read the file with `[System.IO.File]::ReadAllBytes`.
 * @packageDocumentation
 */
import type { NameAttribute } from "../name/distinguished-name";
import { hasInvisibleCharacters } from "../name/visible-text";

/** The EMC's words above the command lines on a wizard's completion page. */
export const EMS_COMPLETED_HEADING = "The following Exchange Management Shell command completed successfully:";

/** Characters PowerShell reads as a single quote (it accepts the typographic ones too). */
const SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;
/** Characters PowerShell reads as a double quote. */
const DOUBLE_QUOTE = /["\u201C\u201D\u201E]/;
/** Control characters given their backtick escape inside double quotes. */
const CONTROL_ESCAPES: Record<string, string> = { "\0": "`0", "\x07": "`a", "\b": "`b", "\f": "`f", "\n": "`n", "\r": "`r", "\t": "`t", "\v": "`v", "\x1b": "`e" };

/**
 * A PowerShell double-quoted string literal for `value`: backtick, `$` and every double-quote character are
 * escaped with a backtick, control characters get their backtick escape (`` `n ``, `` `t `` …), so nothing
 * expands or ends the string early. `O'Brien $Test` → `"O'Brien `$Test"`. Bidirectional controls and other
 * invisible characters (see `visibleText`) are written as a `$([char]0x202E)` subexpression — valid in Windows
 * PowerShell 5.1, which the Exchange Management Shell runs — so the line shows them and still means the same value.
 */
export function quotePowerShell(value: string): string {
  let out = "";
  for (const ch of value) {
    if (ch === "`" || ch === "$") out += `\`${ch}`;
    else if (DOUBLE_QUOTE.test(ch)) out += `\`${ch}`;
    else if (ch in CONTROL_ESCAPES) out += CONTROL_ESCAPES[ch];
    else if (hasInvisibleCharacters(ch)) out += invisibleAsPowerShell(ch);
    else out += ch;
  }
  return `"${out}"`;
}

/** `$([char]0x202E)`; astral characters (tag characters) as `$([char]::ConvertFromUtf32(0xE0041))`. */
function invisibleAsPowerShell(ch: string): string {
  const code = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
  return (ch.codePointAt(0) ?? 0) > 0xffff ? `$([char]::ConvertFromUtf32(0x${code}))` : `$([char]0x${code})`;
}

/**
 * A PowerShell single-quoted (verbatim) string literal: nothing expands, and every single-quote character is
 * doubled. Used for file paths. `C:\certs\O'Brien.pfx` → `'C:\certs\O''Brien.pfx'`.
 */
export function quotePowerShellLiteral(value: string): string {
  // A verbatim string cannot show an invisible character: such a value is written double-quoted instead.
  if (hasInvisibleCharacters(value)) return quotePowerShell(value);
  return `'${value.replace(SINGLE_QUOTES, (q) => q + q)}'`;
}

/** A bare argument when it is plainly safe (server names, thumbprints, host names), else a quoted string. */
export function powerShellArgument(value: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._*-]*$/.test(value) ? value : quotePowerShell(value);
}

/** A comma-separated array argument (`-DomainName a,b`, `-Services IIS,SMTP`), each element quoted when needed. */
export function powerShellList(values: readonly string[]): string {
  return values.map(powerShellArgument).join(",");
}

/** `$true` / `$false`. */
function bool(value: boolean): string {
  return value ? "$true" : "$false";
}

/**
 * The `-SubjectName` value the shell takes: attributes in encoding order, C first, comma-separated, as in
 * `-SubjectName "C=US,S=WA,L=Redmond,O=Contoso,OU=IT,CN=mail.contoso.com"`. Values holding a separator are
 * quoted the X.500 way; the whole string is then quoted for PowerShell by the builders.
 */
export function subjectNameParameter(attrs: readonly NameAttribute[]): string {
  return attrs.map((a) => `${a.type}=${/[,+=";<>#]|^\s|\s$/.test(a.value) ? `"${a.value.replace(/"/g, '""')}"` : a.value}`).join(",");
}

/** Input of {@link newRequestCommand}. */
export interface NewRequestCommand {
  server: string;
  /** Encoding-order subject (see {@link subjectNameParameter}). */
  subject: readonly NameAttribute[];
  domains: readonly string[];
  keySize: number;
  exportable: boolean;
  friendlyName: string;
}

/** `New-ExchangeCertificate -GenerateRequest`: the New Exchange Certificate wizard (a request for a CA). */
export function newRequestCommand(c: NewRequestCommand): string[] {
  return [
    `New-ExchangeCertificate -Server ${powerShellArgument(c.server)} -GenerateRequest -SubjectName ${quotePowerShell(subjectNameParameter(c.subject))} -DomainName ${powerShellList(c.domains)} -KeySize ${c.keySize} -PrivateKeyExportable ${bool(c.exportable)} -FriendlyName ${quotePowerShell(c.friendlyName)}`,
  ];
}

/** Input of {@link newSelfSignedCommand}. */
export interface NewSelfSignedCommand {
  server: string;
  subject: readonly NameAttribute[];
  domains: readonly string[];
  keySize: number;
  exportable: boolean;
  friendlyName: string;
  services: readonly string[];
  /** Answered "Yes" to "Overwrite the existing default SMTP certificate?". */
  force?: boolean;
}

/** `New-ExchangeCertificate` without `-GenerateRequest`: a self-signed certificate, enabled for its services. */
export function newSelfSignedCommand(c: NewSelfSignedCommand): string[] {
  const services = c.services.length ? ` -Services ${powerShellList(c.services)}` : " -Services None";
  return [
    `New-ExchangeCertificate -Server ${powerShellArgument(c.server)} -SubjectName ${quotePowerShell(subjectNameParameter(c.subject))} -DomainName ${powerShellList(c.domains)} -KeySize ${c.keySize} -PrivateKeyExportable ${bool(c.exportable)} -FriendlyName ${quotePowerShell(c.friendlyName)}${services}${c.force ? " -Force" : ""}`,
  ];
}

/** Input of {@link importCommand}. */
export interface ImportCommand {
  server: string;
  /** The file's name as uploaded; shown under `C:\certs\`. */
  fileName: string;
  /** The file is password-protected (PFX): the password is asked for, never written. */
  withPassword: boolean;
  exportable: boolean;
  friendlyName?: string;
}

/** Folder the command lines use for files moved to and from the server. */
export const EMS_FILE_FOLDER = "C:\\certs\\";

function filePath(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() || "certificate";
  return EMS_FILE_FOLDER + base;
}

/** `Import-ExchangeCertificate`: the Import wizard, and Complete Pending Request (the CA's answer). */
export function importCommand(c: ImportCommand): string[] {
  return [
    `Import-ExchangeCertificate -Server ${powerShellArgument(c.server)} -FileData ([System.IO.File]::ReadAllBytes(${quotePowerShellLiteral(filePath(c.fileName))}))${c.withPassword ? " -Password (Get-Credential).Password" : ""}${c.withPassword ? ` -PrivateKeyExportable ${bool(c.exportable)}` : ""}${c.friendlyName ? ` -FriendlyName ${quotePowerShell(c.friendlyName)}` : ""}`,
  ];
}

/** Input of {@link enableCommand}. */
export interface EnableCommand {
  server: string;
  thumbprint: string;
  services: readonly string[];
  /** "Yes" to "Overwrite the existing default SMTP certificate?". */
  force?: boolean;
  /** "No" to it: SMTP is enabled and the old default stays; the line records the answer. */
  keptDefaultSmtp?: boolean;
}

/** `Enable-ExchangeCertificate`: the Assign Services wizard. */
export function enableCommand(c: EnableCommand): string[] {
  const line = `Enable-ExchangeCertificate -Server ${powerShellArgument(c.server)} -Thumbprint ${powerShellArgument(c.thumbprint)} -Services ${powerShellList(c.services)}${c.force ? " -Force" : ""}`;
  return c.keptDefaultSmtp ? [`${line} # answered No to "Overwrite the existing default SMTP certificate?"`] : [line];
}

/** Input of {@link exportCommand}. */
export interface ExportCommand {
  server: string;
  thumbprint: string;
  fileName: string;
  /** A PFX with its key (asks for the password); false for a pending request's PKCS#10. */
  withPrivateKey: boolean;
}

/** `Export-ExchangeCertificate -BinaryEncoded` and the `WriteAllBytes` that saves `.FileData`. */
export function exportCommand(c: ExportCommand): string[] {
  return [
    `$bin = Export-ExchangeCertificate -Server ${powerShellArgument(c.server)} -Thumbprint ${powerShellArgument(c.thumbprint)} -BinaryEncoded${c.withPrivateKey ? " -Password (Get-Credential).Password" : ""}`,
    `[System.IO.File]::WriteAllBytes(${quotePowerShellLiteral(filePath(c.fileName))}, $bin.FileData)`,
  ];
}

/** `Remove-ExchangeCertificate`: the Remove wizard, one line per server. */
export function removeCommand(c: { server: string; thumbprint: string }): string[] {
  return [`Remove-ExchangeCertificate -Server ${powerShellArgument(c.server)} -Thumbprint ${powerShellArgument(c.thumbprint)} -Confirm:$false`];
}

/** Input of {@link renewCommand}. */
export interface RenewCommand {
  server: string;
  thumbprint: string;
  exportable: boolean;
  /** A self-signed certificate renews at once into a new self-signed one; a CA certificate gives a request. */
  selfSigned: boolean;
  keySize?: number;
  friendlyName?: string;
}

/** `Get-ExchangeCertificate -Thumbprint … | New-ExchangeCertificate`: same subject and SANs, a new key. */
export function renewCommand(c: RenewCommand): string[] {
  const tail = `${c.keySize ? ` -KeySize ${c.keySize}` : ""} -PrivateKeyExportable ${bool(c.exportable)}${c.friendlyName ? ` -FriendlyName ${quotePowerShell(c.friendlyName)}` : ""}`;
  return [
    `Get-ExchangeCertificate -Server ${powerShellArgument(c.server)} -Thumbprint ${powerShellArgument(c.thumbprint)} | New-ExchangeCertificate ${c.selfSigned ? "-Force" : "-GenerateRequest"}${tail}`,
  ];
}

/** `Get-ExchangeCertificate … | Format-List`: what `certctl get` prints. */
export function getCommand(c: { server?: string; thumbprint?: string; domainName?: string }): string[] {
  const parts = ["Get-ExchangeCertificate"];
  if (c.server) parts.push(`-Server ${powerShellArgument(c.server)}`);
  if (c.thumbprint) parts.push(`-Thumbprint ${powerShellArgument(c.thumbprint)}`);
  if (c.domainName) parts.push(`-DomainName ${powerShellArgument(c.domainName)}`);
  return [`${parts.join(" ")} | Format-List`];
}
