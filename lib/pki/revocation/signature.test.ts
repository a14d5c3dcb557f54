import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { isPkiError } from "../errors";
import { fromHex } from "../asn1/der";
import { verifySignature } from "./signature";

// openssl signs a message with each key type; we verify with WebCrypto (or node:crypto for DSA).
const dir = mkdtempSync(path.join(tmpdir(), "certconsole-sig-"));
const data = new TextEncoder().encode("tbsCertList bytes");
writeFileSync(path.join(dir, "data"), data);

function signed(keyArgs: string[], digest: string, extra: string[] = []): { spki: Uint8Array; sig: Uint8Array } {
  execFileSync("openssl", ["genpkey", ...keyArgs, "-out", "k.pem"], { cwd: dir, stdio: "pipe" });
  execFileSync("openssl", ["pkey", "-in", "k.pem", "-pubout", "-outform", "DER", "-out", "pub.der"], { cwd: dir });
  const dgst = digest ? ["-" + digest] : [];
  execFileSync("openssl", ["dgst", ...dgst, "-sign", "k.pem", ...extra, "-out", "sig", "data"], { cwd: dir });
  return { spki: new Uint8Array(readFileSync(path.join(dir, "pub.der"))), sig: new Uint8Array(readFileSync(path.join(dir, "sig"))) };
}

const alg = (oidDer: string) => ({ oid: "", der: fromHex(oidDer) });

describe("verifySignature", () => {
  test.each([
    { name: "sha256WithRSA", key: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], digest: "sha256", oid: "1.2.840.113549.1.1.11" },
    { name: "sha1WithRSA", key: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], digest: "sha1", oid: "1.2.840.113549.1.1.5" },
    { name: "ecdsa-with-SHA256 P-256", key: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"], digest: "sha256", oid: "1.2.840.10045.4.3.2" },
    { name: "ecdsa-with-SHA384 P-384", key: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"], digest: "sha384", oid: "1.2.840.10045.4.3.3" },
  ])("$name verifies, and fails on other data", async ({ key, digest, oid }) => {
    const { spki, sig } = signed(key, digest);
    const a = { ...alg("300d06092a864886f70d01010b0500"), oid };
    expect(await verifySignature(a, spki, data, sig)).toBe(true);
    expect(await verifySignature(a, spki, new TextEncoder().encode("other"), sig)).toBe(false);
  });

  test("RSASSA-PSS with SHA-256 parameters", async () => {
    const { spki, sig } = signed(["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], "sha256", ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32"]);
    // AlgorithmIdentifier rsassaPss { hash sha256, mgf1 sha256, saltLength 32 }
    const der = fromHex("304106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d06096086480165030402010500a203020120");
    expect(await verifySignature({ oid: "1.2.840.113549.1.1.10", der }, spki, data, sig)).toBe(true);
  });

  test("DSA through node:crypto", async () => {
    execFileSync("openssl", ["genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:2048", "-out", "dsap.pem"], { cwd: dir });
    const { spki, sig } = signed(["-paramfile", "dsap.pem"], "sha256");
    expect(await verifySignature({ oid: "2.16.840.1.101.3.4.3.2", der: new Uint8Array() }, spki, data, sig)).toBe(true);
  });

  test("unknown algorithm → ERR_UNSUPPORTED_ALGORITHM; a key of the wrong type → false", async () => {
    const { spki, sig } = signed(["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"], "sha256");
    await expect(verifySignature({ oid: "1.2.3.4", der: new Uint8Array() }, spki, data, sig)).rejects.toSatisfy((e) => isPkiError(e, "ERR_UNSUPPORTED_ALGORITHM"));
    expect(await verifySignature({ oid: "1.2.840.113549.1.1.11", der: new Uint8Array() }, spki, data, sig)).toBe(false);
  });
});
