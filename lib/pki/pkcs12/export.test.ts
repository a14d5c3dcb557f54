import { writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { bytesOf, makeTestPki, openssl } from "../formats/__fixtures__/openssl";
import { parsePem } from "../formats/pem";
import { exportPkcs12, type Pkcs12Encryption } from "./export";
import { importPkcs12 } from "./import";
import { readBundle } from "../formats/read-bundle";
import { thumbprint } from "../certificate/thumbprint";

describe("exportPkcs12", async () => {
  const pki = makeTestPki();
  const dir = pki.dir;
  const leaf = (await readBundle(bytesOf(pki.leafCert))).certificates[0]!.der;
  const key = (await readBundle(bytesOf(pki.leafKey))).privateKeys[0]!.pkcs8;
  const chain = (await readBundle(bytesOf(pki.chainPem))).certificates.map((c) => c.der);

  const CASES: [string, Pkcs12Encryption, string, boolean, string | undefined, RegExp][] = [
    ["AES-256 default", "aes256", "Secr3t!", false, "Exchange 2010 SAN", /MAC: sha256.*\n[\s\S]*PBES2, PBKDF2, AES-256-CBC[\s\S]*Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC/],
    ["AES-256 with chain", "aes256", "Secr3t!", true, undefined, /PBES2/],
    ["3DES/SHA-1 compatible", "tripleDesSha1", "Secr3t!", true, "mail.contoso.com", /MAC: sha1[\s\S]*pbeWithSHA1And3-KeyTripleDES-CBC[\s\S]*Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC/],
    ["Unicode password", "aes256", "pässwörd☺", false, "ümlaut name", /PBES2/],
    ["Unicode password, 3DES", "tripleDesSha1", "pässwörd☺", false, undefined, /TripleDES/],
    ["empty password", "aes256", "", false, undefined, /PBES2/],
  ];

  test.each(CASES)("%s opens with openssl pkcs12 -info and pairs certificate and key", async (label, encryption, password, withChain, name, info) => {
    const pfx = exportPkcs12({ certificate: leaf, privateKey: key, password, encryption, ...(withChain ? { chain } : {}), ...(name ? { friendlyName: name } : {}) });
    const file = path.join(dir, `${label.replace(/\W+/g, "_")}.pfx`);
    writeFileSync(file, pfx);
    const args = ["pkcs12", "-info", "-nodes", "-in", file, "-passin", `pass:${password}`, ...(encryption === "tripleDesSha1" ? ["-legacy"] : [])];
    // `-info` prints the MAC and encryption schemes on stderr, the PEM of what it decrypted on stdout.
    const run = spawnSync("openssl", args, { cwd: dir, encoding: "latin1" });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(info);
    const blocks = parsePem(run.stdout);
    const certs = blocks.filter((b) => b.label === "CERTIFICATE").map((b) => thumbprint(b.der));
    expect(certs[0]).toBe(thumbprint(leaf));
    expect(certs).toHaveLength(withChain ? 3 : 1);
    // openssl's own view: the exported key matches the exported certificate.
    writeFileSync(path.join(dir, "k.pem"), blocks.filter((b) => b.label === "PRIVATE KEY").map((b) => `-----BEGIN PRIVATE KEY-----\n${Buffer.from(b.der).toString("base64")}\n-----END PRIVATE KEY-----\n`).join(""));
    writeFileSync(path.join(dir, "c.pem"), `-----BEGIN CERTIFICATE-----\n${Buffer.from(leaf).toString("base64")}\n-----END CERTIFICATE-----\n`);
    expect(openssl(["pkey", "-in", "k.pem", "-pubout"], dir)).toBe(openssl(["x509", "-in", "c.pem", "-noout", "-pubkey"], dir));
    if (name && /^[\x20-\x7e]*$/.test(name)) expect(run.stdout).toContain(`friendlyName: ${name}`);
    // And our importer reads it back with the friendly name and localKeyId.
    const back = (await importPkcs12(pfx, password));
    expect(back.certificates[0]!.friendlyName).toBe(name);
    expect(back.privateKeys[0]!.friendlyName).toBe(name);
    expect(back.privateKeys[0]!.localKeyId).toBe(back.certificates[0]!.localKeyId);
    await expect(importPkcs12(pfx, `${password}-wrong`)).rejects.toThrowError(expect.objectContaining({ code: "ERR_PFX_BAD_PASSWORD" }));
  });

  test("a key that is not the certificate's is refused", async () => {
    const other = (await readBundle(bytesOf(path.join(dir, "inter.key")))).privateKeys[0]!.pkcs8;
    expect(() => exportPkcs12({ certificate: leaf, privateKey: other, password: "x" })).toThrowError(expect.objectContaining({ code: "ERR_KEY_MISMATCH" }));
  });
});
