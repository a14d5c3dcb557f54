// certctl pfx: build a password-protected PKCS#12 from a certificate, its key and an optional chain.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { PkiError } from "../../lib/pki/errors";
import { formatList } from "../../lib/pki/exchange/list-view";
import { exportPkcs12 } from "../../lib/pki/pkcs12/export";
import { privateKeyMatchesCertificate } from "../../lib/pki/crypto/private-key";
import { readBundle, type BundleCertificate } from "../../lib/pki/formats/read-bundle";
import { EXIT_OK, UsageError, type CliCommand, type CliIo } from "../io";
import { readInputFile } from "./inspect";

const HELP = `usage: certctl pfx --cert c.pem [--chain ch.pem] --key k.pem [--key-password P] --password P [--legacy] [--name F] --out f.pfx [--json]
Default encryption is AES-256-CBC/PBKDF2 with a SHA-256 MAC; --legacy writes the "compatible (TripleDES-SHA1)"
form older Windows and Exchange need. Extra certificates in --cert are added to the chain.
Exit 0 on success, 2 on bad usage, unreadable input or a key that does not match the certificate.`;

export const run: CliCommand = async (args: string[], io: CliIo) => {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        cert: { type: "string" },
        chain: { type: "string", multiple: true },
        key: { type: "string" },
        "key-password": { type: "string" },
        password: { type: "string" },
        legacy: { type: "boolean" },
        name: { type: "string" },
        out: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${HELP}`);
  }
  const v = parsed.values;
  if (v.help) {
    io.out(HELP);
    return EXIT_OK;
  }
  if (!v.cert || !v.key || !v.out) throw new UsageError(`--cert, --key and --out are required\n${HELP}`);
  if (v.password === undefined) throw new UsageError(`--password is required (use --password "" for an empty password)\n${HELP}`);
  const certs = (await readBundle(readInputFile(v.cert))).certificates;
  if (certs.length === 0) throw new PkiError("ERR_CERT_MALFORMED", `${v.cert} holds no certificate`);
  const keys = (await readBundle(readInputFile(v.key), v["key-password"] === undefined ? {} : { password: v["key-password"] })).privateKeys;
  if (keys.length === 0) throw new PkiError("ERR_KEY_MALFORMED", `${v.key} holds no private key`);
  const key = keys[0]!;
  const leaf = certs.find((c) => privateKeyMatchesCertificate(key.pkcs8, c.der));
  if (!leaf) throw new PkiError("ERR_KEY_MISMATCH", `the private key in ${v.key} does not belong to any certificate in ${v.cert}`);
  const extra: BundleCertificate[] = [];
  for (const f of v.chain ?? []) extra.push(...(await readBundle(readInputFile(f))).certificates);
  const chain = [...certs.filter((c) => c !== leaf), ...extra].filter(
    (c, i, all) => c.thumbprint !== leaf.thumbprint && all.findIndex((o) => o.thumbprint === c.thumbprint) === i,
  );
  const pfx = exportPkcs12({
    certificate: leaf.der,
    privateKey: key.pkcs8,
    chain: chain.map((c) => c.der),
    password: v.password,
    encryption: v.legacy ? "tripleDesSha1" : "aes256",
    ...(v.name !== undefined ? { friendlyName: v.name } : {}),
  });
  writeFileSync(v.out, pfx, { mode: 0o600 });
  const summary = {
    File: v.out,
    Thumbprint: leaf.thumbprint,
    ChainCertificates: String(chain.length),
    FriendlyName: v.name ?? "",
    Encryption: v.legacy ? "pbeWithSHA1And3-KeyTripleDES-CBC, MAC SHA-1 (compatible)" : "PBES2/PBKDF2-SHA256 AES-256-CBC, MAC SHA-256",
  };
  io.out(v.json ? JSON.stringify({ ...summary, chain: chain.map((c) => c.thumbprint) }, null, 2) : formatList(Object.entries(summary)));
  return EXIT_OK;
};
