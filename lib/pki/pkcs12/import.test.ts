import { createPrivateKey } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { openssl, makeTestPki, bytesOf } from "../formats/__fixtures__/openssl";
import { formatNameDer } from "../name/distinguished-name";
import { isPkiError } from "../errors";
import { parsePem } from "../formats/pem";
import { importPkcs12 } from "./import";
import { concatBytes, readTlv, tlvChildren, tlvValue } from "../asn1/der";
import { derContext, derOctetString, derSequence } from "../asn1/der-writer";
import { nestConstructed } from "@/test/harness/hostile-pki";
import { privateKeyMatchesCertificate } from "../crypto/private-key";
import { summarizeCertificate } from "../certificate/summary";
import { thumbprint } from "../certificate/thumbprint";

const VECTORS = "/usr/lib/python3/dist-packages/cryptography_vectors/pkcs12";
const CA = "cryptography CA";
const RAPID = "www.cryptography.io";
const LE = "Let's Encrypt Authority X3";

/** [file, password, certificates as "CN=friendlyName|-", keys as friendlyName|-] — names from cryptography's test_pkcs12.py. */
const TABLE: [string, string, string[], string[]][] = [
  ["cert-aes256cbc-no-key.p12", "cryptography", [`${CA}|-`], []],
  ["cert-key-aes256cbc.p12", "cryptography", [`${CA}|-`], ["-"]],
  ["cert-none-key-none.p12", "cryptography", [`${CA}|-`], ["-"]],
  ["cert-rc2-key-3des.p12", "cryptography", [`${CA}|-`], ["-"]],
  ["no-cert-key-aes256cbc.p12", "cryptography", [], ["-"]],
  ["no-password.p12", "", [`${CA}|${CA}`], ["6BC162DA"]],
  ...(["pwd", "no-pwd"] as const).flatMap((kind): [string, string, string[], string[]][] => {
    const pw = kind === "pwd" ? "password" : "";
    return [
      [`name-1-${kind}.p12`, pw, [`${CA}|name`, `${RAPID}|-`, `${LE}|-`], ["name"]],
      [`name-2-${kind}.p12`, pw, [`${CA}|-`, `${RAPID}|name2`, `${LE}|-`], ["-"]],
      [`name-3-${kind}.p12`, pw, [`${CA}|-`, `${RAPID}|-`, `${LE}|name3`], ["-"]],
      [`name-2-3-${kind}.p12`, pw, [`${CA}|-`, `${RAPID}|name2`, `${LE}|name3`], ["-"]],
      [`name-all-${kind}.p12`, pw, [`${CA}|name`, `${RAPID}|name2`, `${LE}|name3`], ["name"]],
      [`name-unicode-${kind}.p12`, pw, [`${CA}|☺`, `${RAPID}|ä`, `${LE}|ç`], ["☺"]],
      [`no-name-${kind}.p12`, pw, [`${CA}|-`, `${RAPID}|-`, `${LE}|-`], ["-"]],
      [`no-cert-name-2-${kind}.p12`, pw, [`${RAPID}|name2`, `${LE}|-`], []],
      [`no-cert-name-3-${kind}.p12`, pw, [`${RAPID}|-`, `${LE}|name3`], []],
      [`no-cert-name-all-${kind}.p12`, pw, [`${RAPID}|name2`, `${LE}|name3`], []],
      [`no-cert-name-unicode-${kind}.p12`, pw, [`${RAPID}|☹`, `${LE}|ï`], []],
      [`no-cert-no-name-${kind}.p12`, pw, [`${RAPID}|-`, `${LE}|-`], []],
    ];
  }),
];

/** Private key re-encoded by OpenSSL, so that equal keys compare equal whatever optional fields they carry. */
const canonical = (pkcs8: Uint8Array) => createPrivateKey({ key: Buffer.from(pkcs8), format: "der", type: "pkcs8" }).export({ type: "pkcs8", format: "der" }).toString("hex");
const cn = (der: Uint8Array) => /CN=("?)(.*?)\1(?:, |$)/.exec(formatNameDer(summarizeCertificate(der).subjectDer))?.[2];

/** What openssl itself finds in the file: certificate thumbprints and private-key SPKI checks. */
function opensslView(file: string, password: string) {
  const out = openssl(["pkcs12", "-legacy", "-nodes", "-in", file, "-passin", `pass:${password}`], path.dirname(file));
  const blocks = parsePem(out);
  return {
    certThumbprints: blocks.filter((b) => b.label === "CERTIFICATE").map((b) => thumbprint(b.der)),
    keys: blocks.filter((b) => b.label === "PRIVATE KEY").map((b) => canonical(b.der)),
  };
}

describe("PKCS#12 vectors from python3-cryptography-vectors", () => {
  test("the table covers every file of the directory", async () => {
    expect(TABLE.map((r) => r[0]).sort()).toEqual(readdirSync(VECTORS).filter((f) => f.endsWith(".p12")).sort());
  });

  test.each(TABLE)("%s imports with the right certificates, keys and friendly names", async (file, password, certs, keys) => {
    const full = path.join(VECTORS, file);
    const p12 = (await importPkcs12(new Uint8Array(readFileSync(full)), password));
    expect(p12.certificates.map((c) => `${cn(c.der)}|${c.friendlyName ?? "-"}`)).toEqual(certs);
    expect(p12.privateKeys.map((k) => k.friendlyName ?? "-")).toEqual(keys);
    const oracle = opensslView(full, password);
    expect(p12.certificates.map((c) => thumbprint(c.der)).sort()).toEqual([...oracle.certThumbprints].sort());
    expect(p12.privateKeys.map((k) => canonical(k.pkcs8))).toEqual(oracle.keys);
    const caCert = p12.certificates.find((c) => cn(c.der) === CA);
    for (const key of p12.privateKeys) if (caCert) expect(privateKeyMatchesCertificate(key.pkcs8, caCert.der)).toBe(true);
  });

  test.each(TABLE.filter(([, pw, , keys]) => pw !== "" || keys.length > 0).map((r) => [r[0]]))("%s refuses a wrong password with ERR_PFX_BAD_PASSWORD", async (file) => {
    const bytes = new Uint8Array(readFileSync(path.join(VECTORS, file)));
    let code = "none";
    try {
      await importPkcs12(bytes, "not-the-password");
    } catch (error) {
      code = isPkiError(error) ? error.code : `foreign:${String(error)}`;
    }
    expect(code).toBe("ERR_PFX_BAD_PASSWORD");
  });
});

describe("PKCS#12 files made by openssl pkcs12 -export", () => {
  const pki = makeTestPki();
  const dir = pki.dir;
  const leafThumb = thumbprint(parsePem(readFileSync(pki.leafCert, "latin1"))[0]!.der);
  const make = (name: string, password: string, extra: string[]) => {
    openssl(["pkcs12", "-export", "-in", pki.leafCert, "-inkey", pki.leafKey, "-out", name, "-passout", `pass:${password}`, ...extra], dir);
    return path.join(dir, name);
  };
  const CASES: [string, string, string[], { certs: number; name?: string; mac: string | null; enc: RegExp }][] = [
    ["default (AES-256/PBKDF2/SHA-256 MAC)", "Secr3t!", [], { certs: 1, mac: "sha256", enc: /AES-256-CBC/ }],
    ["-legacy (RC2-40 + 3DES, SHA-1 MAC)", "Secr3t!", ["-legacy"], { certs: 1, mac: "sha1", enc: /RC2/ }],
    ["-nomac", "Secr3t!", ["-nomac"], { certs: 1, mac: null, enc: /AES/ }],
    ["-keypbe NONE -certpbe NONE", "Secr3t!", ["-keypbe", "NONE", "-certpbe", "NONE"], { certs: 1, mac: "sha256", enc: /^$/ }],
    ["-name and -certfile chain", "Secr3t!", ["-name", "Exchange 2010 SAN", "-certfile", "chain.pem"], { certs: 3, name: "Exchange 2010 SAN", mac: "sha256", enc: /AES/ }],
    ["Unicode password", "pässwörd☺", [], { certs: 1, mac: "sha256", enc: /AES/ }],
    ["Unicode password, -legacy", "pässwörd☺", ["-legacy"], { certs: 1, mac: "sha1", enc: /3DES|TripleDES/ }],
    ["empty password", "", [], { certs: 1, mac: "sha256", enc: /AES/ }],
    ["empty password, -legacy", "", ["-legacy"], { certs: 1, mac: "sha1", enc: /RC2/ }],
    ["-descert (3DES certificates)", "Secr3t!", ["-descert"], { certs: 1, mac: "sha256", enc: /TripleDES/ }],
    ["RC4-128 certificates, RC4-40 key", "Secr3t!", ["-legacy", "-certpbe", "PBE-SHA1-RC4-128", "-keypbe", "PBE-SHA1-RC4-40"], { certs: 1, mac: "sha1", enc: /128BitRC4.*40BitRC4/ }],
    ["RC2-128 certificates, 2-key 3DES key", "Secr3t!", ["-legacy", "-certpbe", "PBE-SHA1-RC2-128", "-keypbe", "PBE-SHA1-2DES"], { certs: 1, mac: "sha1", enc: /128BitRC2.*2-KeyTripleDES/ }],
    ["PBES2 AES-192/AES-128, SHA-512 MAC", "Secr3t!", ["-keypbe", "aes-128-cbc", "-certpbe", "aes-192-cbc", "-macalg", "sha512"], { certs: 1, mac: "sha512", enc: /AES-192-CBC.*AES-128-CBC/ }],
    ["PBES2 3DES, SHA-384 MAC", "Secr3t!", ["-keypbe", "des-ede3-cbc", "-certpbe", "des-ede3-cbc", "-macalg", "sha384"], { certs: 1, mac: "sha384", enc: /PBES2\/PBKDF2 DES-EDE3-CBC/ }],
    ["100,000 iterations", "Secr3t!", ["-iter", "100000", "-maciter"], { certs: 1, mac: "sha256", enc: /AES-256-CBC/ }],
  ];
  test.each(CASES)("%s", async (label, password, extra, want) => {
    const file = make(`${label.replace(/\W+/g, "_")}.pfx`, password, extra);
    const p12 = (await importPkcs12(bytesOf(file), password));
    expect(p12.certificates).toHaveLength(want.certs);
    expect(p12.privateKeys).toHaveLength(1);
    const leaf = p12.certificates.find((c) => thumbprint(c.der) === leafThumb)!;
    expect(leaf).toBeDefined();
    expect(privateKeyMatchesCertificate(p12.privateKeys[0]!.pkcs8, leaf.der)).toBe(true);
    expect(leaf.localKeyId).toBe(p12.privateKeys[0]!.localKeyId);
    if (want.name) expect([leaf.friendlyName, p12.privateKeys[0]!.friendlyName]).toEqual([want.name, want.name]);
    expect(p12.mac?.hash ?? null).toBe(want.mac);
    expect(p12.encryption.join(" ")).toMatch(want.enc);
    if (password !== "" || want.mac) {
      await expect(importPkcs12(bytesOf(file), `${password}x`)).rejects.toThrowError(expect.objectContaining({ code: "ERR_PFX_BAD_PASSWORD" }));
    }
  });

  test("a missing password is reported as missing, not as incorrect (regression: the import wizard said 'incorrect' for an empty field)", async () => {
    const file = make("needs-password.pfx", "Secr3t!", []);
    await expect(importPkcs12(bytesOf(file), "")).rejects.toThrowError(expect.objectContaining({ code: "ERR_PFX_PASSWORD_MISSING", message: expect.stringMatching(/protected by a password/) }));
    await expect(importPkcs12(bytesOf(file))).rejects.toThrowError(expect.objectContaining({ code: "ERR_PFX_PASSWORD_MISSING" }));
    await expect(importPkcs12(bytesOf(file), "wrong")).rejects.toThrowError(expect.objectContaining({ code: "ERR_PFX_BAD_PASSWORD" }));
    // A file exported with the empty password still opens without one.
    expect((await importPkcs12(bytesOf(make("empty-password.pfx", "", [])), "")).privateKeys).toHaveLength(1);
  });

  test("a non-ASCII password is not confused with its Latin-1 look-alike", async () => {
    const file = make("latin.pfx", "ä", []);
    expect((await importPkcs12(bytesOf(file), "ä")).privateKeys).toHaveLength(1);
    await expect(importPkcs12(bytesOf(file), "Ã¤")).rejects.toThrowError(expect.objectContaining({ code: "ERR_PFX_BAD_PASSWORD" }));
  });

  test("a BER file (indefinite lengths, chunked OCTET STRING, as Java and some Windows tools write) imports", async () => {
    const der = bytesOf(make("ber.pfx", "Secr3t!", []));
    const [version, authSafe, macData] = tlvChildren(der, readTlv(der));
    const [oid, wrapped] = tlvChildren(der, authSafe!);
    const content = tlvValue(der, tlvChildren(der, wrapped!)[0]!);
    const chunks: Uint8Array[] = [];
    for (let o = 0; o < content.length; o += 100) chunks.push(derOctetString(content.subarray(o, o + 100)));
    const eoc = Uint8Array.of(0, 0);
    const slice = (t: { start: number; end: number }) => der.subarray(t.start, t.end);
    const ber = concatBytes([Uint8Array.of(0x30, 0x80), slice(version!), Uint8Array.of(0x30, 0x80), slice(oid!), Uint8Array.of(0xa0, 0x80, 0x24, 0x80), ...chunks, eoc, eoc, eoc, slice(macData!), eoc]);
    const p12 = (await importPkcs12(ber, "Secr3t!"));
    expect(p12.certificates.map((c) => thumbprint(c.der))).toEqual([leafThumb]);
    expect(p12.privateKeys).toHaveLength(1);
    await expect(importPkcs12(ber, "wrong")).rejects.toThrowError(expect.objectContaining({ code: "ERR_PFX_BAD_PASSWORD" }));
  });

  test.each([
    [2, "imports"],
    [6, "ERR_DER_NESTING"],
    [10_000, "ERR_DER_NESTING"],
  ] as const)("the authenticated safe inside %i nested constructed OCTET STRINGs → %s (BoringSSL refuses deep nesting too)", async (levels, outcome) => {
    const der = bytesOf(make("nested.pfx", "Secr3t!", []));
    const [version, authSafe, macData] = tlvChildren(der, readTlv(der));
    const [oid, wrapped] = tlvChildren(der, authSafe!);
    const octets = tlvChildren(der, wrapped!)[0]!;
    const nested = nestConstructed(der.subarray(octets.start, octets.end), levels);
    const slice = (t: { start: number; end: number }) => der.subarray(t.start, t.end);
    const pfx = derSequence(slice(version!), derSequence(slice(oid!), derContext(0, nested)), slice(macData!));
    if (outcome === "imports") expect((await importPkcs12(pfx, "Secr3t!")).certificates.map((c) => thumbprint(c.der))).toEqual([leafThumb]);
    else await expect(importPkcs12(pfx, "Secr3t!")).rejects.toThrowError(expect.objectContaining({ code: outcome }));
  });

  test("a truncated file is ERR_PFX_MALFORMED", async () => {
    const file = make("trunc.pfx", "x", []);
    const bytes = bytesOf(file);
    await expect(importPkcs12(bytes.subarray(0, 200), "x")).rejects.toThrowError(expect.objectContaining({ code: "ERR_PFX_MALFORMED" }));
  });
});
