// root-ca-type and status load @peculiar/x509, which needs the reflect polyfill first.
import "reflect-metadata";
import { z } from "zod";
import { EXCHANGE_STATUSES } from "@/lib/pki/exchange/status";
import { ROOT_CA_TYPES } from "@/lib/pki/exchange/root-ca-type";
import { SERVICES } from "./domain";
import {
  AUTH_CONFIG_FIELDS,
  CERTIFICATE_FIELDS,
  EDGE_SUBSCRIPTION_FIELDS,
  INVENTORY_SCHEMA_VERSION,
  PROTOCOL_FIELDS,
  RECEIVE_CONNECTOR_FIELDS,
  SEND_CONNECTOR_FIELDS,
  SERVER_FIELDS,
  type FieldKind,
} from "./inventory-fields";

/** Bounds of an inventory file: generous for a large organization, small enough to refuse junk early. */
export const INVENTORY_LIMITS = {
  /** Largest file accepted (bytes of JSON). */
  maxBytes: 8 * 1024 * 1024,
  servers: 200,
  certificatesPerServer: 500,
  connectors: 1000,
  /** Thumbprints per trust store (Root, AuthRoot, CA) of one server. */
  storeEntries: 5000,
  listItems: 500,
  text: 2048,
  /** Base64 of one certificate (64 KB of DER). */
  rawData: 90_000,
} as const;

const text = z.string().max(INVENTORY_LIMITS.text);
const THUMBPRINT = /^[0-9A-Fa-f]{40}$/;
const thumbprint = z.string().regex(THUMBPRINT, "Expected a thumbprint: 40 hexadecimal characters.").transform((t) => t.toUpperCase());
const isoDate = z.iso.datetime({ offset: true, error: "Expected an ISO 8601 date with time zone (PowerShell 5.1 writes /Date(…)/ unless the collector formats it)." });

const KIND_SCHEMAS = {
  string: text.nullish().transform((v) => v ?? ""),
  int: z.number({ error: "Expected a number." }).int().min(0).max(1_000_000),
  bool: z.boolean({ error: "Expected true or false." }),
  date: isoDate.nullish().transform((v) => v ?? null),
  list: z.array(text).max(INVENTORY_LIMITS.listItems).nullish().transform((v) => v ?? []),
  base64: z.string().max(INVENTORY_LIMITS.rawData).regex(/^[A-Za-z0-9+/]+={0,2}$/, "Expected base64."),
  chain: z
    .array(z.string().max(90_000).regex(/^[A-Za-z0-9+/]+={0,2}$/, "Expected base64."))
    .max(10)
    .nullish()
    .transform((v) => v ?? []),
  eku: z.array(text).max(64).nullish().transform((v) => v ?? []),
  acl: z.array(text).max(INVENTORY_LIMITS.listItems).nullish().transform((v) => v ?? []),
  thumbprint: z
    .union([z.literal(""), thumbprint])
    .nullish()
    .transform((v) => v ?? ""),
} satisfies Record<FieldKind, z.ZodType>;

/** A zod object with one member per field of `fields`, typed by its kind. */
function fieldsObject<F extends Record<string, FieldKind>>(fields: F) {
  return Object.fromEntries(Object.entries(fields).map(([name, kind]) => [name, KIND_SCHEMAS[kind]])) as { [K in keyof F]: (typeof KIND_SCHEMAS)[F[K]] };
}

/** Services as Exchange writes them (`IMAP, POP, IIS, SMTP`, or `None`), as a list. */
const servicesText = text.transform((value, ctx) => {
  const names = value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s && s !== "None");
  const bad = names.filter((s) => !(SERVICES as readonly string[]).includes(s));
  if (bad.length > 0) ctx.addIssue({ code: "custom", message: `Unknown service ${bad.join(", ")}: expected ${SERVICES.join(", ")} or None.` });
  return names as (typeof SERVICES)[number][];
});

/** One certificate of Get-ExchangeCertificate -Server. */
export const inventoryCertificateSchema = z.object({
  ...fieldsObject(CERTIFICATE_FIELDS),
  Thumbprint: thumbprint,
  Subject: text,
  Issuer: text,
  NotBefore: isoDate,
  NotAfter: isoDate,
  Services: servicesText,
  Status: z.enum(EXCHANGE_STATUSES, { error: `Expected one of ${EXCHANGE_STATUSES.join(", ")} (the collector writes enums as strings).` }),
  RootCAType: z.enum(ROOT_CA_TYPES, { error: `Expected one of ${ROOT_CA_TYPES.join(", ")}.` }),
  HasPrivateKey: z.boolean({ error: "Expected true or false." }),
  PrivateKeyExportable: z.boolean({ error: "Expected true or false." }),
  RawData: KIND_SCHEMAS.base64,
});

/** One receive connector of a server. */
export const receiveConnectorSchema = z.object({ ...fieldsObject(RECEIVE_CONNECTOR_FIELDS), Identity: text.min(1), Name: text.min(1) });

/** One send connector of the organization. */
export const sendConnectorSchema = z.object({ ...fieldsObject(SEND_CONNECTOR_FIELDS), Identity: text.min(1), Name: text.min(1) });

const protocolSchema = z.object(fieldsObject(PROTOCOL_FIELDS)).nullish().transform((v) => v ?? null);
const storeList = z.array(thumbprint).max(INVENTORY_LIMITS.storeEntries);

/** One server: Get-ExchangeServer, its certificates, receive connectors, IMAP/POP settings and machine stores. */
export const inventoryServerSchema = z.object({
  ...fieldsObject(SERVER_FIELDS),
  Name: text.min(1).max(64),
  Fqdn: text.min(1).max(255),
  ServerRole: text.min(1),
  certificates: z.array(inventoryCertificateSchema).max(INVENTORY_LIMITS.certificatesPerServer),
  receiveConnectors: z.array(receiveConnectorSchema).max(INVENTORY_LIMITS.connectors).default([]),
  imap: protocolSchema,
  pop: protocolSchema,
  /** Thumbprints of the machine stores Root (Trusted Root), AuthRoot (Third-Party Root) and CA (Intermediate); null when the collector could not read them. */
  trustStores: z.object({ Root: storeList, AuthRoot: storeList, CA: storeList }).nullish().transform((v) => v ?? null),
});

/**
 * An inventory file written by the collector. `scope` says what it covers: `Organization` (run in the
 * organization's Exchange Management Shell: send connectors, Auth configuration and Edge subscriptions are
 * complete) or `EdgeTransport` (run on an Edge server: only that server).
 */
export const inventoryFileSchema = z
  .object({
    schemaVersion: z.literal(INVENTORY_SCHEMA_VERSION, { error: `Expected schemaVersion ${INVENTORY_SCHEMA_VERSION}.` }),
    collectedAt: isoDate,
    scope: z.enum(["Organization", "EdgeTransport"]),
    collector: z.object({ host: text, version: text }).partial().default({}),
    servers: z.array(inventoryServerSchema).min(1, "The file lists no server.").max(INVENTORY_LIMITS.servers),
    sendConnectors: z.array(sendConnectorSchema).max(INVENTORY_LIMITS.connectors).default([]),
    authConfig: z.object(fieldsObject(AUTH_CONFIG_FIELDS)).nullish().transform((v) => v ?? null),
    edgeSubscriptions: z.array(z.object({ ...fieldsObject(EDGE_SUBSCRIPTION_FIELDS), Name: text.min(1) })).max(INVENTORY_LIMITS.servers).default([]),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.servers.forEach((s, i) => {
      const key = String(s.Name).toUpperCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["servers", i, "Name"], message: `The server ${String(s.Name)} is listed twice.` });
      seen.add(key);
    });
  });

/** A parsed inventory file. */
export type InventoryFile = z.output<typeof inventoryFileSchema>;
/** One server of a parsed inventory file. */
export type InventoryServer = InventoryFile["servers"][number];
/** One certificate of a server of a parsed inventory file. */
export type InventoryCertificate = InventoryServer["certificates"][number];

/** The inventory format as JSON Schema (draft 2020-12), what the file must look like before the console reads it. */
export function inventoryJsonSchema() {
  return z.toJSONSchema(inventoryFileSchema, { io: "input", unrepresentable: "any" });
}

/** Accept the server's state for some drift items of one server. */
export const acceptServerStateSchema = z.object({
  server: z.string().trim().min(1).max(64),
  keys: z.array(z.string().min(1).max(300)).min(1, "Choose at least one difference.").max(1000),
});

/** The renewal impact preview: the old certificate and what replaces it (a certificate or a pending request). */
export const renewalImpactSchema = z
  .object({
    certificateId: z.string().min(1).max(64),
    replacementId: z.string().min(1).max(64).optional(),
    requestId: z.string().min(1).max(64).optional(),
    operation: z.enum(["renew", "replace", "enable"]).default("replace"),
  })
  .refine((v) => !(v.replacementId && v.requestId), { message: "Name a replacement certificate or a pending request, not both." });
