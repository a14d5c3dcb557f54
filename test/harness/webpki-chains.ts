/**
 * Three-certificate chains (root → intermediate → server leaf) made with the openssl CLI, for the Web PKI
 * profile's table-driven tests: each case overrides extension lines, the leaf's key, the signature digests or the
 * leaf's version, so that valid and invalid twins differ in exactly one rule. Keys are made once per directory.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Leaf key kinds. */
export type LeafKey = "ec256" | "ec384" | "ec192" | "ec224" | "ed25519" | "rsa2048" | "rsa1024" | "rsa2052" | "dsa";
/** Extension lines by name (`null` removes a default line). */
export type ExtensionOverrides = Record<string, string | null>;

/** What one case changes from the good chain. */
export interface WebPkiChainSpec {
  root?: ExtensionOverrides;
  intermediate?: ExtensionOverrides;
  leaf?: ExtensionOverrides;
  leafKey?: LeafKey;
  /** Digest the intermediate signs the leaf with (default sha256). */
  leafDigest?: "sha256" | "sha1" | "md5";
  intermediateDigest?: "sha256" | "sha1";
  rootDigest?: "sha256" | "sha1";
  /** Issue the leaf as a version 1 certificate (no extensions at all). */
  leafV1?: boolean;
}

/** PEM files of one built chain. */
export interface WebPkiChain {
  root: string;
  intermediate: string;
  leaf: string;
}

const DEFAULTS = {
  root: { basicConstraints: "critical,CA:TRUE", keyUsage: "critical,keyCertSign,cRLSign", subjectKeyIdentifier: "hash" },
  intermediate: { basicConstraints: "critical,CA:TRUE,pathlen:0", keyUsage: "critical,keyCertSign,cRLSign", subjectKeyIdentifier: "hash", authorityKeyIdentifier: "keyid:always" },
  leaf: {
    basicConstraints: "critical,CA:FALSE",
    keyUsage: "critical,digitalSignature",
    extendedKeyUsage: "serverAuth",
    subjectAltName: "DNS:mail.contoso.com",
    subjectKeyIdentifier: "hash",
    authorityKeyIdentifier: "keyid:always",
  },
} as const;

const KEYGEN: Readonly<Record<LeafKey | "ca", string[]>> = {
  ca: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
  rsa2048: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
  rsa1024: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"],
  rsa2052: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2052"],
  ec256: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
  ec384: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
  ec192: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-192"],
  ec224: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-224"],
  ed25519: ["-algorithm", "ED25519"],
  dsa: [],
};

function extensionFile(file: string, defaults: Readonly<Record<string, string>>, overrides: ExtensionOverrides = {}): string {
  const lines = Object.entries({ ...defaults, ...overrides }).filter((entry): entry is [string, string] => entry[1] !== null);
  writeFileSync(file, `[e]\n${lines.map(([k, v]) => `${k} = ${v}`).join("\n")}\n`);
  return file;
}

/** Builds the chain `name` in `dir` (keys are shared by every chain of the directory). */
export function buildWebPkiChain(dir: string, name: string, spec: WebPkiChainSpec = {}): WebPkiChain {
  const run = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  const key = (kind: LeafKey | "ca", file: string): string => {
    const full = path.join(dir, file);
    if (existsSync(full)) return full;
    if (kind === "dsa") {
      run(["genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:2048", "-out", path.join(dir, "dsa.param")]);
      run(["genpkey", "-paramfile", path.join(dir, "dsa.param"), "-out", full]);
    } else run(["genpkey", ...KEYGEN[kind], "-out", full]);
    return full;
  };
  const caseDir = path.join(dir, name);
  mkdirSync(caseDir, { recursive: true });
  const out = (f: string) => path.join(caseDir, f);
  const rootKey = key("ca", "root.key");
  const interKey = key("ca", "intermediate.key");
  const leafKey = key(spec.leafKey ?? "ec256", `leaf-${spec.leafKey ?? "ec256"}.key`);

  run(["req", "-new", "-key", rootKey, "-subj", "/O=Contoso/CN=Contoso WebPKI Test Root", "-out", out("root.csr")]);
  run(["x509", "-req", "-in", out("root.csr"), "-signkey", rootKey, "-days", "30", `-${spec.rootDigest ?? "sha256"}`, "-set_serial", "0x1001", "-extfile", extensionFile(out("root.cnf"), DEFAULTS.root, spec.root), "-extensions", "e", "-out", out("root.pem")]);
  run(["req", "-new", "-key", interKey, "-subj", "/O=Contoso/CN=Contoso WebPKI Test Issuing CA", "-out", out("intermediate.csr")]);
  run(["x509", "-req", "-in", out("intermediate.csr"), "-CA", out("root.pem"), "-CAkey", rootKey, "-days", "20", `-${spec.intermediateDigest ?? "sha256"}`, "-set_serial", "0x2001", "-extfile", extensionFile(out("intermediate.cnf"), DEFAULTS.intermediate, spec.intermediate), "-extensions", "e", "-out", out("intermediate.pem")]);
  run(["req", "-new", "-key", leafKey, "-subj", "/O=Contoso/CN=mail.contoso.com", "-out", out("leaf.csr")]);
  const leafExtensions = spec.leafV1 ? [] : ["-extfile", extensionFile(out("leaf.cnf"), DEFAULTS.leaf, spec.leaf), "-extensions", "e"];
  run(["x509", "-req", "-in", out("leaf.csr"), "-CA", out("intermediate.pem"), "-CAkey", interKey, "-days", "10", `-${spec.leafDigest ?? "sha256"}`, "-set_serial", "0x3001", ...leafExtensions, "-out", out("leaf.pem")]);
  return { root: out("root.pem"), intermediate: out("intermediate.pem"), leaf: out("leaf.pem") };
}

/** `openssl verify -x509_strict -purpose sslserver` on a chain: "OK" or openssl's first error line. */
export function opensslStrictVerdict(chain: WebPkiChain): string {
  try {
    execFileSync("openssl", ["verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", chain.root, "-untrusted", chain.intermediate, chain.leaf], { stdio: ["ignore", "pipe", "pipe"] });
    return "OK";
  } catch (error) {
    const text = `${(error as { stdout?: Buffer }).stdout?.toString() ?? ""}\n${(error as { stderr?: Buffer }).stderr?.toString() ?? ""}`;
    return (text.split("\n").find((line) => /^error \d+/.test(line)) ?? "failed").trim();
  }
}
