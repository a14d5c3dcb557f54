import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { db } from "../db";
import { loadMasterKey } from "../security/master-key";
import { openPrivateKey } from "../security/key-vault";
import { signCrl } from "@/lib/pki/csr/issue-certificate";

const HOUR = 60 * 60 * 1000;

/** Base URL the lab CA's CDP and AIA URLs point at (the console itself). */
export function labBaseUrl(): string {
  return (process.env.CERTCONSOLE_LAB_URL ?? `http://127.0.0.1:${process.env.PORT ?? "3000"}`).replace(/\/$/, "");
}

/** Whether the demo lab's publication point is on (Setting `demoLabEnabled`, set by the demo seed). */
async function demoLabEnabled(): Promise<boolean> {
  return (await db.setting.findUnique({ where: { id: 1 }, select: { demoLabEnabled: true } }))?.demoLabEnabled === true;
}

/**
 * The demo lab CA with this thumbprint and its sealed key, or null. Only certificates the demo seed marked
 * `labCa` qualify, and only while the demo lab is enabled: an imported CA's key never signs here.
 */
async function labCaWithKey(thumbprint: string) {
  if (!(await demoLabEnabled())) return null;
  const ca = await db.certificate.findUnique({
    where: { thumbprint },
    include: { privateKey: { omit: { encrypted: false } } },
  });
  if (!ca || !ca.isCa || !ca.labCa || !ca.privateKey) return null;
  return ca;
}

/**
 * Signs the current CRL of the demo lab's own CA (created and marked `labCa` by the demo seed), listing its
 * `LabRevocation` entries; valid for a day. The key is used in memory only. Returns null, signing nothing,
 * for any other certificate or while the demo lab is disabled.
 */
export async function publishLabCrl(thumbprint: string, now = new Date()): Promise<Uint8Array | null> {
  const ca = await labCaWithKey(thumbprint);
  if (!ca?.privateKey) return null;
  const pkcs8 = openPrivateKey(ca.privateKey.encrypted, loadMasterKey());
  const certificate = new x509.X509Certificate(new Uint8Array(ca.der));
  const algorithm = ca.keyAlgorithm === "EC" ? { name: "ECDSA", namedCurve: `P-${ca.publicKeySize}` } : { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  const privateKey = await crypto.subtle.importKey("pkcs8", new Uint8Array(pkcs8), algorithm, false, ["sign"]);
  pkcs8.fill(0);
  const publicKey = await certificate.publicKey.export(algorithm, ["verify"]);
  const revoked = await db.labRevocation.findMany({ where: { issuerCertificateId: ca.id }, orderBy: { revokedAt: "asc" } });
  const crl = await signCrl(
    { certificate, keys: { privateKey, publicKey } },
    revoked.map((r) => ({ serialNumber: r.serialNumber, revocationDate: r.revokedAt, reason: r.reason })),
    new Date(now.getTime() - HOUR),
    new Date(now.getTime() + 24 * HOUR),
    Math.floor(now.getTime() / 1000),
  );
  return new Uint8Array(crl.rawData);
}

/** The DER of a demo lab CA certificate, for AIA caIssuers; null for anything else or while the demo lab is disabled. */
export async function labCaCertificate(thumbprint: string): Promise<Uint8Array | null> {
  if (!(await demoLabEnabled())) return null;
  const ca = await db.certificate.findUnique({ where: { thumbprint }, select: { der: true, isCa: true, labCa: true } });
  return ca?.isCa && ca.labCa ? new Uint8Array(ca.der) : null;
}
