import { readFileSync } from "node:fs";
import path from "node:path";
import { EXIT_OK, UsageError, parseVerbArgs, type CliCommand } from "../io";
import { emsText, runDatabaseVerb, serverIdsOf } from "../database-verb";

const USAGE = `usage: certctl import --file F --server NAME[,NAME…] [--password P] [--exportable] [--friendly-name N] [--trust-chain] [--as USER] [--json]
Import-ExchangeCertificate into the console database (PFX/P12 with its password, P7B, CER/PEM), as the console user --as.
--trust-chain places the file's CA certificates in the servers' stores (roots: Trusted Root, others: Intermediate).
The status, revocation included, is computed before the command returns.`;

/** `certctl import`: the Import wizard's use-case from the shell. */
export const run: CliCommand = async (args, io) => {
  const values = parseVerbArgs(
    args,
    {
      file: { type: "string" },
      server: { type: "string" },
      password: { type: "string" },
      exportable: { type: "boolean" },
      "friendly-name": { type: "string" },
      "trust-chain": { type: "boolean" },
      as: { type: "string" },
      json: { type: "boolean" },
    },
    USAGE,
    io,
  );
  if (!values) return EXIT_OK;
  if (!values.file || !values.server) throw new UsageError(`--file and --server are required\n${USAGE}`);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(values.file));
  } catch (error) {
    throw new UsageError(`cannot read ${values.file}: ${(error as Error).message}`);
  }
  const servers = await serverIdsOf(values.server);
  if (servers.unknown.length) throw new UsageError(`no server named ${servers.unknown.join(", ")}`);
  const { importCertificate, inspectImport } = await import("@/lib/server/certificates/import-certificate");
  const file = { bytes, password: values.password ?? "", fileName: path.basename(values.file) };
  return runDatabaseVerb(
    io,
    { verb: "import", as: values.as, json: values.json, target: path.basename(values.file) },
    async (actor) => {
      const chain = values["trust-chain"] ? (await inspectImport(actor, file)).chain : [];
      return importCertificate(actor, file, {
        serverIds: servers.ids,
        exportable: Boolean(values.exportable),
        trustStores: chain.map((c) => ({ thumbprint: c.thumbprint, store: c.isSelfSigned ? "TrustedRoot" : "Intermediate" })),
        ...(values["friendly-name"] ? { friendlyName: values["friendly-name"] } : {}),
      });
    },
    (r) => `Imported ${r.thumbprint} (${r.subject}) on ${r.servers.join(", ")}: status ${r.status}. ${r.statusReason}${emsText(r.ems)}`,
  );
};
