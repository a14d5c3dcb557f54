// certctl inspect: everything found in a file — each certificate in the Exchange list view, private keys,
// friendly names, requests and CRLs. Exit 0 when readable, 2 when unreadable or the password is wrong.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { describeCertificate } from "../../lib/pki/certificate/description";
import { describeCertificateRequest } from "../../lib/pki/csr/request-info";
import { readTlv, tlvChildren, tlvTime, TAG } from "../../lib/pki/asn1/der";
import { formatNameDer } from "../../lib/pki/name/distinguished-name";
import { PkiError } from "../../lib/pki/errors";
import { formatList, formatPowerShellDate, renderExchangeListView } from "../../lib/pki/exchange/list-view";
import { readBundle, type Bundle } from "../../lib/pki/formats/read-bundle";
import { EXIT_OK, UsageError, type CliCommand, type CliIo } from "../io";

const HELP = `usage: certctl inspect <file> [--password P] [--json]
Reads PEM/DER certificates, PEM bundles, PKCS#7 (.p7b/.p7c), PKCS#12 (.pfx/.p12), PKCS#10 requests, CRLs and
private keys; the format is detected from the bytes. Prints each certificate as Get-ExchangeCertificate | fl.
Exit 0 when the file was read, 2 when it is unreadable or the password is wrong.`;

/** Reads a file for a verb, mapping I/O errors to ERR_INPUT_UNREADABLE. */
export function readInputFile(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (error) {
    throw new PkiError("ERR_INPUT_UNREADABLE", `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function crlSummary(der: Uint8Array): { Issuer: string; ThisUpdate: Date | null; NextUpdate: Date | null } {
  try {
    const [tbs] = tlvChildren(der, readTlv(der));
    const f = tlvChildren(der, tbs!);
    const i = f[0]?.tag === TAG.INTEGER ? 1 : 0;
    const issuer = f[i + 1]!;
    const next = f[i + 3];
    return {
      Issuer: formatNameDer(der.slice(issuer.start, issuer.end)),
      ThisUpdate: tlvTime(der, f[i + 2]!),
      NextUpdate: next && (next.tag === TAG.UTC_TIME || next.tag === TAG.GENERALIZED_TIME) ? tlvTime(der, next) : null,
    };
  } catch (error) {
    throw new PkiError("ERR_CRL_MALFORMED", `The CRL is malformed: ${(error as Error).message}`);
  }
}

/** The JSON document `inspect --json` prints. */
export function inspectBundle(bundle: Bundle) {
  return {
    format: bundle.format,
    encoding: bundle.encoding,
    ...(bundle.protection ? { protection: bundle.protection } : {}),
    certificates: bundle.certificates.map((c) => {
      const key = bundle.privateKeys.find((k) => k.certificateThumbprint === c.thumbprint);
      return {
        ...describeCertificate(c.der),
        FriendlyName: c.friendlyName ?? key?.friendlyName ?? "",
        HasPrivateKey: key !== undefined,
        ...(key ? { PrivateKeyAlgorithm: key.key.algorithm, PrivateKeySize: key.key.size } : {}),
      };
    }),
    privateKeys: bundle.privateKeys.map((k) => ({ ...k.key, friendlyName: k.friendlyName ?? null, localKeyId: k.localKeyId ?? null, certificateThumbprint: k.certificateThumbprint ?? null })),
    requests: bundle.requests.map((r) => describeCertificateRequest(r.der)),
    crls: bundle.crls.map((c) => crlSummary(c.der)),
  };
}

function render(doc: ReturnType<typeof inspectBundle>): string {
  const parts: string[] = [`Format : ${doc.format} (${doc.encoding})`];
  if (doc.protection) parts[0] += `\nMAC    : ${doc.protection.mac ? `${doc.protection.mac.hash}, ${doc.protection.mac.iterations} iterations` : "none"}\nCipher : ${[...new Set(doc.protection.encryption)].join(", ") || "none"}`;
  doc.certificates.forEach((c, i) => {
    parts.push(`Certificate ${i + 1} of ${doc.certificates.length}\n\n${renderExchangeListView(c, { FriendlyName: c.FriendlyName, HasPrivateKey: c.HasPrivateKey })}`);
  });
  doc.privateKeys.forEach((k, i) => {
    parts.push(
      `Private key ${i + 1} of ${doc.privateKeys.length}\n\n${formatList([
        ["Algorithm", k.curve ? `${k.algorithm} ${k.curve}` : k.algorithm],
        ["KeySize", String(k.size)],
        ["FriendlyName", k.friendlyName ?? ""],
        ["Certificate", k.certificateThumbprint ?? "(no matching certificate in this file)"],
      ])}`,
    );
  });
  doc.requests.forEach((r, i) => {
    parts.push(
      `Certificate request ${i + 1} of ${doc.requests.length}\n\n${formatList([
        ["CertificateDomains", `{${r.CertificateDomains.join(", ")}}`],
        ["KeyAlgorithm", r.KeyCurve ? `${r.KeyAlgorithm} ${r.KeyCurve}` : r.KeyAlgorithm],
        ["PublicKeySize", String(r.PublicKeySize)],
        ["SignatureAlgorithm", r.SignatureAlgorithm],
        ["Status", "PendingRequest"],
        ["Subject", r.Subject],
      ])}`,
    );
  });
  doc.crls.forEach((c, i) => {
    parts.push(
      `CRL ${i + 1} of ${doc.crls.length}\n\n${formatList([
        ["Issuer", c.Issuer],
        ["ThisUpdate", c.ThisUpdate ? formatPowerShellDate(c.ThisUpdate) : ""],
        ["NextUpdate", c.NextUpdate ? formatPowerShellDate(c.NextUpdate) : ""],
      ])}`,
    );
  });
  return parts.join("\n\n");
}

export const run: CliCommand = async (args: string[], io: CliIo) => {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { password: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${HELP}`);
  }
  if (parsed.values.help) {
    io.out(HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length !== 1) throw new UsageError(`expected exactly one file\n${HELP}`);
  const file = parsed.positionals[0]!;
  const bundle = await readBundle(readInputFile(file), parsed.values.password === undefined ? {} : { password: parsed.values.password });
  const doc = inspectBundle(bundle);
  io.out(parsed.values.json ? JSON.stringify(doc, null, 2) : render(doc));
  return EXIT_OK;
};
