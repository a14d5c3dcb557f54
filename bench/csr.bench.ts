// RSA-2048 CSR generation: lib/pki generateCertificateRequest (WebCrypto key generation + @peculiar/x509)
// against `openssl req -new -newkey rsa:2048 -nodes` (a process per request), median of 20. Report only.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { generateCertificateRequest } from "../lib/pki/csr/csr";

const RUNS = 20;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<void> {
  const ours: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await generateCertificateRequest({ subject: "C=US,S=WA,L=Redmond,O=Contoso,CN=mail.contoso.com", domains: ["autodiscover.contoso.com"] });
    ours.push(performance.now() - t0);
  }
  const dir = mkdtempSync(path.join(tmpdir(), "csr-bench-"));
  const theirs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync("openssl", ["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", path.join(dir, "k.pem"), "-out", path.join(dir, "r.csr"), "-subj", "/C=US/ST=WA/L=Redmond/O=Contoso/CN=mail.contoso.com", "-addext", "subjectAltName=DNS:mail.contoso.com,DNS:autodiscover.contoso.com"]);
    theirs.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`openssl req failed: ${r.stderr}`);
  }
  console.log(`RSA-2048 CSR generation, median of ${RUNS} (RSA key generation time varies a lot run to run)`);
  console.log(`  lib/pki generateCertificateRequest        ${median(ours).toFixed(1).padStart(8)} ms`);
  console.log(`  openssl req -new -newkey rsa:2048 -nodes  ${median(theirs).toFixed(1).padStart(8)} ms  (includes process start)`);
  console.log(`  ratio ours / openssl: ${(median(ours) / median(theirs)).toFixed(2)}  (report only)`);
}
