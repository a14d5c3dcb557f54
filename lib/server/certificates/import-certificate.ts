import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { publicKeyOfPrivateKey } from "@/lib/pki/crypto/private-key";
import { sha256Thumbprint } from "@/lib/pki/certificate/thumbprint";
import { readBundle, type Bundle, type BundleCertificate } from "@/lib/pki/formats/read-bundle";
import { importOptionsSchema } from "@/lib/validations/certificate-wizards";
import { importCommand } from "@/lib/pki/exchange/ems";
import { certificateRecord } from "./certificate-record";
import { storeCertificate } from "./store-certificate";
import { checkCertificateStatus } from "./refresh-certificate-status";
import { parseInput } from "./wizard-input";
import { offThreadKdf } from "../security/kdf-worker";

/** The file of the Import wizard: PFX/P12 (with its password), P7B, CER/PEM. */
export interface ImportFile {
  bytes: Uint8Array;
  password?: string;
  /** The file's name as uploaded, for the EMS line. */
  fileName?: string;
}

interface Sorted {
  bundle: Bundle;
  leaf: BundleCertificate;
  key: Bundle["privateKeys"][number] | null;
  cas: BundleCertificate[];
}

/** Reads the file and picks the certificate to import: the one whose key is in the file, else the first end-entity. */
async function sortBundle(file: ImportFile): Promise<Sorted> {
  // Key derivations of a PFX run off the event loop, within the caps of lib/pki/pkcs12/kdf.ts (ERR_PFX_ITERATIONS).
  const bundle = await readBundle(file.bytes, { password: file.password ?? "", kdf: offThreadKdf });
  if (bundle.certificates.length === 0) throw new AppError("ERR_IMPORT_NO_CERTIFICATE", "The file contains no certificate (a request or a CRL cannot be imported as a certificate).");
  const key = bundle.privateKeys.find((k) => k.certificateThumbprint) ?? null;
  if (!key && bundle.privateKeys.length > 0) throw new AppError("ERR_KEY_MISMATCH", "The file holds a private key that belongs to none of its certificates.");
  const records = new Map(bundle.certificates.map((c) => [c.thumbprint, certificateRecord(c.der)]));
  const leaf = (key && bundle.certificates.find((c) => c.thumbprint === key.certificateThumbprint)) ?? bundle.certificates.find((c) => !records.get(c.thumbprint)!.isCa) ?? bundle.certificates[0]!;
  const cas = bundle.certificates.filter((c) => c.thumbprint !== leaf.thumbprint && records.get(c.thumbprint)!.isCa);
  return { bundle, leaf, key, cas };
}

/**
 * What the Import wizard shows after reading the file: the certificate, whether its key is in the file, where
 * it is already installed (duplicate thumbprint), and the chain's CA certificates offered for the trust stores.
 */
export async function inspectImport(actor: Actor | null, file: ImportFile) {
  requirePermission(actor, "mutate");
  const { bundle, leaf, key, cas } = await sortBundle(file);
  const record = certificateRecord(leaf.der);
  const existing = await db.certificate.findUnique({ where: { thumbprint: record.thumbprint }, include: { installations: { include: { server: { select: { name: true, id: true } } } } } });
  return {
    format: bundle.format,
    certificate: { thumbprint: record.thumbprint, subject: record.subject, issuer: record.issuer, notAfter: record.notAfter.toISOString(), domains: record.domains, isSelfSigned: record.isSelfSigned },
    hasPrivateKey: key !== null,
    duplicate: existing ? { id: existing.id, servers: existing.installations.map((i) => ({ id: i.server.id, name: i.server.name })) } : null,
    chain: cas.map((c) => {
      const r = certificateRecord(c.der);
      return { thumbprint: r.thumbprint, subject: r.subject, isSelfSigned: r.isSelfSigned, suggestedStore: r.isSelfSigned ? "TrustedRoot" : "Intermediate" };
    }),
  };
}

/**
 * Import-ExchangeCertificate: installs the certificate (and its key, sealed, exportable only when asked) on the
 * chosen servers, and places the chosen CA certificates of the file in those servers' trust stores. A
 * certificate already installed on a chosen server is refused as a duplicate; bad passwords and corrupt files
 * are refused by `readBundle` with their codes. Nothing changes on refusal.
 */
export async function importCertificate(actor: Actor | null, file: ImportFile, options: unknown) {
  requirePermission(actor, "mutate");
  const opts = parseInput(importOptionsSchema, options);
  const { bundle, leaf, key, cas } = await sortBundle(file);
  const servers = await db.server.findMany({ where: { id: { in: opts.serverIds } }, select: { id: true, name: true } });
  if (servers.length !== new Set(opts.serverIds).size) throw new AppError("ERR_NOT_FOUND", "One of the chosen servers does not exist.");
  const record = certificateRecord(leaf.der);
  const existing = await db.certificate.findUnique({ where: { thumbprint: record.thumbprint }, include: { installations: { include: { server: { select: { name: true } } } } } });
  const clash = existing?.installations.filter((i) => opts.serverIds.includes(i.serverId)) ?? [];
  if (clash.length > 0) {
    await writeAudit(db, actor, { action: "certificate.import", targetType: "certificate", targetId: existing!.id, outcome: "refused", details: { thumbprint: record.thumbprint, code: "ERR_CERT_DUPLICATE", servers: clash.map((i) => i.server.name) } });
    throw new AppError("ERR_CERT_DUPLICATE", `The certificate ${record.thumbprint} is already installed on ${clash.map((i) => i.server.name).join(", ")}.`, {
      thumbprint: record.thumbprint,
      servers: clash.map((i) => i.server.name),
    });
  }
  const spkiSha256 = key ? sha256Thumbprint(publicKeyOfPrivateKey(key.pkcs8)) : null;
  if (spkiSha256 && !existing?.privateKeyId) {
    const pendingKey = await db.privateKey.findUnique({ where: { spkiSha256 }, select: { id: true } });
    if (pendingKey) throw new AppError("ERR_CONFLICT", "This key belongs to a pending request of the console: use Complete Pending Request with the CA's answer instead.");
  }
  const caByThumbprint = new Map(cas.map((c) => [c.thumbprint, c]));
  for (const t of opts.trustStores) {
    if (!caByThumbprint.has(t.thumbprint.toUpperCase())) throw new AppError("ERR_VALIDATION", `The certificate ${t.thumbprint} is not a CA certificate of this file.`);
  }
  const friendlyName = opts.friendlyName ?? leaf.friendlyName ?? key?.friendlyName ?? "";
  const ems = servers.flatMap((s) =>
    importCommand({ server: s.name, fileName: file.fileName ?? `certificate.${bundle.format === "pkcs12" ? "pfx" : "cer"}`, withPassword: bundle.format === "pkcs12", exportable: key !== null && opts.exportable, ...(opts.friendlyName ? { friendlyName: opts.friendlyName } : {}) }),
  );
  const cert = await db.$transaction(async (tx) => {
    const caRows = new Map<string, string>();
    for (const ca of cas) caRows.set(ca.thumbprint, (await storeCertificate(tx, { der: ca.der, ...(ca.friendlyName ? { friendlyName: ca.friendlyName } : {}) })).id);
    const stored = await storeCertificate(tx, {
      der: leaf.der,
      friendlyName,
      serverIds: opts.serverIds,
      ...(key ? { privateKeyPkcs8: key.pkcs8, privateKeyAlgorithm: `${key.key.algorithm}-${key.key.size}`, spkiSha256: spkiSha256!, exportable: opts.exportable } : {}),
    });
    for (const t of opts.trustStores) {
      for (const serverId of opts.serverIds) {
        const certificateId = caRows.get(t.thumbprint.toUpperCase())!;
        await tx.trustStoreEntry.upsert({
          where: { serverId_store_certificateId: { serverId, store: t.store, certificateId } },
          create: { serverId, store: t.store, certificateId },
          update: {},
        });
      }
    }
    await writeAudit(tx, actor, {
      action: "certificate.import",
      targetType: "certificate",
      targetId: stored.id,
      details: {
        thumbprint: stored.thumbprint,
        subject: stored.subject,
        format: bundle.format,
        servers: servers.map((s) => s.name),
        withPrivateKey: key !== null,
        exportable: key !== null && opts.exportable,
        trustStores: opts.trustStores,
        ems,
      },
    });
    return stored;
  });
  // The full status, revocation included, before the import returns: an assignment right after it decides on this.
  const { status, reason } = await checkCertificateStatus(cert.id);
  return { id: cert.id, thumbprint: cert.thumbprint, subject: cert.subject, status, statusReason: reason, hasPrivateKey: key !== null, servers: servers.map((s) => s.name), ems };
}
