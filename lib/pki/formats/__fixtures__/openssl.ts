// Test helper: drives the openssl CLI in a temp dir to build a small PKI (root → intermediate →
// Exchange-style leaf) and files in every format. Used only by tests.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Runs openssl with `args` in `cwd`; returns stdout; throws with stderr on failure. */
export function openssl(args: string[], cwd: string, input?: string | Uint8Array): string {
  try {
    return execFileSync("openssl", args, { cwd, input, encoding: "latin1", stdio: ["pipe", "pipe", "pipe"] });
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`openssl ${args.join(" ")} failed: ${e.stderr ?? e.message}`);
  }
}

/** A fresh temp dir. */
export function tempDir(prefix = "certconsole-pki-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

const EXT = `
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[inter]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:http://pki.contoso.com/root.crl
[leaf]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = DNS:mail.contoso.com, DNS:autodiscover.contoso.com, DNS:owa.contoso.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
authorityInfoAccess = OCSP;URI:http://ocsp.contoso.com, caIssuers;URI:http://pki.contoso.com/inter.crt
crlDistributionPoints = @cdps
[cdps]
URI.0 = http://pki.contoso.com/inter.crl
URI.1 = ldap:///CN=Contoso%20Issuing,CN=CDP,DC=contoso,DC=com?certificateRevocationList?base
`;

/** Paths of the generated PKI files. */
export interface TestPki {
  dir: string;
  rootCert: string;
  interCert: string;
  leafCert: string;
  leafKey: string;
  chainPem: string;
}

/** Builds root → intermediate → leaf (RSA 2048) with openssl in a temp dir. */
export function makeTestPki(dir = tempDir()): TestPki {
  writeFileSync(path.join(dir, "ext.cnf"), EXT);
  const run = (...args: string[]) => openssl(args, dir);
  run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-out", "root.pem", "-subj", "/C=US/O=Contoso/CN=Contoso Root CA", "-days", "3650", "-sha256", "-extensions", "ca", "-config", "ext.cnf", "-reqexts", "ca");
  run("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "inter.key", "-out", "inter.csr", "-subj", "/C=US/O=Contoso/CN=Contoso Issuing CA");
  run("x509", "-req", "-in", "inter.csr", "-CA", "root.pem", "-CAkey", "root.key", "-set_serial", "0x1001", "-days", "1825", "-sha256", "-extfile", "ext.cnf", "-extensions", "inter", "-out", "inter.pem");
  run("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/C=US/ST=WA/L=Redmond/O=Contoso/OU=IT/CN=mail.contoso.com");
  run("x509", "-req", "-in", "leaf.csr", "-CA", "inter.pem", "-CAkey", "inter.key", "-set_serial", "0x0A1B2C3D4E5F", "-days", "365", "-sha256", "-extfile", "ext.cnf", "-extensions", "leaf", "-out", "leaf.pem");
  writeFileSync(path.join(dir, "chain.pem"), readFileSync(path.join(dir, "inter.pem"), "latin1") + readFileSync(path.join(dir, "root.pem"), "latin1"));
  const p = (f: string) => path.join(dir, f);
  return { dir, rootCert: p("root.pem"), interCert: p("inter.pem"), leafCert: p("leaf.pem"), leafKey: p("leaf.key"), chainPem: p("chain.pem") };
}

/** Reads a file as bytes. */
export const bytesOf = (file: string): Uint8Array => new Uint8Array(readFileSync(file));
