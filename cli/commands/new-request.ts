// certctl new-request: New-ExchangeCertificate -GenerateRequest — a PKCS#10 request and its private key.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { generateCertificateRequest, type CertificateRequestOptions } from "../../lib/pki/csr/csr";
import { formatList } from "../../lib/pki/exchange/list-view";
import { toPem } from "../../lib/pki/formats/pem";
import { EXIT_OK, UsageError, type CliCommand, type CliIo } from "../io";

const HELP = `usage: certctl new-request --subject "C=US,S=WA,L=Redmond,O=Contoso,CN=mail.contoso.com" [--domain D]…
         [--key-size 1024|2048|4096 | --curve P-256|P-384] [--der] [--friendly-name F] --out req.csr --key-out key.pem [--json]
Writes the request (Base64/PEM, or DER with --der, like -BinaryEncoded) and the private key (PKCS#8 PEM, file mode 0600).
The CN is added to the domains when missing. Exit 0 on success, 2 on bad usage or invalid names.`;

export const run: CliCommand = async (args: string[], io: CliIo) => {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        subject: { type: "string" },
        domain: { type: "string", multiple: true },
        "key-size": { type: "string" },
        curve: { type: "string" },
        der: { type: "boolean" },
        "friendly-name": { type: "string" },
        out: { type: "string" },
        "key-out": { type: "string" },
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
  if (!v.subject) throw new UsageError(`--subject is required\n${HELP}`);
  if (!v.out || !v["key-out"]) throw new UsageError(`--out and --key-out are required\n${HELP}`);
  if (v["key-size"] && v.curve) throw new UsageError("give either --key-size or --curve, not both");
  const options: CertificateRequestOptions = { subject: v.subject, domains: (v.domain ?? []).flatMap((d) => d.split(",")).filter((d) => d.trim() !== "") };
  if (v["key-size"]) {
    const size = Number(v["key-size"]);
    if (![1024, 2048, 4096].includes(size)) throw new UsageError(`--key-size must be 1024, 2048 or 4096, not ${v["key-size"]}`);
    options.keySize = size as 1024 | 2048 | 4096;
  }
  if (v.curve) {
    if (v.curve !== "P-256" && v.curve !== "P-384") throw new UsageError(`--curve must be P-256 or P-384, not ${v.curve}`);
    options.curve = v.curve;
  }
  if (v["friendly-name"] !== undefined) options.friendlyName = v["friendly-name"];
  const request = await generateCertificateRequest(options);
  writeFileSync(v["key-out"], toPem(request.privateKeyPkcs8, "PRIVATE KEY"), { mode: 0o600 });
  writeFileSync(v.out, v.der ? request.csrDer : request.csrPem);
  for (const w of request.warnings) io.err(`WARNING: ${w}`);
  const summary = {
    Subject: v.subject,
    CertificateDomains: request.domains,
    Key: options.curve ? `EC ${options.curve}` : `RSA ${options.keySize ?? 2048}`,
    FriendlyName: request.friendlyName ?? "",
    SpkiSha256: request.spkiSha256,
    Request: v.out,
    PrivateKey: v["key-out"],
    Encoding: v.der ? "DER" : "Base64",
    Status: "PendingRequest",
  };
  io.out(
    v.json
      ? JSON.stringify({ ...summary, warnings: request.warnings }, null, 2)
      : formatList(Object.entries(summary).map(([k, val]) => [k, Array.isArray(val) ? `{${val.join(", ")}}` : String(val)])),
  );
  return EXIT_OK;
};
