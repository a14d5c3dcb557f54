// certctl verify against certificates made by an openssl CA (root → intermediate → leaf) in a temp dir.
import { execFileSync, spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { main } from "@/cli/certctl";

const AT = "2026-06-01T00:00:00Z";
let dir = "";
const file = (name: string): string => path.join(dir, name);
const openssl = (...args: string[]): string => execFileSync("openssl", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

function caConfig(name: string): string {
  const home = file(name);
  mkdirSync(path.join(home, "newcerts"), { recursive: true });
  writeFileSync(path.join(home, "index.txt"), "");
  writeFileSync(path.join(home, "serial"), `${(name.length * 4096 + 0x1001).toString(16)}\n`);
  writeFileSync(path.join(home, "crlnumber"), "01\n"); // RFC 5280 §5.2.3: a CRL without a number is not an answer
  const cnf = `[ca]
default_ca = ca_section
[ca_section]
dir = ${home}
database = $dir/index.txt
new_certs_dir = $dir/newcerts
serial = $dir/serial
crlnumber = $dir/crlnumber
certificate = ${file(`${name}.pem`)}
private_key = ${file(`${name}.key`)}
default_md = sha256
default_crl_days = 30
policy = policy_any
unique_subject = no
copy_extensions = none
[policy_any]
commonName = supplied
organizationName = optional
[v3_root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_inter]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_server]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:mail.contoso.com,DNS:*.contoso.com,IP:192.0.2.10
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_client]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = DNS:user.contoso.com
authorityKeyIdentifier = keyid
`;
  writeFileSync(file(`${name}.cnf`), cnf);
  return file(`${name}.cnf`);
}

/** Makes a key + request, then has `signer` (an openssl ca) issue it with fixed dates. */
function issue(name: string, subject: string, signer: string | null, extensions: string, start = "20250101000000Z", end = "20350101000000Z", extfile?: string): void {
  openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", subject);
  const cnf = signer ? file(`${signer}.cnf`) : caConfig(name);
  const args = ["ca", "-batch", "-config", cnf, "-extensions", extensions, "-startdate", start, "-enddate", end, "-in", `${name}.csr`, "-out", `${name}.pem`, "-notext"];
  if (!signer) args.push("-selfsign", "-keyfile", `${name}.key`);
  if (extfile) args.push("-extfile", extfile);
  openssl(...args);
}

async function verify(...args: string[]): Promise<{ code: number; out: string; err: string; json: () => Record<string, unknown> & { status: string; problems: { depth: number; code: string }[]; chain: string[] } }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["verify", ...args.map((a) => (/^[\w-]+\.(pem|der)$/.test(a) ? file(a) : a))], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n"), json: () => JSON.parse(out.join("\n")) };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "certctl-verify-"));
  issue("root", "/CN=Contoso Test Root/O=Contoso", null, "v3_root");
  caConfig("inter");
  issue("inter", "/CN=Contoso Issuing CA/O=Contoso", "root", "v3_inter");
  issue("leaf", "/CN=mail.contoso.com/O=Contoso", "inter", "v3_server");
  issue("expired", "/CN=old.contoso.com/O=Contoso", "inter", "v3_server", "20200101000000Z", "20210101000000Z");
  issue("client", "/CN=user.contoso.com/O=Contoso", "inter", "v3_client");
  issue("other", "/CN=Fabrikam Root/O=Fabrikam", null, "v3_root");
  // Tampered: flip one bit of the leaf's signature (the last byte of the DER).
  const der = readDer("leaf.pem");
  der[der.length - 1]! ^= 0x01;
  writeFileSync(file("tampered.der"), der);
  // Cross-certification: "New Root" is self-signed (not trusted) and also certified by the trusted "Old Root".
  issue("oldroot", "/CN=Old Root/O=Contoso", null, "v3_root");
  issue("newroot", "/CN=New Root/O=Contoso", null, "v3_root");
  openssl("ca", "-batch", "-config", file("oldroot.cnf"), "-extensions", "v3_root", "-startdate", "20250101000000Z", "-enddate", "20350101000000Z", "-in", "newroot.csr", "-out", "newroot-cross.pem", "-notext");
  caConfig("newca");
  issue("newca", "/CN=New Issuing CA/O=Contoso", "newroot", "v3_inter");
  issue("newleaf", "/CN=mail.contoso.com/O=Contoso", "newca", "v3_server");
  writeFileSync(file("newroots.pem"), readFileSync(file("newroot.pem"), "utf8") + readFileSync(file("newroot-cross.pem"), "utf8"));
});

function readDer(pem: string): Buffer {
  return execFileSync("openssl", ["x509", "-in", file(pem), "-outform", "DER"]);
}

const sha1 = (pem: string): string => openssl("x509", "-in", pem, "-noout", "-fingerprint", "-sha1").split("=")[1]!.trim().replace(/:/g, "");

describe("certctl verify with an openssl-made CA", () => {
  test("root → intermediate → leaf is Valid; chain thumbprints are openssl's SHA-1 fingerprints", async () => {
    const r = await verify("leaf.pem", "--trust", "root.pem", "--untrusted", "inter.pem", "--at", AT, "--purpose", "server", "--name", "mail.contoso.com", "--no-revocation", "--json");
    expect(r.code).toBe(0);
    const json = r.json();
    expect(json.status).toBe("Valid");
    expect(json.chain).toEqual([sha1("leaf.pem"), sha1("inter.pem"), sha1("root.pem")]);
    expect(openssl("verify", "-attime", String(Date.parse(AT) / 1000), "-CAfile", "root.pem", "-untrusted", "inter.pem", "leaf.pem")).toContain("OK");
  });

  test.each([
    { label: "expired leaf", args: ["expired.pem", "--trust", "root.pem", "--untrusted", "inter.pem"], status: "DateInvalid", code: "ERR_EXPIRED", depth: 0 },
    { label: "wrong trust anchor", args: ["leaf.pem", "--trust", "other.pem", "--untrusted", "inter.pem"], status: "Untrusted", code: "ERR_NO_PATH", depth: 1 },
    { label: "tampered signature", args: ["tampered.der", "--trust", "root.pem", "--untrusted", "inter.pem"], status: "Invalid", code: "ERR_SIGNATURE", depth: 0 },
    { label: "client-only EKU used as server", args: ["client.pem", "--trust", "root.pem", "--untrusted", "inter.pem", "--purpose", "server"], status: "Invalid", code: "ERR_EKU", depth: 0 },
    { label: "name not on the certificate", args: ["leaf.pem", "--trust", "root.pem", "--untrusted", "inter.pem", "--name", "www.fabrikam.com"], status: "Invalid", code: "ERR_NAME_MISMATCH", depth: 0 },
    { label: "wildcard covers one label only", args: ["leaf.pem", "--trust", "root.pem", "--untrusted", "inter.pem", "--name", "a.b.contoso.com"], status: "Invalid", code: "ERR_NAME_MISMATCH", depth: 0 },
    { label: "IP address not on the certificate", args: ["leaf.pem", "--trust", "root.pem", "--untrusted", "inter.pem", "--name", "192.0.2.11"], status: "Invalid", code: "ERR_NAME_MISMATCH", depth: 0 },
    { label: "issuer missing", args: ["leaf.pem", "--trust", "root.pem"], status: "Untrusted", code: "ERR_NO_PATH", depth: 0 },
  ])("$label → $status ($code at depth $depth)", async ({ args, status, code, depth }) => {
    const r = await verify(...args, "--at", AT, "--no-revocation", "--json");
    expect(r.code, r.err).toBe(1);
    const json = r.json();
    expect(json.status).toBe(status);
    expect(json.problems).toContainEqual(expect.objectContaining({ code, depth }));
  });

  test.each([["mail.contoso.com"], ["autodiscover.contoso.com"], ["192.0.2.10"]])("--name %s matches a SAN", async (name) => {
    const r = await verify("leaf.pem", "--trust", "root.pem", "--untrusted", "inter.pem", "--at", AT, "--name", name, "--no-revocation", "--json");
    expect(r.json().status).toBe("Valid");
  });

  test("cross-certificate: of two 'New Root' issuers, the one certified by the trusted Old Root is used", async () => {
    const r = await verify("newleaf.pem", "--trust", "oldroot.pem", "--untrusted", "newroots.pem", "--untrusted", "newca.pem", "--at", AT, "--no-revocation", "--json");
    const json = r.json();
    expect(json.status).toBe("Valid");
    expect(json.viaCrossCertificate).toBe(true);
    expect(json.chain).toEqual([sha1("newleaf.pem"), sha1("newca.pem"), sha1("newroot-cross.pem"), sha1("oldroot.pem")]);
    const direct = await verify("newleaf.pem", "--trust", "newroot.pem", "--untrusted", "newroots.pem", "--untrusted", "newca.pem", "--at", AT, "--no-revocation", "--json");
    expect(direct.json()).toMatchObject({ status: "Valid", viaCrossCertificate: false });
  });

  test("readable output shows status, chain with thumbprints, and problems by depth", async () => {
    const r = await verify("expired.pem", "--trust", "root.pem", "--untrusted", "inter.pem", "--at", AT, "--no-revocation");
    expect(r.out).toMatch(/^Status {6}: DateInvalid$/m);
    expect(r.out).toContain(`Thumbprint ${sha1("expired.pem")}`);
    expect(r.out).toMatch(/\[depth 0\] ERR_EXPIRED: .*expired on 2021-01-01T00:00:00Z/);
  });

  test("revocation: a leaf without CDP or OCSP checked offline is RevocationCheckFailure; an openssl CRL that revokes it gives Revoked", async () => {
    const unknown = await verify("leaf.pem", "--trust", "root.pem", "--untrusted", "inter.pem", "--at", AT, "--offline", "--json");
    const json = unknown.json();
    if (json.revocationEngine !== "checked") {
      expect(json.revocationEngine).toBe("unavailable");
      expect(json.status).toBe("Valid");
      return;
    }
    expect(json.status).toBe("RevocationCheckFailure");
    openssl("ca", "-batch", "-config", file("inter.cnf"), "-revoke", "leaf.pem", "-crl_reason", "keyCompromise");
    openssl("ca", "-batch", "-config", file("inter.cnf"), "-gencrl", "-crldays", "3650", "-out", "inter.crl");
    openssl("ca", "-batch", "-config", file("root.cnf"), "-gencrl", "-crldays", "3650", "-out", "root.crl");
    const revoked = await verify("leaf.pem", "--trust", "root.pem", "--untrusted", "inter.pem", "--crl", file("inter.crl"), "--crl", file("root.crl"), "--at", new Date().toISOString(), "--offline", "--json");
    expect(revoked.json().status).toBe("Revoked");
    expect(revoked.json().problems).toContainEqual(expect.objectContaining({ depth: 0, code: "ERR_REVOKED" }));
  });

  test.each([
    ["no leaf", []],
    ["two leaves", ["leaf.pem", "inter.pem"]],
    ["unknown flag", ["leaf.pem", "--frobnicate"]],
    ["bad purpose", ["leaf.pem", "--purpose", "email"]],
    ["bad date", ["leaf.pem", "--at", "yesterday"]],
    ["negative depth", ["leaf.pem", "--max-depth", "-1"]],
    ["fractional depth", ["leaf.pem", "--max-depth", "1.5"]],
    ["unreadable file", ["/nonexistent/leaf.pem"]],
    ["not a certificate", [path.resolve("package.json")]],
  ])("bad usage or unreadable input (%s) exits 2", async (_label, args) => {
    const r = await verify(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/certctl verify: /);
  });

  test.each([
    [0, "Invalid"],
    [1, "Valid"],
  ] as const)("--max-depth %i counts intermediates as openssl verify -verify_depth does → %s", async (depth, status) => {
    const r = await verify("leaf.pem", "--trust", "root.pem", "--untrusted", "inter.pem", "--at", AT, "--no-revocation", "--max-depth", String(depth), "--json");
    expect(r.json().status).toBe(status);
    if (status === "Invalid") expect(r.json().problems).toContainEqual(expect.objectContaining({ code: "ERR_MAX_DEPTH", reference: "RFC 5280 §6.1" }));
    const ossl = spawnSync("openssl", ["verify", "-verify_depth", String(depth), "-attime", String(Date.parse(AT) / 1000), "-CAfile", file("root.pem"), "-untrusted", file("inter.pem"), file("leaf.pem")], { encoding: "utf8" });
    expect(ossl.status === 0).toBe(status === "Valid");
  });

  test("a spawned certctl process exits 0 for Valid and prints JSON", () => {
    const cli = path.resolve(__dirname, "../certctl.ts");
    const result = spawnSync(process.execPath, ["--import", "tsx", cli, "verify", file("leaf.pem"), "--trust", file("root.pem"), "--untrusted", file("inter.pem"), "--at", AT, "--no-revocation", "--json"], { encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "Valid", revocationEngine: "skipped" });
  });
});

describe("certctl verify online: AIA caIssuers and CRL over HTTP through the net fetcher", () => {
  let server: Server;
  let base = "";
  const served: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      served.push(req.url ?? "");
      const name = req.url === "/inter.cer" ? "inter.der" : req.url === "/inter.crl" ? "online.crl" : null;
      if (!name) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "application/octet-stream" }).end(readFileSync(file(name)));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    writeFileSync(file("inter.der"), readDer("inter.pem"));
    writeFileSync(
      file("online.ext"),
      `[v3_online]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:online.contoso.com
authorityKeyIdentifier = keyid
authorityInfoAccess = caIssuers;URI:${base}/inter.cer
crlDistributionPoints = URI:${base}/inter.crl
`,
    );
    const year = new Date().getUTCFullYear();
    issue("online", "/CN=online.contoso.com/O=Contoso", "inter", "v3_online", `${year - 1}0101000000Z`, `${year + 5}0101000000Z`, file("online.ext"));
    openssl("ca", "-batch", "-config", file("inter.cnf"), "-gencrl", "-crldays", "30", "-out", "online.crl.pem");
    openssl("crl", "-in", "online.crl.pem", "-outform", "DER", "-out", "online.crl");
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("with --allow-private the missing intermediate is fetched from AIA and the leaf's CRL from its CDP", async () => {
    served.length = 0;
    const r = await verify("online.pem", "--trust", "root.pem", "--allow-private", "--json");
    const json = r.json() as ReturnType<typeof r.json> & { notes: string[]; fetched: { url: string; ok: boolean }[]; revocation: { depth: number; status: string }[] };
    if (json.notes.some((n) => n.startsWith("network fetcher not available"))) {
      expect(json.status).toBe("Untrusted");
      return;
    }
    expect(json.fetched).toEqual([expect.objectContaining({ url: `${base}/inter.cer`, ok: true })]);
    expect(json.chain).toEqual([sha1("online.pem"), sha1("inter.pem"), sha1("root.pem")]);
    expect(served).toContain("/inter.cer");
    if (json.revocationEngine === "checked") {
      expect(served).toContain("/inter.crl");
      expect(json.revocation[0]).toMatchObject({ depth: 0, status: "good" });
      // The intermediate names no CDP and no OCSP URL: like Windows, that is RevocationCheckFailure.
      expect(json.status).toBe("RevocationCheckFailure");
      expect(json.problems).toEqual([expect.objectContaining({ depth: 1, code: "ERR_REVOCATION_UNAVAILABLE" })]);
    }
  });

  test("without --allow-private the SSRF guard refuses the loopback AIA URL: the refusal is recorded and the chain is Untrusted", async () => {
    served.length = 0;
    const r = await verify("online.pem", "--trust", "root.pem", "--no-revocation", "--json");
    const json = r.json() as ReturnType<typeof r.json> & { notes: string[]; fetched: { url: string; ok: boolean; errorCode?: string }[] };
    expect(json.status).toBe("Untrusted");
    if (json.notes.some((n) => n.startsWith("network fetcher not available"))) return;
    expect(json.fetched).toEqual([expect.objectContaining({ url: `${base}/inter.cer`, ok: false })]);
    expect(served).toEqual([]);
  });
});
