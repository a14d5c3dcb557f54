// The Web PKI profile, table-driven: one openssl-made chain per rule, valid and invalid twins, through
// `certctl verify --profile webpki --purpose server --json`, cross-checked with `openssl verify -x509_strict
// -purpose sslserver`. Where OpenSSL does not implement a rule, the table records its verdict as a deliberate
// difference.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { main } from "@/cli/certctl";
import { buildWebPkiChain, opensslStrictVerdict, type WebPkiChain, type WebPkiChainSpec } from "@/test/harness/webpki-chains";
import { webPkiFindings } from "./webpki-profile";
import { readFileSync } from "node:fs";
import { X509Certificate } from "@peculiar/x509";

interface Case {
  name: string;
  spec: WebPkiChainSpec;
  /** Web PKI codes expected, as depth:code. */
  findings: string[];
  /**
   * RFC 5280 (default profile) verdict; "unasserted" where the RFC 5280 rules of issue 10 (part A, another
   * branch) may reject the chain for their own reason (a v1 leaf has no AKI; an empty NameConstraints).
   */
  rfc5280: "Valid" | "Invalid" | "unasserted";
  /** `openssl verify -x509_strict -purpose sslserver`: "OK" or the start of its error. */
  openssl: string;
  /** Why we deliberately differ from OpenSSL (required exactly when the verdicts differ). */
  differs?: string;
}

const BR_ONLY = "a Baseline Requirements rule OpenSSL does not implement";

const OTHER_KEY_ID = "DER:30:16:80:14:01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f:10:11:12:13:14";

const CASES: Case[] = [
  { name: "good chain (the valid twin of every rule)", spec: {}, findings: [], rfc5280: "Valid", openssl: "OK" },
  { name: "leaf without EKU", spec: { leaf: { extendedKeyUsage: null } }, findings: ["0:ERR_WEBPKI_EKU"], rfc5280: "Valid", openssl: "OK", differs: "OpenSSL treats an absent EKU as any purpose; BR §7.1.2.7.10 requires serverAuth" },
  { name: "leaf EKU clientAuth only", spec: { leaf: { extendedKeyUsage: "clientAuth" } }, findings: ["0:ERR_WEBPKI_EKU"], rfc5280: "Invalid", openssl: "error 26" },
  { name: "leaf EKU anyExtendedKeyUsage only", spec: { leaf: { extendedKeyUsage: "anyExtendedKeyUsage" } }, findings: ["0:ERR_WEBPKI_EKU"], rfc5280: "Valid", openssl: "error 26" },
  { name: "leaf EKU serverAuth + anyExtendedKeyUsage", spec: { leaf: { extendedKeyUsage: "serverAuth,anyExtendedKeyUsage" } }, findings: ["0:ERR_WEBPKI_EKU"], rfc5280: "Valid", openssl: "OK", differs: "OpenSSL accepts anyExtendedKeyUsage next to serverAuth; the BRs forbid it" },
  { name: "leaf EKU critical", spec: { leaf: { extendedKeyUsage: "critical,serverAuth" } }, findings: ["0:ERR_WEBPKI_EKU_CRITICAL"], rfc5280: "Valid", openssl: "OK", differs: BR_ONLY },
  { name: "root with an EKU", spec: { root: { extendedKeyUsage: "serverAuth" } }, findings: ["2:ERR_WEBPKI_ROOT_EKU"], rfc5280: "Valid", openssl: "OK", differs: "OpenSSL accepts a root EKU that includes serverAuth; root programs forbid root EKUs" },
  { name: "leaf without subjectAltName", spec: { leaf: { subjectAltName: null } }, findings: ["0:ERR_WEBPKI_NO_SAN"], rfc5280: "Valid", openssl: "OK", differs: "OpenSSL falls back to the CN (no host name is checked here); browsers ignore the CN" },
  { name: "leaf DSA key", spec: { leafKey: "dsa" }, findings: ["0:ERR_WEBPKI_WEAK_KEY"], rfc5280: "Valid", openssl: "OK", differs: "OpenSSL accepts DSA-2048 at security level 1; browsers do not support DSA" },
  { name: "leaf P-192 key", spec: { leafKey: "ec192" }, findings: ["0:ERR_WEBPKI_WEAK_KEY"], rfc5280: "Valid", openssl: "OK", differs: "OpenSSL accepts P-192 (80 bits) at security level 1; BR §6.1.5 allows P-256/384/521 only" },
  { name: "leaf P-224 key", spec: { leafKey: "ec224" }, findings: ["0:ERR_WEBPKI_WEAK_KEY"], rfc5280: "Valid", openssl: "OK", differs: "OpenSSL accepts P-224; BR §6.1.5 allows P-256/384/521 only" },
  { name: "leaf Ed25519 key", spec: { leafKey: "ed25519" }, findings: ["0:ERR_WEBPKI_WEAK_KEY"], rfc5280: "Valid", openssl: "OK", differs: "OpenSSL accepts Ed25519 end entities; BR §6.1.5 and browsers do not" },
  { name: "leaf P-384 key (twin)", spec: { leafKey: "ec384" }, findings: [], rfc5280: "Valid", openssl: "OK" },
  { name: "leaf RSA 1024", spec: { leafKey: "rsa1024" }, findings: ["0:ERR_WEBPKI_WEAK_KEY"], rfc5280: "Valid", openssl: "OK", differs: "OpenSSL verify accepts RSA-1024 at its default level; BR §6.1.5 needs 2048" },
  { name: "leaf RSA 2052 (not a multiple of 8)", spec: { leafKey: "rsa2052" }, findings: ["0:ERR_WEBPKI_WEAK_KEY"], rfc5280: "Valid", openssl: "OK", differs: BR_ONLY },
  { name: "leaf RSA 2048 (twin)", spec: { leafKey: "rsa2048" }, findings: [], rfc5280: "Valid", openssl: "OK" },
  { name: "leaf signed with SHA-1", spec: { leafDigest: "sha1" }, findings: ["0:ERR_WEBPKI_WEAK_SIGNATURE"], rfc5280: "Valid", openssl: "OK", differs: "OpenSSL 3.0 verify still accepts SHA-1 signatures at its default level; browsers do not" },
  { name: "leaf signed with MD5", spec: { leafDigest: "md5" }, findings: ["0:ERR_WEBPKI_WEAK_SIGNATURE"], rfc5280: "Invalid", openssl: "OK", differs: "OpenSSL verify accepts MD5 here; we refuse it in both profiles (ERR_UNSUPPORTED_ALGORITHM in rfc5280)" },
  { name: "intermediate signed with SHA-1", spec: { intermediateDigest: "sha1" }, findings: ["1:ERR_WEBPKI_WEAK_SIGNATURE"], rfc5280: "Valid", openssl: "OK", differs: "OpenSSL 3.0 verify still accepts SHA-1 signatures at its default level; browsers do not" },
  { name: "root self-signed with SHA-1 (twin: nobody checks it)", spec: { rootDigest: "sha1" }, findings: [], rfc5280: "Valid", openssl: "OK" },
  { name: "leaf version 1", spec: { leafV1: true }, findings: ["0:ERR_WEBPKI_EKU", "0:ERR_WEBPKI_NO_SAN", "0:ERR_WEBPKI_VERSION"], rfc5280: "unasserted", openssl: "OK", differs: "OpenSSL accepts a v1 end entity; BR §7.1.1 requires v3 (and a v1 certificate has no SAN or EKU)" },
  { name: "leaf with cA=TRUE", spec: { leaf: { basicConstraints: "critical,CA:TRUE", keyUsage: "critical,digitalSignature,keyCertSign" } }, findings: ["0:ERR_WEBPKI_LEAF_CA"], rfc5280: "Valid", openssl: "OK", differs: "OpenSSL accepts a CA certificate as the server certificate; BR §7.1.2.7.8 and browsers do not" },
  { name: "root AKI with issuer and serial", spec: { root: { authorityKeyIdentifier: "keyid,issuer:always" } }, findings: ["2:ERR_WEBPKI_ROOT_AKI"], rfc5280: "Valid", openssl: "OK", differs: BR_ONLY },
  { name: "root AKI keyIdentifier differs from its SKI", spec: { root: { "2.5.29.35": OTHER_KEY_ID } }, findings: ["2:ERR_WEBPKI_ROOT_AKI"], rfc5280: "Valid", openssl: "error 2" },
  { name: "root AKI that cannot be decoded", spec: { root: { "2.5.29.35": "DER:30:03:80:05:01" } }, findings: ["2:ERR_WEBPKI_ROOT_AKI"], rfc5280: "unasserted", openssl: "error 20" },
  { name: "root AKI keyIdentifier equal to its SKI (twin)", spec: { root: { authorityKeyIdentifier: "keyid:always" } }, findings: [], rfc5280: "Valid", openssl: "OK" },
  { name: "intermediate with empty name constraints", spec: { intermediate: { "2.5.29.30": "critical,DER:30:00" } }, findings: ["1:ERR_WEBPKI_EMPTY_NAME_CONSTRAINTS"], rfc5280: "unasserted", openssl: "OK", differs: "OpenSSL accepts an empty NameConstraints; RFC 5280 §4.2.1.10 forbids issuing one (rejected in the webpki profile only)" },
  { name: "intermediate with permitted name constraints (twin)", spec: { intermediate: { nameConstraints: "critical,permitted;DNS:contoso.com" } }, findings: [], rfc5280: "Valid", openssl: "OK" },
];

let dir = "";
const chains = new Map<string, WebPkiChain>();
const agreement: string[] = [];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "certconsole-webpki-"));
  CASES.forEach((c, i) => chains.set(c.name, buildWebPkiChain(dir, `case-${i}`, c.spec)));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  console.log(["", "Web PKI cases: ours (webpki) vs openssl verify -x509_strict -purpose sslserver", ...agreement].join("\n"));
});

async function verify(chain: WebPkiChain, profile: "rfc5280" | "webpki") {
  const out: string[] = [];
  const code = await main(["verify", chain.leaf, "--trust", chain.root, "--untrusted", chain.intermediate, "--purpose", "server", "--profile", profile, "--no-revocation", "--json"], { out: (t) => out.push(t), err: (t) => out.push(t) });
  return { code, json: JSON.parse(out.join("\n")) as { status: string; problems: { depth: number; code: string; message: string }[] } };
}

describe("Web PKI profile (certctl verify --profile webpki --purpose server)", () => {
  test.each(CASES)("$name", async (c) => {
    const chain = chains.get(c.name)!;
    const webpki = await verify(chain, "webpki");
    const found = webpki.json.problems.filter((p) => p.code.startsWith("ERR_WEBPKI_")).map((p) => `${p.depth}:${p.code}`);
    expect([...new Set(found)].sort()).toEqual([...c.findings].sort());
    const rfc = await verify(chain, "rfc5280");
    expect(webpki.json.status).toBe(c.findings.length === 0 ? rfc.json.status : "Invalid");
    expect(webpki.code).toBe(webpki.json.status === "Valid" ? 0 : 1);
    for (const p of webpki.json.problems.filter((x) => x.code.startsWith("ERR_WEBPKI_"))) expect(p.message).toMatch(/\[(BR|RFC 5280) §[\d.]+\]$/);
    if (c.rfc5280 !== "unasserted") expect(rfc.json.status).toBe(c.rfc5280);
    expect(rfc.json.problems.some((p) => p.code.startsWith("ERR_WEBPKI_"))).toBe(false);
    const openssl = opensslStrictVerdict(chain);
    expect(openssl.startsWith(c.openssl), `openssl said: ${openssl}`).toBe(true);
    const ours = webpki.json.status === "Valid" ? "OK" : "rejected";
    const theirs = openssl === "OK" ? "OK" : "rejected";
    expect(ours === theirs ? undefined : "differs", c.differs ?? "agrees").toBe(c.differs === undefined ? undefined : "differs");
    agreement.push(`${ours === theirs ? "agree " : "differ"}  ${c.name}: ours ${ours} ${found.join(" ")} (rfc5280 profile: ${rfc.json.status}); openssl ${openssl}${c.differs ? ` (deliberate: ${c.differs})` : ""}`);
  });

  test("a lone self-signed end-entity certificate is not judged as a root", () => {
    const leaf = new X509Certificate(readFileSync(chains.get("good chain (the valid twin of every rule)")!.root));
    const findings = webPkiFindings([leaf], { purpose: "server", anchored: true }).map((f) => f.code);
    expect(findings).toEqual(["ERR_WEBPKI_EKU", "ERR_WEBPKI_NO_SAN", "ERR_WEBPKI_LEAF_CA"]);
  });
});
