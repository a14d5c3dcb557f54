// Test helper: a small PKI driven through the openssl CLI in a temp dir, with fixed dates — a CA (RSA) with
// CDP and OCSP URLs, leaf certificates (EC) with chosen serials, CRLs written from an index.txt we control
// (`openssl ca -gencrl` with -crl_lastupdate/-crl_nextupdate), an impostor CA with the same name and another
// key, a CA without cRLSign, a delegated OCSP responder, and `openssl ocsp` responses produced offline.
// Used only by tests.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { X509Certificate } from "@peculiar/x509";

export const CRL_URL = "http://crl.lab.test/ca.crl";
export const OCSP_URL = "http://ocsp.lab.test";

/** One revoked entry of a CRL or OCSP index. */
export interface Revoked {
  serial: string;
  /** YYMMDDHHMMSSZ */
  date?: string;
  reason?: string;
}

export interface Lab {
  dir: string;
  ca: X509Certificate;
  /** Leaf certificates by serial hex. */
  leaves: Map<string, X509Certificate>;
  noCrlSignCa: X509Certificate;
  noCrlSignLeaf: X509Certificate;
  responder: X509Certificate;
  rogueResponder: X509Certificate;
  /** A delegated responder without id-pkix-ocsp-nocheck (its own status must be checked, by CRL). */
  plainResponder: X509Certificate;
  leafWithoutUrls: X509Certificate;
  file(name: string): string;
}

function run(dir: string, args: string[], input?: string): Buffer {
  return execFileSync("openssl", args, { cwd: dir, stdio: ["pipe", "pipe", "pipe"], ...(input !== undefined ? { input } : {}) });
}

function caConfig(dir: string, name: string, crlExt: string[] = []): string {
  const file = path.join(dir, `${name}.cnf`);
  writeFileSync(file, `[ ca ]
default_ca = CA_default
[ CA_default ]
dir = .
database = ./${name}-index.txt
new_certs_dir = ./newcerts
serial = ./${name}-serial
crlnumber = ./${name}-crlnumber
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
crl_extensions = crl_ext
[ policy_any ]
commonName = supplied
[ crl_ext ]
authorityKeyIdentifier = keyid:always
${crlExt.join("\n")}
[ leaf_ext ]
basicConstraints = CA:FALSE
keyUsage = digitalSignature
crlDistributionPoints = URI:${CRL_URL}
authorityInfoAccess = OCSP;URI:${OCSP_URL}
[ bare_leaf_ext ]
basicConstraints = CA:FALSE
[ responder_ext ]
basicConstraints = CA:FALSE
keyUsage = digitalSignature
extendedKeyUsage = OCSPSigning
noCheck = ignored
[ plain_responder_ext ]
basicConstraints = CA:FALSE
keyUsage = digitalSignature
extendedKeyUsage = OCSPSigning
crlDistributionPoints = URI:${CRL_URL}
[ rogue_ext ]
basicConstraints = CA:FALSE
keyUsage = digitalSignature
`);
  return file;
}

function makeCa(dir: string, name: string, subject: string, keyUsage: string): X509Certificate {
  writeFileSync(path.join(dir, `${name}-ext.cnf`), `[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,${keyUsage}\nsubjectKeyIdentifier=hash\n`);
  run(dir, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.pem`, "-subj", subject, "-days", "3650", "-set_serial", "1", "-config", `${name}-ext.cnf`, "-extensions", "v3"]);
  writeFileSync(path.join(dir, `${name}-index.txt`), "");
  writeFileSync(path.join(dir, `${name}-serial`), "1000\n");
  writeFileSync(path.join(dir, `${name}-crlnumber`), "01\n");
  return new X509Certificate(readFileSync(path.join(dir, `${name}.pem`)));
}

function issue(dir: string, ca: string, serial: string, cn: string, ext: string): X509Certificate {
  writeFileSync(path.join(dir, `${ca}-serial`), `${serial}\n`);
  run(dir, ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${cn}.key`, "-out", `${cn}.csr`, "-subj", `/CN=${cn}`]);
  run(dir, ["ca", "-batch", "-config", `${ca}.cnf`, "-name", "CA_default", "-keyfile", `${ca}.key`, "-cert", `${ca}.pem`, "-extensions", ext, "-startdate", "20250101000000Z", "-enddate", "20351231000000Z", "-notext", "-in", `${cn}.csr`, "-out", `${cn}.pem`]);
  return new X509Certificate(readFileSync(path.join(dir, `${cn}.pem`)));
}

/** Builds the lab (about a second of openssl work). */
export function makeLab(): Lab {
  const dir = mkdtempSync(path.join(tmpdir(), "certconsole-revocation-"));
  run(dir, ["version"]);
  execFileSync("mkdir", ["-p", path.join(dir, "newcerts")]);
  const ca = makeCa(dir, "ca", "/O=Lab/CN=Lab Issuing CA", "keyCertSign,cRLSign");
  caConfig(dir, "ca");
  makeCa(dir, "impostor", "/O=Lab/CN=Lab Issuing CA", "keyCertSign,cRLSign");
  caConfig(dir, "impostor");
  const noCrlSignCa = makeCa(dir, "nocrlsign", "/O=Lab/CN=Lab CA without cRLSign", "keyCertSign");
  caConfig(dir, "nocrlsign");
  const leaves = new Map<string, X509Certificate>();
  for (const serial of ["1001", "1002", "1003", "1004"]) leaves.set(serial, issue(dir, "ca", serial, `leaf${serial}`, "leaf_ext"));
  const leafWithoutUrls = issue(dir, "ca", "1005", "bare1005", "bare_leaf_ext");
  const responder = issue(dir, "ca", "2001", "responder", "responder_ext");
  const rogueResponder = issue(dir, "ca", "2002", "rogue", "rogue_ext");
  const plainResponder = issue(dir, "ca", "2003", "plain", "plain_responder_ext");
  const noCrlSignLeaf = issue(dir, "nocrlsign", "3001", "leaf3001", "leaf_ext");
  return { dir, ca, leaves, noCrlSignCa, noCrlSignLeaf, responder, rogueResponder, plainResponder, leafWithoutUrls, file: (n) => path.join(dir, n) };
}

function indexLines(revoked: readonly Revoked[], valid: readonly string[] = []): string {
  const r = revoked.map((e) => `R\t351231000000Z\t${e.date ?? "260105000000Z"}${e.reason ? `,${e.reason}` : ""}\t${e.serial}\tunknown\t/CN=leaf${e.serial}\n`);
  const v = valid.map((s) => `V\t351231000000Z\t\t${s}\tunknown\t/CN=leaf${s}\n`);
  return [...v, ...r].join("");
}

/** Options of {@link makeCrl}. */
export interface CrlOptions {
  revoked?: Revoked[];
  lastUpdate?: string;
  nextUpdate?: string;
  crlNumber?: string;
  /** Extra lines for the crl_ext section (e.g. `2.5.29.27 = critical,DER:02:01:01` for a delta CRL). */
  extensions?: string[];
  /** Which CA signs: the real one, the impostor (same name, other key), or the one without cRLSign. */
  signer?: "ca" | "impostor" | "nocrlsign";
}

/** Generates a DER CRL with `openssl ca -gencrl` at fixed dates. */
export function makeCrl(lab: Lab, o: CrlOptions = {}): Uint8Array {
  const signer = o.signer ?? "ca";
  const name = `${signer}-crl`;
  caConfig(lab.dir, name, o.extensions ?? []);
  writeFileSync(lab.file(`${name}-index.txt`), indexLines(o.revoked ?? []));
  writeFileSync(lab.file(`${name}-crlnumber`), `${o.crlNumber ?? "01"}\n`);
  run(lab.dir, ["ca", "-config", `${name}.cnf`, "-gencrl", "-keyfile", `${signer}.key`, "-cert", `${signer}.pem`,
    "-crl_lastupdate", o.lastUpdate ?? "20260101000000Z", "-crl_nextupdate", o.nextUpdate ?? "20260201000000Z", "-out", `${name}.pem`]);
  return new Uint8Array(run(lab.dir, ["crl", "-in", `${name}.pem`, "-outform", "DER"]));
}

/** Options of {@link ocspRespond}. */
export interface OcspOptions {
  revoked?: Revoked[];
  /** Serials the responder knows as good. */
  good?: string[];
  /** Who signs: the CA itself, the delegated responder (id-kp-OCSPSigning), or a CA-issued cert without that EKU. */
  signer?: "ca" | "responder" | "rogue" | "plain";
  ndays?: number;
}

/** Answers a DER OCSP request with `openssl ocsp` from an index we write (responses are dated now). */
export function ocspRespond(lab: Lab, request: Uint8Array, o: OcspOptions = {}): Uint8Array {
  writeFileSync(lab.file("ocsp-index.txt"), indexLines(o.revoked ?? [], o.good ?? []));
  writeFileSync(lab.file("req.der"), request);
  const signer = o.signer ?? "responder";
  const key = `${signer}.key`;
  const cert = `${signer}.pem`;
  run(lab.dir, ["ocsp", "-index", "ocsp-index.txt", "-CA", "ca.pem", "-rsigner", cert, "-rkey", key, "-reqin", "req.der", "-respout", "resp.der", "-ndays", String(o.ndays ?? 1)]);
  return new Uint8Array(readFileSync(lab.file("resp.der")));
}

/** `openssl ocsp -reqin … -req_text` of a request, for checking what we built. */
export function describeOcspRequest(lab: Lab, request: Uint8Array): string {
  writeFileSync(lab.file("req-text.der"), request);
  return run(lab.dir, ["ocsp", "-reqin", "req-text.der", "-req_text", "-noverify"]).toString();
}

/** `openssl crl -text` of a DER CRL. */
export function describeCrl(lab: Lab, der: Uint8Array): string {
  writeFileSync(lab.file("crl-text.der"), der);
  return run(lab.dir, ["crl", "-inform", "DER", "-in", "crl-text.der", "-noout", "-text"]).toString();
}
