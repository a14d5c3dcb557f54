// Validation of 1,000 leaf certificates through a 3-level chain (root → intermediate → leaf, RSA-2048, no
// revocation): certconsole's validateCertificate in this process vs one `openssl verify` process over the same
// files. Wall time, both include reading and parsing the leaf files. Target ratio ≤ 1.5. Printed, not asserted.
import "reflect-metadata";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as x509 from "@peculiar/x509";
import { validateCertificate } from "@/lib/pki/path/validate-certificate";

const COUNT = 1000;
const DIR = path.join(tmpdir(), "certconsole-bench-validate-v1");
const NOW = new Date("2026-06-01T00:00:00Z");
const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const leafFile = (i: number): string => path.join(DIR, `leaf${i}.pem`);

async function generate(): Promise<void> {
  if (existsSync(path.join(DIR, "done"))) return;
  mkdirSync(DIR, { recursive: true });
  const notBefore = new Date("2025-01-01T00:00:00Z");
  const notAfter = new Date("2035-01-01T00:00:00Z");
  const keys = async () => (await crypto.subtle.generateKey(RSA, true, ["sign", "verify"])) as CryptoKeyPair;
  const rootKeys = await keys();
  const interKeys = await keys();
  const leafKeys = await keys();
  const caExtensions = async (publicKey: CryptoKey, issuerKey?: CryptoKey) => [
    new x509.BasicConstraintsExtension(true, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(publicKey),
    ...(issuerKey ? [await x509.AuthorityKeyIdentifierExtension.create(issuerKey)] : []),
  ];
  const root = await x509.X509CertificateGenerator.createSelfSigned({ name: "CN=Bench Root", keys: rootKeys, notBefore, notAfter, signingAlgorithm: RSA, extensions: await caExtensions(rootKeys.publicKey) });
  const inter = await x509.X509CertificateGenerator.create({ subject: "CN=Bench Issuing CA", issuer: root.subject, publicKey: interKeys.publicKey, signingKey: rootKeys.privateKey, notBefore, notAfter, signingAlgorithm: RSA, extensions: await caExtensions(interKeys.publicKey, rootKeys.publicKey) });
  writeFileSync(path.join(DIR, "root.pem"), root.toString("pem"));
  writeFileSync(path.join(DIR, "inter.pem"), inter.toString("pem"));
  for (let i = 1; i <= COUNT; i += 1) {
    const leaf = await x509.X509CertificateGenerator.create({
      serialNumber: (0x100000 + i).toString(16),
      subject: `CN=host${i}.contoso.com`,
      issuer: inter.subject,
      publicKey: leafKeys.publicKey,
      signingKey: interKeys.privateKey,
      notBefore,
      notAfter,
      signingAlgorithm: RSA,
      extensions: [
        new x509.BasicConstraintsExtension(false),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension(["1.3.6.1.5.5.7.3.1"]),
        new x509.SubjectAlternativeNameExtension([{ type: "dns", value: `host${i}.contoso.com` }]),
        await x509.AuthorityKeyIdentifierExtension.create(interKeys.publicKey),
      ],
    });
    writeFileSync(leafFile(i), leaf.toString("pem"));
  }
  writeFileSync(path.join(DIR, "done"), new Date().toISOString());
}

/** PEM file → DER bytes (validateCertificate takes DER or @peculiar/x509 objects). */
const readDer = (file: string): Uint8Array => new Uint8Array(Buffer.from(readFileSync(file, "utf8").replace(/-----[^-]+-----|\s+/g, ""), "base64"));

async function ours(asObjects = false): Promise<{ ms: number; valid: number }> {
  const root = readDer(path.join(DIR, "root.pem"));
  const inter = readDer(path.join(DIR, "inter.pem"));
  let valid = 0;
  const start = performance.now();
  for (let i = 1; i <= COUNT; i += 1) {
    const leaf = asObjects ? new x509.X509Certificate(readFileSync(leafFile(i), "utf8")) : readDer(leafFile(i));
    const result = await validateCertificate({ leaf, intermediates: [inter], trustAnchors: [root], now: NOW, purpose: "server" });
    if (result.status === "Valid") valid += 1;
  }
  return { ms: performance.now() - start, valid };
}

function openssl(): { ms: number; valid: number } {
  const args = ["verify", "-attime", String(NOW.getTime() / 1000), "-CAfile", path.join(DIR, "root.pem"), "-untrusted", path.join(DIR, "inter.pem")];
  for (let i = 1; i <= COUNT; i += 1) args.push(leafFile(i));
  const start = performance.now();
  const result = spawnSync("openssl", args, { encoding: "utf8", maxBuffer: 1 << 24 });
  const ms = performance.now() - start;
  return { ms, valid: (result.stdout.match(/: OK$/gm) ?? []).length };
}

/** Prints both wall times and their ratio. */
export async function run(): Promise<void> {
  const t0 = performance.now();
  await generate();
  console.log(`certificates ready in ${DIR} (${(performance.now() - t0).toFixed(0)} ms)`);
  await ours(); // warm-up: module loading and JIT, as a long-running console process would be
  const o = openssl();
  const n = await ours();
  const o2 = openssl();
  const objects = await ours(true);
  const best = Math.min(o.ms, o2.ms);
  console.log(`validate ${COUNT} leaves (3-level RSA-2048 chain, no revocation)`);
  console.log(`  certconsole validateCertificate : ${n.ms.toFixed(1)} ms  (${n.valid} Valid, ${((n.ms * 1000) / COUNT).toFixed(0)} µs/leaf)`);
  console.log(`  openssl verify (one process)    : ${best.toFixed(1)} ms  (${o.valid} OK)`);
  console.log(`  ratio certconsole / openssl     : ${(n.ms / best).toFixed(2)}  (target ≤ 1.5)`);
  console.log(`  for reference, leaves parsed into @peculiar/x509 objects first: ${objects.ms.toFixed(1)} ms (ratio ${(objects.ms / best).toFixed(2)})`);
}
