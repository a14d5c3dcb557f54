/**
 * The probe lab: an openssl lab PKI (C's harness) with a loopback CRL server so revocation works, and server
 * certificates of every kind the probe must tell apart — valid, expired, wrong name, untrusted root, revoked —
 * plus misconfigured servers' credentials (leaf only, with or without AIA; self-signed). Served by the servers of
 * tls-servers.ts.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startCrlServer, type CrlServer } from "./crl-server";
import { createLabPki, type LabCert, type LabPki } from "./lab-pki";
import type { ServerCredentials } from "./tls-servers";

/** Kinds of server certificate the probe must tell apart. */
export const CERT_KINDS = ["valid", "expired", "wrongname", "untrusted", "revoked"] as const;
export type CertKind = (typeof CERT_KINDS)[number];

/** The lab: PKIs, CRL server, and credentials per certificate kind. */
export interface ProbeLab {
  pki: LabPki;
  crlServer: CrlServer;
  /** The trusted root (DER). */
  rootDer: Uint8Array;
  /** Path of the trusted root PEM (for `--trust`). */
  rootPath: string;
  credentials: Record<CertKind, ServerCredentials>;
  /**
   * Misconfigured servers: `leafOnlyWithAia` sends only its leaf (`aia.lab.test`, whose AIA caIssuers URL serves
   * the issuing CA), `leafOnlyNoAia` only its leaf (`mx.lab.test`, no AIA), `selfSigned` a self-signed `mx.lab.test`.
   */
  misconfigured: Record<"leafOnlyWithAia" | "leafOnlyNoAia" | "selfSigned", ServerCredentials>;
  certs: Record<CertKind, LabCert>;
  /** The name each certificate is probed for: its own name, except `wrongname`, probed for the valid name. */
  nameFor(kind: CertKind): string;
  /** Re-publishes the issuing CA's CRL (after a revocation). */
  publishCrls(): void;
  cleanup(): Promise<void>;
}

const stamp = (d: Date) => d.toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z";

/** Issues a leaf from the lab's issuing CA with explicit dates (C's `issueLeaf` always makes current ones). */
export function issueLeafWithDates(pki: LabPki, name: string, notBefore: Date, notAfter: Date, cdp: string[]): LabCert {
  const dir = path.join(pki.dir, "dated");
  mkdirSync(dir, { recursive: true });
  const key = path.join(dir, `${name}.key`);
  const csr = path.join(dir, `${name}.csr`);
  const cert = path.join(dir, `${name}.pem`);
  const ext = path.join(dir, `${name}-ext.cnf`);
  const run = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key]);
  writeFileSync(ext, `basicConstraints = critical,CA:false\nkeyUsage = critical,digitalSignature\nextendedKeyUsage = serverAuth\nsubjectAltName = DNS:${name}.lab.test\nauthorityKeyIdentifier = keyid:always\n${cdp.length ? `crlDistributionPoints = ${cdp.map((u) => `URI:${u}`).join(",")}\n` : ""}`);
  run(["req", "-new", "-key", key, "-subj", `/O=Certconsole Lab/CN=${name}.lab.test`, "-out", csr]);
  run(["ca", "-batch", "-config", path.join(pki.dir, "issuing", "openssl.cnf"), "-cert", pki.issuing.certPath, "-keyfile", pki.issuing.keyPath, "-in", csr, "-out", cert, "-notext", "-startdate", stamp(notBefore), "-enddate", stamp(notAfter), "-extfile", ext]);
  const pem = readFileSync(cert, "utf8");
  const der = new Uint8Array(execFileSync("openssl", ["x509", "-in", cert, "-outform", "DER"]));
  const serial = execFileSync("openssl", ["x509", "-in", cert, "-noout", "-serial"]).toString().trim().replace(/^serial=/, "").toUpperCase();
  return { name, certPath: cert, keyPath: key, pem, der, serial };
}

/**
 * A private PKI nobody trusts: a self-signed "Fabrikam Private Root CA" (distinct names, so the chain builder finds
 * no anchor at all — a lab PKI made twice would share names and look like an impostor chain) and a leaf for
 * `mx.lab.test` it signs. The server sends leaf + private root.
 */
export function issueUntrustedLeaf(dir: string): { leaf: LabCert; root: LabCert } {
  const run = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  const file = (name: string) => path.join(dir, name);
  const load = (name: string, certPath: string, keyPath: string): LabCert => ({
    name,
    certPath,
    keyPath,
    pem: readFileSync(certPath, "utf8"),
    der: new Uint8Array(execFileSync("openssl", ["x509", "-in", certPath, "-outform", "DER"])),
    serial: execFileSync("openssl", ["x509", "-in", certPath, "-noout", "-serial"]).toString().trim().replace(/^serial=/, "").toUpperCase(),
  });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
  writeFileSync(file("private-root.cnf"), "basicConstraints = critical,CA:true\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n");
  run(["req", "-x509", ...ec, "-keyout", file("private-root.key"), "-out", file("private-root.pem"), "-days", "3650", "-subj", "/O=Fabrikam/CN=Fabrikam Private Root CA", "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
  run(["req", "-new", ...ec, "-keyout", file("private-leaf.key"), "-out", file("private-leaf.csr"), "-subj", "/O=Fabrikam/CN=mx.lab.test"]);
  writeFileSync(file("private-leaf.cnf"), "basicConstraints = critical,CA:false\nkeyUsage = critical,digitalSignature\nextendedKeyUsage = serverAuth\nsubjectAltName = DNS:mx.lab.test\nauthorityKeyIdentifier = keyid\n");
  run(["x509", "-req", "-in", file("private-leaf.csr"), "-CA", file("private-root.pem"), "-CAkey", file("private-root.key"), "-CAcreateserial", "-days", "365", "-extfile", file("private-leaf.cnf"), "-out", file("private-leaf.pem")]);
  return { leaf: load("mx", file("private-leaf.pem"), file("private-leaf.key")), root: load("private-root", file("private-root.pem"), file("private-root.key")) };
}

/**
 * Builds the probe lab: a CRL server on loopback, a lab PKI whose issuing CA and leaves point at it (so the
 * revocation checker gets real answers: `good` for the valid leaf, `revoked` for the revoked one), an expired
 * leaf, a leaf for another name, and a leaf from an untrusted private root (see {@link issueUntrustedLeaf}).
 */
export async function createProbeLab(): Promise<ProbeLab> {
  const crlDir = mkdtempSync(path.join(tmpdir(), "certconsole-probe-crl-"));
  const crlServer = await startCrlServer({ dir: crlDir });
  const pki = createLabPki({ issuingUrls: { cdp: [`${crlServer.url}/root.crl`] } });
  const privateDir = mkdtempSync(path.join(tmpdir(), "certconsole-probe-private-"));
  const untrusted = issueUntrustedLeaf(privateDir);
  const cdp = [`${crlServer.url}/issuing.crl`];
  const now = Date.now();
  const certs: Record<CertKind, LabCert> = {
    valid: pki.issueLeaf("mx", { cdp }),
    expired: issueLeafWithDates(pki, "expired", new Date(now - 400 * 86_400_000), new Date(now - 30 * 86_400_000), cdp),
    wrongname: pki.issueLeaf("other", { cdp }),
    untrusted: untrusted.leaf,
    revoked: pki.issueLeaf("revoked", { cdp }),
  };
  pki.revoke(certs.revoked, "keyCompromise");
  const publishCrls = () => {
    writeFileSync(path.join(crlDir, "root.crl"), pki.rootCrl());
    writeFileSync(path.join(crlDir, "issuing.crl"), pki.issuingCrl());
    writeFileSync(path.join(crlDir, "issuing.cer"), pki.issuing.der);
  };
  publishCrls();
  const chainOf = (kind: CertKind): ServerCredentials => {
    const issuing = kind === "untrusted" ? untrusted.root : pki.issuing;
    return { key: readFileSync(certs[kind].keyPath, "utf8"), cert: `${certs[kind].pem.trim()}\n${issuing.pem.trim()}\n` };
  };
  const credentials = Object.fromEntries(CERT_KINDS.map((k) => [k, chainOf(k)])) as Record<CertKind, ServerCredentials>;
  const aia = pki.issueLeaf("aia", { cdp, caIssuers: [`${crlServer.url}/issuing.cer`] });
  const keyOf = (c: LabCert) => readFileSync(c.keyPath, "utf8");
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", path.join(privateDir, "self.key"), "-out", path.join(privateDir, "self.pem"), "-days", "365", "-subj", "/CN=mx.lab.test", "-addext", "subjectAltName=DNS:mx.lab.test"], { stdio: "ignore" });
  const misconfigured = {
    leafOnlyWithAia: { key: keyOf(aia), cert: aia.pem },
    leafOnlyNoAia: { key: keyOf(certs.valid), cert: certs.valid.pem },
    selfSigned: { key: readFileSync(path.join(privateDir, "self.key"), "utf8"), cert: readFileSync(path.join(privateDir, "self.pem"), "utf8") },
  };
  const names: Record<CertKind, string> = { valid: "mx.lab.test", expired: "expired.lab.test", wrongname: "mx.lab.test", untrusted: "mx.lab.test", revoked: "revoked.lab.test" };
  return {
    pki,
    crlServer,
    rootDer: pki.root.der,
    rootPath: pki.root.certPath,
    credentials,
    misconfigured,
    certs,
    nameFor: (kind) => names[kind],
    publishCrls,
    cleanup: async () => {
      await crlServer.stop();
      pki.cleanup();
      rmSync(privateDir, { recursive: true, force: true });
      rmSync(crlDir, { recursive: true, force: true });
    },
  };
}
