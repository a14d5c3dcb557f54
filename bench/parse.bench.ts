// Parse + SHA-1 thumbprint of 10,000 certificates: our path (cheap TBS decode + node:crypto SHA-1) against
// node:crypto's native X509Certificate (+ .fingerprint) on the same certificates in the same process.
// Also shown for reference: the full describeCertificate (every extension) and @peculiar/x509's parser.
import { X509Certificate as NodeX509 } from "node:crypto";
import { performance } from "node:perf_hooks";
import * as x509 from "@peculiar/x509";
import { describeCertificate } from "../lib/pki/certificate/description";
import { summarizeCertificate } from "../lib/pki/certificate/summary";
import { readTlv, tlvChildren } from "../lib/pki/asn1/der";

const COUNT = 10_000;

/** One realistic CA-issued Exchange leaf (SAN, EKU, AIA, CDP), then COUNT copies differing in the serial number. */
async function makeCertificates(): Promise<Uint8Array[]> {
  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const keys = (await crypto.subtle.generateKey(alg, true, ["sign", "verify"])) as CryptoKeyPair;
  const caKeys = (await crypto.subtle.generateKey(alg, true, ["sign", "verify"])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: "0102030405060708",
    subject: "CN=mail.contoso.com, O=Contoso, L=Redmond, ST=WA, C=US",
    issuer: "CN=Contoso Issuing CA, O=Contoso, C=US",
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    notBefore: new Date("2026-01-01T00:00:00Z"),
    notAfter: new Date("2027-01-01T00:00:00Z"),
    signingAlgorithm: alg,
    extensions: [
      new x509.SubjectAlternativeNameExtension([
        { type: "dns", value: "mail.contoso.com" },
        { type: "dns", value: "autodiscover.contoso.com" },
        { type: "dns", value: "owa.contoso.com" },
      ]),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.AuthorityInfoAccessExtension({ ocsp: ["http://ocsp.contoso.com"], caIssuers: ["http://pki.contoso.com/ca.crt"] }),
      new x509.CRLDistributionPointsExtension(["http://pki.contoso.com/ca.crl"]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const template = new Uint8Array(cert.rawData);
  const [tbs] = tlvChildren(template, readTlv(template));
  const serial = tlvChildren(template, tbs!)[1]!; // after [0] version
  return Array.from({ length: COUNT }, (_, i) => {
    const copy = template.slice();
    new DataView(copy.buffer).setUint32(serial.contentEnd - 4, i + 1);
    return copy;
  });
}

function time(label: string, runs: number, f: () => void): number {
  f(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`  ${label.padEnd(52)} ${median.toFixed(1).padStart(8)} ms  (${((median * 1000) / COUNT).toFixed(2)} µs/cert, median of ${runs})`);
  return median;
}

export async function run(): Promise<void> {
  const ders = await makeCertificates();
  console.log(`parse + SHA-1 thumbprint of ${COUNT} certificates (${ders[0]!.length} bytes each)`);
  let sink = 0;
  const ours = time("lib/pki summarizeCertificate (TBS decode + SHA-1)", 5, () => {
    for (const d of ders) sink += summarizeCertificate(d).thumbprint.length;
  });
  const native = time("node:crypto X509Certificate + .fingerprint", 5, () => {
    for (const d of ders) sink += new NodeX509(d).fingerprint.length;
  });
  // describeCertificate is memoised per parse: each run hands in fresh copies so that every certificate is decoded.
  const full = time("lib/pki describeCertificate (all fields)", 3, () => {
    for (const d of ders) sink += describeCertificate(d.slice()).Thumbprint.length;
  });
  const t0 = performance.now();
  for (const d of ders) sink += (await new x509.X509Certificate(d.slice()).getThumbprint("SHA-1")).byteLength;
  const peculiar = performance.now() - t0;
  console.log(`  ${"@peculiar/x509 X509Certificate + getThumbprint".padEnd(52)} ${peculiar.toFixed(1).padStart(8)} ms  (single run, reference)`);
  console.log(`  ratio ours / native (parse + thumbprint): ${(ours / native).toFixed(2)}  (target ≤ 3)`);
  console.log(`  ratio describeCertificate / native: ${(full / native).toFixed(2)}; @peculiar / native: ${(peculiar / native).toFixed(2)}`);
  if (sink === 0) console.log("(unreachable)");
}
