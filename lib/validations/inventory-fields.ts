/**
 * The field list of an inventory file: for each object the collector reads, the Exchange property names (as the
 * cmdlets spell them) and how each value is written to JSON. The zod schema (`inventory.ts`) is built from this
 * list and the collector script (`scripts/collector/Collect-CertConsoleInventory.ps1`) carries the same list,
 * rendered by {@link collectorFieldBlock}; a test keeps the two identical.
 *
 * Kinds:
 * - `string`, `int`, `bool`: the value as is (PowerShell 5.1 would write enums as integers, so enums are `string`:
 *   the collector writes `.ToString()`);
 * - `date`: ISO 8601 with offset (`ToUniversalTime().ToString('o')`), never `/Date(…)/`;
 * - `list`: an array of strings (each item's `.ToString()`, so `SmtpAddressSpace`, `SmartHost`, `IPRange` are
 *   written as the shell displays them);
 * - `base64`: bytes as base64 (`[Convert]::ToBase64String`);
 * - `chain`: the CA certificates above it (X509Chain on the collecting machine), each as base64;
 * - `eku`: `EnhancedKeyUsageList` as `Friendly Name (oid)` strings;
 * - `acl`: `AccessRules` as `identity type rights` strings (`NT AUTHORITY\\SYSTEM Allow FullControl`);
 * - `thumbprint`: 40 hex characters, or empty.
 */

/** How one property is written to JSON. */
export type FieldKind = "string" | "int" | "bool" | "date" | "list" | "base64" | "chain" | "eku" | "acl" | "thumbprint";

/** Get-ExchangeServer (plus Get-TransportService's InternalTransportCertificateThumbprint: the default SMTP certificate). */
export const SERVER_FIELDS = {
  Name: "string",
  Fqdn: "string",
  ServerRole: "string",
  Edition: "string",
  AdminDisplayVersion: "string",
  IsEdgeServer: "bool",
  InternalTransportCertificateThumbprint: "thumbprint",
} as const satisfies Record<string, FieldKind>;

/** Get-ExchangeCertificate -Server | Format-List: every field, plus the raw certificate. */
export const CERTIFICATE_FIELDS = {
  Thumbprint: "thumbprint",
  FriendlyName: "string",
  Subject: "string",
  Issuer: "string",
  SerialNumber: "string",
  NotBefore: "date",
  NotAfter: "date",
  CertificateDomains: "list",
  Services: "string",
  Status: "string",
  RootCAType: "string",
  HasPrivateKey: "bool",
  PrivateKeyExportable: "bool",
  IsSelfSigned: "bool",
  PublicKeySize: "int",
  SignatureAlgorithm: "string",
  EnhancedKeyUsageList: "eku",
  AccessRules: "acl",
  RawData: "base64",
  Chain: "chain",
} as const satisfies Record<string, FieldKind>;

/** What send and receive connectors share. */
const CONNECTOR_FIELDS = {
  Identity: "string",
  Name: "string",
  Fqdn: "string",
  TlsCertificateName: "string",
  RequireTLS: "bool",
  DomainSecureEnabled: "bool",
  CloudServicesMailEnabled: "bool",
} as const satisfies Record<string, FieldKind>;

/** Get-ReceiveConnector -Server. */
export const RECEIVE_CONNECTOR_FIELDS = {
  ...CONNECTOR_FIELDS,
  TransportRole: "string",
  Bindings: "list",
  RemoteIPRanges: "list",
} as const satisfies Record<string, FieldKind>;

/** Get-SendConnector (organization-wide). */
export const SEND_CONNECTOR_FIELDS = {
  ...CONNECTOR_FIELDS,
  TlsAuthLevel: "string",
  AddressSpaces: "list",
  SmartHosts: "list",
  SourceTransportServers: "list",
} as const satisfies Record<string, FieldKind>;

/** Get-ImapSettings -Server / Get-PopSettings -Server. */
export const PROTOCOL_FIELDS = {
  X509CertificateName: "string",
} as const satisfies Record<string, FieldKind>;

/** Get-AuthConfig. */
export const AUTH_CONFIG_FIELDS = {
  CurrentCertificateThumbprint: "thumbprint",
  PreviousCertificateThumbprint: "thumbprint",
  NextCertificateThumbprint: "thumbprint",
  NextCertificateEffectiveDate: "date",
  ServiceName: "string",
  Realm: "string",
} as const satisfies Record<string, FieldKind>;

/** Get-EdgeSubscription, plus the Edge certificate the organization holds for it (Get-TransportService). */
export const EDGE_SUBSCRIPTION_FIELDS = {
  Name: "string",
  Site: "string",
  Domain: "string",
  InternalTransportCertificateThumbprint: "thumbprint",
} as const satisfies Record<string, FieldKind>;

/** Every object of the collector, by the name the script's `$Fields` table uses. */
export const INVENTORY_FIELDS = {
  Server: SERVER_FIELDS,
  Certificate: CERTIFICATE_FIELDS,
  ReceiveConnector: RECEIVE_CONNECTOR_FIELDS,
  SendConnector: SEND_CONNECTOR_FIELDS,
  ProtocolSettings: PROTOCOL_FIELDS,
  AuthConfig: AUTH_CONFIG_FIELDS,
  EdgeSubscription: EDGE_SUBSCRIPTION_FIELDS,
} as const;

/** The inventory format version the console reads. */
export const INVENTORY_SCHEMA_VERSION = 1;

/**
 * The `$Fields` table of the collector script, as PowerShell text: one ordered hashtable per object, one
 * `Property = 'kind'` line per field.
 */
export function collectorFieldBlock(): string {
  const lines = ["$Fields = [ordered]@{"];
  for (const [object, fields] of Object.entries(INVENTORY_FIELDS)) {
    lines.push(`    ${object} = [ordered]@{`);
    for (const [name, kind] of Object.entries(fields)) lines.push(`        ${name} = '${kind}'`);
    lines.push("    }");
  }
  lines.push("}");
  return lines.join("\n");
}
