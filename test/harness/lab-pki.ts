/**
 * An openssl-made lab PKI in a temp dir: root CA → issuing (intermediate) CA → leaves, made with
 * `openssl req`/`openssl ca` and an openssl config, with `openssl ca`-style index.txt databases.
 * Leaves carry whatever CDP / AIA caIssuers / OCSP URLs the caller gives (the harness servers' URLs, so
 * start the servers first). Revocation with reasons via `openssl ca -revoke`, CRLs via `openssl ca -gencrl`
 * (fresh, stale with past dates, bad signature by flipping a signature bit), a delegated OCSP signer
 * (id-kp-OCSPSigning, ocspNoCheck), and an OCSP index that can hide serials so the responder says "unknown".
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A certificate made by the lab, with its files. */
export interface LabCert {
  name: string;
  certPath: string;
  keyPath: string;
  pem: string;
  der: Uint8Array;
  /** Upper-case hex serial as in index.txt. */
  serial: string;
}

/** URLs put into a certificate. */
export interface LabUrls {
  cdp?: string[];
  ocsp?: string[];
  caIssuers?: string[];
}

export type RevocationReason = "unspecified" | "keyCompromise" | "CACompromise" | "affiliationChanged" | "superseded" | "cessationOfOperation" | "certificateHold";

export interface LabPki {
  dir: string;
  root: LabCert;
  issuing: LabCert;
  /** Delegated OCSP responder certificate issued by the issuing CA (id-kp-OCSPSigning). */
  ocspSigner: LabCert;
  /** The issuing CA's `openssl ca` index. */
  indexPath: string;
  /** A copy of the index for OCSP responders, minus serials hidden with {@link LabPki.hideFromOcsp}. */
  ocspIndexPath: string;
  /** Issues a leaf (EC P-256, serverAuth, SAN DNS:<name>.lab.test) from the issuing CA. */
  issueLeaf(name: string, urls: LabUrls): LabCert;
  /**
   * Issues another delegated OCSP responder certificate (id-kp-OCSPSigning) from the issuing CA: with or without
   * id-pkix-ocsp-nocheck, and with whatever CDP / OCSP URLs of its own (the RFC 6960 §4.2.2.2.1 shapes).
   */
  issueOcspSigner(name: string, options: { noCheck: boolean; urls?: LabUrls }): LabCert;
  /** `openssl ca -revoke` with a reason; updates the OCSP index. */
  revoke(cert: LabCert, reason: RevocationReason): void;
  /** Leaves the serial out of the OCSP index, so `openssl ocsp` answers "unknown". */
  hideFromOcsp(cert: LabCert): void;
  /** The issuing CA's CRL (DER). `lastUpdate`/`nextUpdate` override the dates (a past nextUpdate = stale). */
  issuingCrl(options?: { lastUpdate?: Date; nextUpdate?: Date; badSignature?: boolean }): Uint8Array;
  /** The root CA's CRL (DER), covering the issuing CA. */
  rootCrl(): Uint8Array;
  cleanup(): void;
}

function opensslDate(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z";
}

function caConfig(caDir: string): string {
  return `[ ca ]
default_ca = lab_ca
[ lab_ca ]
dir = ${caDir}
database = $dir/index.txt
new_certs_dir = $dir/newcerts
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = sha256
default_crl_days = 7
policy = policy_any
unique_subject = no
copy_extensions = none
# openssl ca writes the subject in this order: O before CN, as real CAs encode names (so they display CN-first).
[ policy_any ]
organizationName = optional
commonName = supplied
[ req ]
distinguished_name = req_dn
prompt = no
[ req_dn ]
CN = unused
[ crl_ext ]
authorityKeyIdentifier = keyid:always
`;
}

function urlLines(urls: LabUrls): string {
  // A comma separates list items in openssl's config syntax; inside a URI (an LDAP DN) it must be percent-encoded.
  const uri = (u: string) => `URI:${u.replace(/,/g, "%2C")}`;
  const lines: string[] = [];
  if (urls.cdp?.length) lines.push(`crlDistributionPoints = ${urls.cdp.map(uri).join(",")}`);
  const aia = [...(urls.ocsp ?? []).map((u) => `OCSP;${uri(u)}`), ...(urls.caIssuers ?? []).map((u) => `caIssuers;${uri(u)}`)];
  if (aia.length) lines.push(`authorityInfoAccess = ${aia.join(",")}`);
  return lines.join("\n");
}

/** Creates the root and issuing CAs and the delegated OCSP signer. `issuingUrls` go into the issuing CA's certificate. */
export function createLabPki(options: { issuingUrls?: LabUrls; dir?: string } = {}): LabPki {
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), "certconsole-lab-"));
  const run = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  const setupCa = (name: string) => {
    const caDir = path.join(dir, name);
    mkdirSync(path.join(caDir, "newcerts"), { recursive: true });
    writeFileSync(path.join(caDir, "index.txt"), "");
    writeFileSync(path.join(caDir, "index.txt.attr"), "unique_subject = no\n");
    writeFileSync(path.join(caDir, "serial"), name === "root" ? "1000\n" : "2000\n");
    writeFileSync(path.join(caDir, "crlnumber"), "01\n");
    writeFileSync(path.join(caDir, "openssl.cnf"), caConfig(caDir));
    return caDir;
  };
  const rootDir = setupCa("root");
  const issuingDir = setupCa("issuing");
  const now = Date.now();
  const start = opensslDate(new Date(now - 24 * 3600_000));
  const end = opensslDate(new Date(now + 365 * 24 * 3600_000));
  const keygen = (file: string) => run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", file]);
  const load = (name: string, certPath: string, keyPath: string): LabCert => {
    const pem = readFileSync(certPath, "utf8");
    const der = new Uint8Array(execFileSync("openssl", ["x509", "-in", certPath, "-outform", "DER"]));
    const serial = execFileSync("openssl", ["x509", "-in", certPath, "-noout", "-serial"]).toString().trim().replace(/^serial=/, "").toUpperCase();
    return { name, certPath, keyPath, pem, der, serial };
  };

  // Root CA (self-signed)
  const rootKey = path.join(rootDir, "root.key");
  const rootCert = path.join(rootDir, "root.pem");
  keygen(rootKey);
  writeFileSync(path.join(rootDir, "root-ext.cnf"), "basicConstraints = critical,CA:true\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n");
  run(["req", "-new", "-key", rootKey, "-subj", "/O=Certconsole Lab/CN=Certconsole Lab Root CA", "-out", path.join(rootDir, "root.csr")]);
  run(["ca", "-batch", "-config", path.join(rootDir, "openssl.cnf"), "-selfsign", "-keyfile", rootKey, "-in", path.join(rootDir, "root.csr"), "-out", rootCert, "-notext", "-startdate", start, "-enddate", opensslDate(new Date(now + 3650 * 24 * 3600_000)), "-extfile", path.join(rootDir, "root-ext.cnf")]);
  const root = load("root", rootCert, rootKey);

  const sign = (caDir: string, caCert: string, caKey: string, name: string, subject: string, ext: string): LabCert => {
    const key = path.join(caDir, `${name}.key`);
    const csr = path.join(caDir, `${name}.csr`);
    const cert = path.join(caDir, `${name}.pem`);
    const extFile = path.join(caDir, `${name}-ext.cnf`);
    keygen(key);
    writeFileSync(extFile, ext);
    run(["req", "-new", "-key", key, "-subj", subject, "-out", csr]);
    run(["ca", "-batch", "-config", path.join(caDir, "openssl.cnf"), "-cert", caCert, "-keyfile", caKey, "-in", csr, "-out", cert, "-notext", "-startdate", start, "-enddate", end, "-extfile", extFile]);
    return load(name, cert, key);
  };

  const issuing = sign(
    rootDir,
    rootCert,
    rootKey,
    "issuing",
    "/O=Certconsole Lab/CN=Certconsole Lab Issuing CA",
    `basicConstraints = critical,CA:true,pathlen:0\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid:always\n${urlLines(options.issuingUrls ?? {})}\n`,
  );
  const issuingCnf = path.join(issuingDir, "openssl.cnf");
  const ocspSigner = sign(
    issuingDir,
    issuing.certPath,
    issuing.keyPath,
    "ocsp-signer",
    "/O=Certconsole Lab/CN=Certconsole Lab OCSP Responder",
    "basicConstraints = critical,CA:false\nkeyUsage = critical,digitalSignature\nextendedKeyUsage = OCSPSigning\nnoCheck = ignored\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid:always\n",
  );

  const indexPath = path.join(issuingDir, "index.txt");
  const ocspIndexPath = path.join(issuingDir, "ocsp-index.txt");
  const hidden = new Set<string>();
  const syncOcspIndex = () => {
    const lines = readFileSync(indexPath, "utf8").split("\n").filter((line) => line && !hidden.has((line.split("\t")[3] ?? "").toUpperCase()));
    writeFileSync(ocspIndexPath, lines.map((l) => `${l}\n`).join(""));
  };
  syncOcspIndex();

  const crl = (caDir: string, caCert: string, caKey: string, extra: string[]): Uint8Array => {
    const pemPath = path.join(caDir, "crl.pem");
    run(["ca", "-config", path.join(caDir, "openssl.cnf"), "-gencrl", "-cert", caCert, "-keyfile", caKey, "-crlexts", "crl_ext", "-out", pemPath, ...extra]);
    return new Uint8Array(execFileSync("openssl", ["crl", "-in", pemPath, "-outform", "DER"]));
  };

  return {
    dir,
    root,
    issuing,
    ocspSigner,
    indexPath,
    ocspIndexPath,
    issueLeaf: (name, urls) => {
      const leaf = sign(
        issuingDir,
        issuing.certPath,
        issuing.keyPath,
        `leaf-${name}`,
        `/O=Certconsole Lab/CN=${name}.lab.test`,
        `basicConstraints = critical,CA:false\nkeyUsage = critical,digitalSignature\nextendedKeyUsage = serverAuth\nsubjectAltName = DNS:${name}.lab.test\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid:always\n${urlLines(urls)}\n`,
      );
      syncOcspIndex();
      return { ...leaf, name };
    },
    issueOcspSigner: (name, o) => {
      const signer = sign(
        issuingDir,
        issuing.certPath,
        issuing.keyPath,
        `ocsp-signer-${name}`,
        `/O=Certconsole Lab/CN=Certconsole Lab OCSP Responder ${name}`,
        `basicConstraints = critical,CA:false\nkeyUsage = critical,digitalSignature\nextendedKeyUsage = OCSPSigning\n${o.noCheck ? "noCheck = ignored\n" : ""}subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid:always\n${urlLines(o.urls ?? {})}\n`,
      );
      syncOcspIndex();
      return signer;
    },
    revoke: (cert, reason) => {
      run(["ca", "-config", issuingCnf, "-cert", issuing.certPath, "-keyfile", issuing.keyPath, "-revoke", cert.certPath, "-crl_reason", reason]);
      syncOcspIndex();
    },
    hideFromOcsp: (cert) => {
      hidden.add(cert.serial);
      syncOcspIndex();
    },
    issuingCrl: (o = {}) => {
      const extra = o.lastUpdate || o.nextUpdate ? ["-crl_lastupdate", opensslDate(o.lastUpdate ?? new Date()), "-crl_nextupdate", opensslDate(o.nextUpdate ?? new Date(Date.now() + 7 * 86400_000))] : ["-crldays", "7"];
      const der = crl(issuingDir, issuing.certPath, issuing.keyPath, extra);
      if (o.badSignature) der[der.length - 1] = (der[der.length - 1] ?? 0) ^ 0x01;
      return der;
    },
    rootCrl: () => crl(rootDir, rootCert, rootKey, ["-crldays", "7"]),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
