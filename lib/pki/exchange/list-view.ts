/**
 * The text of `Get-ExchangeCertificate | Format-List`: one `Name : value` line per property,
 * names padded so the colons form one column (as PowerShell's Format-List does), collections as
 * `{a, b}`, booleans as `True`/`False`, dates in PowerShell's en-US form (`11/22/2027 12:05:35 AM`,
 * UTC). Properties the certificate cannot tell (HasPrivateKey, RootCAType, Services, Status, …)
 * are supplied by the caller.
 * @packageDocumentation
 */
import type { CertificateDescription } from "../certificate/description";
import { visibleText } from "../name/visible-text";

/** Properties that come from the server's store, not from the certificate. */
export interface ExchangeCertificateContext {
  AccessRules?: string[];
  FriendlyName?: string;
  HasPrivateKey?: boolean;
  PrivateKeyExportable?: boolean;
  /** `None`, `ThirdParty`, `Enterprise`, `Registry`, `GroupPolicy`, `Unknown`. */
  RootCAType?: string;
  /** `None`, `IIS`, `SMTP`, `IMAP`, `POP`, `UM`, `UMCallRouter`, `Federation`. */
  Services?: string[];
  /** `Valid`, `Revoked`, `RevocationCheckFailure`, `DateInvalid`, `Untrusted`, `Invalid`, `PendingRequest`, `Unknown`. */
  Status?: string;
}

/** Rendering options. */
export interface ListViewOptions {
  /** Show at most this many items of a collection, then `...` (PowerShell's $FormatEnumerationLimit is 4). Default: all. */
  enumerationLimit?: number;
}

type Value = string | number | boolean | Date | string[] | undefined;

/** Formats a date like PowerShell en-US: `M/d/yyyy h:mm:ss AM` (UTC). */
export function formatPowerShellDate(d: Date): string {
  const h = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? "AM" : "PM"}`;
}

function formatValue(v: Value, limit: number): string {
  if (v === undefined) return "";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v instanceof Date) return formatPowerShellDate(v);
  if (Array.isArray(v)) return `{${v.slice(0, limit).join(", ")}${v.length > limit ? "..." : ""}}`;
  return String(v);
}

/** Generic Format-List: pads names so the colon column lines up. */
export function formatList(entries: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...entries.map(([k]) => k.length));
  // Values are shown visibly: a name's U+202E or newline cannot reorder or forge lines (see visibleText).
  return entries.map(([k, v]) => `${k.padEnd(width)} : ${visibleText(v)}`.trimEnd()).join("\n");
}

/** The ordered (name, value) pairs of the Exchange list view. */
export function exchangeListEntries(cert: CertificateDescription, context: ExchangeCertificateContext = {}, options: ListViewOptions = {}): [string, string][] {
  const limit = options.enumerationLimit ?? Number.POSITIVE_INFINITY;
  const services = context.Services && context.Services.length > 0 ? context.Services.join(", ") : context.Services ? "None" : undefined;
  const rows: [string, Value][] = [
    ["AccessRules", context.AccessRules],
    ["CertificateDomains", cert.CertificateDomains],
    ["EnhancedKeyUsageList", cert.EnhancedKeyUsageList],
    ["FriendlyName", context.FriendlyName],
    ["HasPrivateKey", context.HasPrivateKey],
    ["IsSelfSigned", cert.IsSelfSigned],
    ["Issuer", cert.Issuer],
    ["NotAfter", cert.NotAfter],
    ["NotBefore", cert.NotBefore],
    ["PrivateKeyExportable", context.PrivateKeyExportable],
    ["PublicKeySize", cert.PublicKeySize],
    ["RootCAType", context.RootCAType],
    ["SerialNumber", cert.SerialNumber],
    ["Services", services],
    ["SignatureAlgorithm", cert.SignatureAlgorithm],
    ["Status", context.Status],
    ["Subject", cert.Subject],
    ["Thumbprint", cert.Thumbprint],
  ];
  // Properties the caller did not supply are left out rather than shown empty.
  return rows.filter(([k, v]) => v !== undefined || k === "FriendlyName").map(([k, v]) => [k, formatValue(v, limit)]);
}

/** Renders one certificate as `Get-ExchangeCertificate | Format-List` would. */
export function renderExchangeListView(cert: CertificateDescription, context: ExchangeCertificateContext = {}, options: ListViewOptions = {}): string {
  return formatList(exchangeListEntries(cert, context, options));
}
