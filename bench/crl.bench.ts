// Large-CRL benchmark (printed, not asserted): a 300,000-entry CRL (128-bit serials, ~15 MB DER) generated once
// with openssl and cached in the temp dir, read side by side by `openssl crl -inform DER -noout` and by our
// streaming scanner + WebCrypto signature check, each in its own child process (wall time and max RSS);
// then serial look-ups per second, and revocation status for 1,000 certificates sharing 3 cached CRLs.
import "reflect-metadata";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes, webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { parseCrl } from "../lib/pki/revocation/crl-parse";
import { crlSignedBy } from "../lib/pki/revocation/crl-signer";
import { certFacts } from "../lib/pki/revocation/cert-info";
import { serialKey } from "../lib/pki/revocation/serial-key";
import { createRevocationChecker } from "../lib/pki/revocation/checker";
import { MemoryCrlCache } from "../lib/pki/revocation/crl-cache";

const DIR = path.join(tmpdir(), "certconsole-bench-crl-v1");
const ENTRIES = 300_000;
const SMALL_ENTRIES = 20_000;
const here = fileURLToPath(import.meta.url);

function sh(args: string[], cwd = DIR): void {
  execFileSync("openssl", args, { cwd, stdio: "pipe" });
}

function makeCa(name: string, entries: number): void {
  if (existsSync(path.join(DIR, `${name}.crl.der`))) return;
  sh(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.pem`, "-subj", `/O=Bench/CN=${name}`, "-days", "3650",
    "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-addext", "basicConstraints=critical,CA:TRUE"]);
  const lines: string[] = [];
  for (let i = 0; i < entries; i++) {
    const hex = "4" + randomBytes(16).toString("hex").toUpperCase().slice(1);
    lines.push(`R\t351231000000Z\t260105000000Z,keyCompromise\t${hex}\tunknown\t/CN=x\n`);
  }
  writeFileSync(path.join(DIR, `${name}.txt`), lines.join(""));
  writeFileSync(path.join(DIR, `${name}.crlnumber`), "01\n");
  writeFileSync(path.join(DIR, `${name}.cnf`), `[ca]\ndefault_ca=d\n[d]\ndatabase=./${name}.txt\ncrlnumber=./${name}.crlnumber\ndefault_md=sha256\n`);
  sh(["ca", "-config", `${name}.cnf`, "-gencrl", "-keyfile", `${name}.key`, "-cert", `${name}.pem`, "-crl_lastupdate", "20260101000000Z", "-crl_nextupdate", "20360101000000Z", "-out", `${name}.crl.pem`]);
  sh(["crl", "-in", `${name}.crl.pem`, "-outform", "DER", "-out", `${name}.crl.der`]);
}

function prepare(): void {
  mkdirSync(DIR, { recursive: true });
  if (!existsSync(path.join(DIR, "big.crl.der"))) {
    // The big CA signs with RSA 2048 / SHA-256, as most public CAs do.
    sh(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "big.key", "-out", "big.pem", "-subj", "/O=Bench/CN=big", "-days", "3650", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
    const lines: string[] = [];
    for (let i = 0; i < ENTRIES; i++) lines.push(`R\t351231000000Z\t260105000000Z,keyCompromise\t${"4" + randomBytes(16).toString("hex").toUpperCase().slice(1)}\tunknown\t/CN=x\n`);
    writeFileSync(path.join(DIR, "big.txt"), lines.join(""));
    writeFileSync(path.join(DIR, "big.crlnumber"), "01\n");
    writeFileSync(path.join(DIR, "big.cnf"), "[ca]\ndefault_ca=d\n[d]\ndatabase=./big.txt\ncrlnumber=./big.crlnumber\ndefault_md=sha256\n");
    sh(["ca", "-config", "big.cnf", "-gencrl", "-keyfile", "big.key", "-cert", "big.pem", "-crl_lastupdate", "20260101000000Z", "-crl_nextupdate", "20360101000000Z", "-out", "big.crl.pem"]);
    sh(["crl", "-in", "big.crl.pem", "-outform", "DER", "-out", "big.crl.der"]);
  }
  for (const n of ["ca1", "ca2", "ca3"]) makeCa(n, SMALL_ENTRIES);
}

/** Child mode: parse + verify the big CRL, report time and max RSS, then look-ups per second. */
async function child(): Promise<void> {
  const t0 = performance.now();
  const der = new Uint8Array(readFileSync(path.join(DIR, "big.crl.der")));
  const ca = certFacts(new x509.X509Certificate(readFileSync(path.join(DIR, "big.pem"))));
  const crl = parseCrl(der);
  const ok = await crlSignedBy(crl, ca.spki);
  const parseVerifyMs = performance.now() - t0;
  const maxRssKb = process.resourceUsage().maxRSS;
  // 10,000 serials: half taken from the CRL, half random; each look-up computes the key from the serial's bytes.
  const probes: Uint8Array[] = [];
  for (let i = 0; i < 10_000; i++) {
    if (i % 2 === 0) {
      const off = crl.serialOffsets[(i * 29) % crl.serialKeys.length]!;
      probes.push(der.slice(off + 2, off + 2 + der[off + 1]!));
    } else probes.push(new Uint8Array(randomBytes(16)));
  }
  let found = 0;
  const rounds = 100;
  const t1 = performance.now();
  for (let r = 0; r < rounds; r++) for (const p of probes) if (crl.index.find(serialKey(p, 0, p.length)) >= 0) found++;
  const lookupMs = performance.now() - t1;
  process.stdout.write(JSON.stringify({ entries: crl.serialKeys.length, bytes: der.length, ok, parseVerifyMs, maxRssKb, lookupsPerSec: (rounds * probes.length) / (lookupMs / 1000), found: found / rounds }));
}

function openssl(): { ms: number; maxRssKb: number } | null {
  if (!existsSync("/usr/bin/time")) return null;
  const runs: { ms: number; maxRssKb: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync("/usr/bin/time", ["-f", "%e %M", "openssl", "crl", "-inform", "DER", "-in", "big.crl.der", "-noout"], { cwd: DIR, encoding: "utf8" });
    const [secs, kb] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number);
    runs.push({ ms: secs! * 1000, maxRssKb: kb! });
  }
  return runs.sort((a, b) => a.ms - b.ms)[1]!;
}

async function manyCertificates(): Promise<{ ms: number; statuses: Record<string, number> }> {
  const cache = new MemoryCrlCache();
  const now = new Date("2026-06-01T00:00:00Z");
  const cas: { cert: x509.X509Certificate; key: CryptoKey; url: string }[] = [];
  for (const n of ["ca1", "ca2", "ca3"]) {
    const pem = readFileSync(path.join(DIR, `${n}.key`), "utf8");
    const pkcs8 = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64");
    const key = await webcrypto.subtle.importKey("pkcs8", pkcs8, { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
    const url = `http://crl.bench.test/${n}.crl`;
    const der = new Uint8Array(readFileSync(path.join(DIR, `${n}.crl.der`)));
    const crl = parseCrl(der);
    await cache.put(url, { der, thisUpdate: new Date(crl.thisUpdate), nextUpdate: crl.nextUpdate ? new Date(crl.nextUpdate) : null, fetchedAt: now });
    cas.push({ cert: new x509.X509Certificate(readFileSync(path.join(DIR, `${n}.pem`))), key, url });
  }
  const leafKeys = await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  const revokedSerials = [...readFileSync(path.join(DIR, "ca1.txt"), "utf8").matchAll(/\t([0-9A-F]{32})\t/g)].slice(0, 100).map((m) => m[1]!);
  const leaves: { cert: x509.X509Certificate; ca: x509.X509Certificate }[] = [];
  for (let i = 0; i < 1000; i++) {
    const ca = cas[i % 3]!;
    const serial = i % 10 === 0 && i % 3 === 0 ? revokedSerials[i / 30]! : "5" + randomBytes(15).toString("hex");
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial, issuer: ca.cert.subject, subject: `CN=leaf${i}`, notBefore: new Date("2026-01-01"), notAfter: new Date("2027-01-01"),
      signingAlgorithm: { name: "ECDSA", hash: "SHA-256" }, publicKey: leafKeys.publicKey, signingKey: ca.key,
      extensions: [new x509.CRLDistributionPointsExtension([ca.url])],
    }, webcrypto as Crypto);
    leaves.push({ cert, ca: ca.cert });
  }
  const fetcher = async () => { throw new Error("the cache should have answered"); };
  const checker = createRevocationChecker({ cache, fetcher, order: "crlFirst" }, webcrypto as Crypto);
  const statuses: Record<string, number> = {};
  const t0 = performance.now();
  for (const { cert, ca } of leaves) {
    const r = await checker.check({ certificate: cert, issuer: ca, depth: 0, path: [cert, ca], now });
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  }
  return { ms: performance.now() - t0, statuses };
}

export async function run(): Promise<void> {
  const tPrep = performance.now();
  prepare();
  console.log(`fixtures in ${DIR} (${((performance.now() - tPrep) / 1000).toFixed(1)} s to prepare; cached for later runs)`);
  const node = spawnSync(process.execPath, [...process.execArgv, here, "--child"], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (node.status !== 0) throw new Error(`bench child failed: ${node.stderr}`);
  const ours = JSON.parse(node.stdout) as { entries: number; bytes: number; ok: boolean; parseVerifyMs: number; maxRssKb: number; lookupsPerSec: number; found: number };
  const theirs = openssl();
  console.log(`CRL: ${ours.entries.toLocaleString("en")} entries, ${(ours.bytes / 1e6).toFixed(1)} MB DER, signature ${ours.ok ? "verified" : "FAILED"}`);
  console.log(`parse+verify: ours ${ours.parseVerifyMs.toFixed(0)} ms (in-process, file read included)` + (theirs ? ` | openssl crl -noout ${theirs.ms.toFixed(0)} ms (whole process, median of 3) | ratio ${(ours.parseVerifyMs / theirs.ms).toFixed(2)} (target <= 1.0)` : " | openssl: /usr/bin/time missing (Debian package time)"));
  console.log(`peak memory (max RSS, whole process): ours ${(ours.maxRssKb / 1024).toFixed(0)} MB` + (theirs ? ` | openssl ${(theirs.maxRssKb / 1024).toFixed(0)} MB | ratio ${(ours.maxRssKb / theirs.maxRssKb).toFixed(2)} (target <= 2.0)` : ""));
  console.log(`serial look-ups: ${(ours.lookupsPerSec / 1e6).toFixed(1)} million/s (10,000 serials x 100 rounds, key computed per look-up; ${ours.found} of 10,000 found) (target >= 1 million/s)`);
  const many = await manyCertificates();
  console.log(`1,000 certificates, 3 cached CRLs of ${SMALL_ENTRIES.toLocaleString("en")} entries: ${many.ms.toFixed(0)} ms through createRevocationChecker (target < 1000 ms) ${JSON.stringify(many.statuses)}`);
}

if (process.argv.includes("--child")) {
  await child();
}
